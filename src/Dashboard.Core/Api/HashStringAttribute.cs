namespace Dashboard.Core.Api;

/// <summary>Marks a string that holds a 32-byte hash (transaction or block), lower-case hex with 0x.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class HashStringAttribute : Attribute
{
    public const string Pattern = "^0x[0-9a-f]{64}$";
}
