using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// Every custom error in the catalogue the UI decodes (contracts/errors.json) is raised for real by at least one
/// test named <c>..._reverts_with_&lt;Error&gt;</c>, unless it is listed below with the reason it cannot happen.
/// A new error without such a test fails here.
/// </summary>
public sealed class ErrorCoverageTests
{
    /// <summary>Errors no transaction can raise today, with the reason.</summary>
    private static readonly Dictionary<string, string> Unreachable = new(StringComparer.Ordinal)
    {
        ["ZeroShares"] = "DelegationPool mints and burns shares 1:1 with totalStaked (there is no slashing on Metis), so an amount > 0 never converts to 0 shares; the check guards a future exchange rate below 1.",
    };

    [Fact]
    public void Every_custom_error_is_raised_by_a_test_named_after_it()
    {
        var claimed = ErrorClaims.AllTests().SelectMany(t => t.Errors).ToHashSet(StringComparer.Ordinal);
        var catalogue = ContractErrors.Decoder.Errors.Select(e => e.Abi.Name).ToHashSet(StringComparer.Ordinal);

        var missing = catalogue.Except(claimed).Except(Unreachable.Keys).Order(StringComparer.Ordinal).ToArray();

        Assert.True(missing.Length == 0, $"No test named '..._reverts_with_<Error>' for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_claimed_or_unreachable_error_exists_in_the_catalogue()
    {
        var catalogue = ContractErrors.Decoder.Errors.Select(e => e.Abi.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = ErrorClaims.AllTests().SelectMany(t => t.Errors.Select(e => $"{t.Test.DeclaringType!.Name}.{t.Test.Name} claims {e}"))
            .Concat(Unreachable.Keys)
            .Where(e => !catalogue.Contains(e.Split(' ')[^1]))
            .ToArray();

        Assert.True(unknown.Length == 0, $"Not in contracts/errors.json: {string.Join("; ", unknown)}");
    }

    [Fact]
    public void Errors_listed_as_unreachable_have_no_test()
    {
        var claimed = ErrorClaims.AllTests().SelectMany(t => t.Errors).ToHashSet(StringComparer.Ordinal);

        Assert.All(Unreachable.Keys, error => Assert.DoesNotContain(error, claimed));
    }
}
