using System.Globalization;
using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Core.Formatting;
using Dashboard.Data.Entities;
using Dashboard.Server.Indexing.Projections;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.ReadModel;

/// <summary>The history of governance changes, newest first, each explained in a sentence.</summary>
public static class ParameterReads
{
    public static ListQuery<ParameterChange, ParameterChangeItem> List(IQueryable<ParameterChange> query, CancellationToken cancellationToken) =>
        new(query.AsNoTracking().OrderByDescending(p => p.Time).ThenByDescending(p => p.Chain).ThenByDescending(p => p.BlockNumber).ThenByDescending(p => p.LogIndex),
            async rows => (await rows.ToListAsync(cancellationToken)).Select(Item).ToList(),
            [
                new("time", x => x.Time), new("chain", x => x.Chain), new("block", x => x.BlockNumber), new("log_index", x => x.LogIndex), new("tx_hash", x => x.TxHash),
                new("contract", x => x.Contract), new("parameter", x => x.Parameter), new("subject", x => x.Subject), new("old_value", x => x.OldValue),
                new("new_value", x => x.NewValue), new("description", x => x.Description),
            ]);

    public static ParameterChangeItem Item(ParameterChange p) => new()
    {
        Chain = p.Chain, BlockNumber = p.BlockNumber, LogIndex = p.LogIndex, Time = p.Time, TxHash = p.TxHash.ToString(), Contract = p.Contract,
        Parameter = p.Parameter, Subject = p.Subject?.ToString(), OldValue = p.OldValue, NewValue = p.NewValue, Description = Describe(p),
    };

    /// <summary>The change in words, as a delegator reads it: what changed, which way, from what to what.</summary>
    public static string Describe(ParameterChange p) => p.Parameter switch
    {
        Parameters.RewardPerBlock => Amount("Reward per block", p.OldValue, p.NewValue),
        Parameters.MinLock => Amount("Minimum lock", p.OldValue, p.NewValue),
        Parameters.MaxLock => Amount("Maximum lock", p.OldValue, p.NewValue),
        Parameters.ExitDelay => Change("Exit delay", p.OldValue, p.NewValue, Duration),
        Parameters.SignerUpdateThrottle => $"Signer updates limited to one every {Count(p.NewValue, "reward batch")}",
        Parameters.EpochLength => $"Epoch length set to {Count(p.NewValue, "block")}",
        Parameters.Mpc => $"{(p.Chain == "L2" ? "MPC address on L2" : "MPC address")} set to {p.NewValue}",
        Parameters.RewardPayer => $"Reward payer set to {p.NewValue}",
        Parameters.Paused => p.NewValue == "true" ? "Locking pool paused: locks, relocks and withdrawals refused until unpaused" : "Locking pool unpaused",
        Parameters.Whitelist => p.NewValue == "true" ? $"{p.Subject} allowed to lock as a sequencer" : $"{p.Subject} removed from the sequencer whitelist",
        Parameters.Implementation => $"{p.Contract} upgraded to implementation {p.NewValue}",
        _ => $"{p.Parameter} set to {p.NewValue}",
    };

    private static string Amount(string what, string? old, string value) =>
        Change(what, old, value, v => MetisAmount.Format(BigInteger.Parse(v, CultureInfo.InvariantCulture), 6));

    private static string Change(string what, string? old, string value, Func<string, string> format)
    {
        // The first setting (from nothing) is not a raise.
        if (old is null || BigInteger.Parse(old, CultureInfo.InvariantCulture).IsZero)
        {
            return $"{what} set to {format(value)}";
        }

        var compared = BigInteger.Parse(value, CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(old, CultureInfo.InvariantCulture));
        var verb = compared switch { > 0 => "raised", < 0 => "lowered", _ => "set again" };
        return compared == 0 ? $"{what} {verb} to {format(value)}" : $"{what} {verb} from {format(old)} to {format(value)}";
    }

    private static string Count(string value, string unit) =>
        value == "1" ? $"1 {unit}" : $"{BigInteger.Parse(value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture)} {unit}{(unit.EndsWith('h') ? "es" : "s")}";

    private static string Duration(string seconds)
    {
        var s = BigInteger.Parse(seconds, CultureInfo.InvariantCulture);
        if (s > int.MaxValue)
        {
            return $"{s.ToString("N0", CultureInfo.InvariantCulture)} seconds";
        }

        var span = TimeSpan.FromSeconds((double)s);
        return span switch
        {
            { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => Count(((long)span.TotalDays).ToString(CultureInfo.InvariantCulture), "day"),
            { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => Count(((long)span.TotalHours).ToString(CultureInfo.InvariantCulture), "hour"),
            { TotalMinutes: >= 1 } when span.TotalMinutes % 1 == 0 => Count(((long)span.TotalMinutes).ToString(CultureInfo.InvariantCulture), "minute"),
            _ => Count(seconds, "second"),
        };
    }
}
