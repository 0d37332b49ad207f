using System.Globalization;
using System.Numerics;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Core.Formatting;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Server.Transactions;

/// <summary>A decoded revert in words a user reads: the contract's own explanation, its arguments as METIS, dates and names.</summary>
public static class RevertText
{
    private static readonly HashSet<string> MetisArguments = new(StringComparer.Ordinal)
    {
        "amount", "minLock", "maxLock", "available", "requested", "needed", "balance", "allowance", "remaining", "locked", "minDelegation", "total",
        "remainingStake",
    };

    private static readonly HashSet<string> TimeArguments = new(StringComparer.Ordinal) { "withdrawableAt", "nowTime", "unlockClaimTime", "effectiveAt" };

    public static string Explain(DecodedRevert revert)
    {
        if (revert.Kind != RevertKind.Custom || revert.Arguments.Count == 0)
        {
            return revert.Kind == RevertKind.Custom ? $"{revert.Meaning} ({revert.Name})" : revert.Meaning;
        }

        var arguments = string.Join(", ", revert.Arguments.Select(a => $"{Words(a.Name)}: {Format(revert.Name, a.Name, a.Value)}"));
        return $"{revert.Meaning} ({revert.Name}: {arguments})";
    }

    private static string Format(string error, string name, object? value) => value switch
    {
        BigInteger amount when error == "InsufficientBridgeFee" => MetisAmount.Format(amount, 6, withUnit: false) + " ETH",
        BigInteger amount when name is "shares" or "limit" or "needed" && error is "SlippageExceeded" or "InsufficientShares" => MetisAmount.Format(amount, 4, withUnit: false) + " shares",
        BigInteger amount when MetisArguments.Contains(name) => MetisAmount.Format(amount, 4),
        BigInteger seconds when TimeArguments.Contains(name) => DateTimeOffset.FromUnixTimeSeconds((long)seconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
        BigInteger status when name == "status" => ((SequencerStatus)(int)status).ToString(),
        BigInteger number => number.ToString("N0", CultureInfo.InvariantCulture),
        Address address => address.ToString(),
        bool flag => flag ? "yes" : "no",
        null => "none",
        _ => value.ToString() ?? "",
    };

    // minLock → "min lock", withdrawableAt → "withdrawable at"
    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
