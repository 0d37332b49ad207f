using System.Numerics;

namespace Dashboard.Web.Components.Pages.Staking;

/// <summary>A bound an amount field checks as the person types, with what to say when it is crossed.</summary>
public sealed record AmountLimit(BigInteger Wei, string Message, bool Minimum = false)
{
    public bool Crossed(BigInteger wei) => Minimum ? wei < Wei : wei > Wei;
}
