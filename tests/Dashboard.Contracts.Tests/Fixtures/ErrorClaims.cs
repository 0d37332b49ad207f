using System.Reflection;
using System.Text.RegularExpressions;

namespace Dashboard.Contracts.Tests.Fixtures;

/// <summary>
/// Which custom errors a test claims to prove, read from its name: <c>..._reverts_with_AmountBelowMinLock</c> (or
/// <c>_revert_with_</c>), several joined by <c>_or_</c>. The coverage test counts these claims; <see cref="ContractTest"/> checks after each
/// test that every error its name claims was really asserted.
/// </summary>
public static partial class ErrorClaims
{
    public static IReadOnlyList<string> Of(string testName)
    {
        var match = ClaimPattern().Match(testName);
        return match.Success ? match.Groups["errors"].Value.Split("_or_") : [];
    }

    /// <summary>Every test method of this assembly with the errors its name claims.</summary>
    public static IReadOnlyList<(MethodInfo Test, IReadOnlyList<string> Errors)> AllTests() =>
        typeof(ErrorClaims).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
            .Select(m => (m, Of(m.Name)))
            .ToArray();

    [GeneratedRegex("_reverts?_with_(?<errors>[A-Za-z_]+)$")]
    private static partial Regex ClaimPattern();
}
