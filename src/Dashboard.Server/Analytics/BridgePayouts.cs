using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Ethereum;
using Dashboard.Server.Api;
using Dashboard.Server.Directory;
using Npgsql;

namespace Dashboard.Server.Analytics;

/// <summary>
/// Reward payouts across the chains: each ClaimRewards on L1 that bridged something (LockingInfo's deposit to the L1
/// bridge) matched with its DepositFinalized on L2. The bridge relays deposits in the order they were made and a
/// deposit carries its recipient and amount to L2 unchanged, so the k-th payout of an amount to a recipient is the
/// k-th arrival of that amount for that recipient.
/// </summary>
public sealed class BridgePayouts(NpgsqlDataSource dataSource, SequencerDirectory directory, TimeProvider clock)
{
    /// <summary>Every payout with its arrival (null columns while crossing): a CTE named <c>payouts</c>.</summary>
    public const string PayoutsCte = """
        payouts as (
            select c.block_number, c.log_index, c.sequencer_id, c.recipient, c.amount, c.time, c.tx_hash,
                   a.block_number as l2_block, a.time as l2_time, a.tx_hash as l2_tx
            from (select c.*, row_number() over (partition by c.recipient, c.amount order by c.block_number, c.log_index) as k
                  from reward_claims c where c.amount > 0) c
            left join (select a.*, row_number() over (partition by a.recipient, a.amount order by a.block_number, a.log_index) as k
                       from bridge_arrivals a) a
                on a.recipient = c.recipient and a.amount = c.amount and a.k = c.k
        )
        """;

    public async Task<PayoutReport> ReportAsync(string? status, long? sequencerId, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        DateTimeOffset? l2IndexedTo;
        await using (var read = new NpgsqlCommand("select max(time) from l2_blocks", connection))
        {
            l2IndexedTo = await read.ExecuteScalarAsync(cancellationToken) is DateTime t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
        }

        // Overdue: not on L2 long after the deposit, though L2 is indexed past that (else it cannot be seen yet).
        var overdueBefore = (l2IndexedTo ?? clock.GetUtcNow()).AddSeconds(-PayoutReport.OverdueAfterSeconds);
        string StatusOf(DateTimeOffset l1Time, bool arrived) =>
            arrived ? PayoutStatus.Arrived : l1Time < overdueBefore ? PayoutStatus.Overdue : PayoutStatus.Crossing;

        var all = new List<BridgePayout>();
        await using (var read = new NpgsqlCommand($"""
            with {PayoutsCte}
            select block_number, time, tx_hash, sequencer_id, recipient, amount, l2_block, l2_time, l2_tx from payouts
            order by block_number desc, log_index desc
            """, connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var l1Time = reader.GetFieldValue<DateTimeOffset>(1);
                DateTimeOffset? l2Time = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7);
                var sequencer = reader.GetInt64(3);
                all.Add(new BridgePayout
                {
                    L1Block = reader.GetInt64(0), L1Time = l1Time, L1TxHash = ApiStrings.Of(new Hash32((byte[])reader[2])),
                    SequencerId = sequencer, SequencerName = names.NameOf(sequencer),
                    Recipient = ApiStrings.Of(new Address((byte[])reader[4])), Amount = reader.GetFieldValue<BigInteger>(5),
                    Status = StatusOf(l1Time, l2Time is not null),
                    L2Block = reader.IsDBNull(6) ? null : reader.GetInt64(6), L2Time = l2Time,
                    L2TxHash = reader.IsDBNull(8) ? null : ApiStrings.Of(new Hash32((byte[])reader[8])),
                    DelaySeconds = l2Time is { } arrived ? (int)(arrived - l1Time).TotalSeconds : null,
                });
            }
        }

        var lines = new List<PayoutLine>();
        await using (var read = new NpgsqlCommand("""
            select q.id, coalesce((select sum(r.amount) from sequencer_rewards r where r.sequencer_id = q.id), 0), q.compounded_reward
            from sequencers q order by q.id
            """, connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                var mine = all.Where(p => p.SequencerId == id).ToList();
                var credited = reader.GetFieldValue<BigInteger>(1);
                var compounded = reader.GetFieldValue<BigInteger>(2);
                var bridged = Sum(mine);
                var arrived = Sum(mine.Where(p => p.Status == PayoutStatus.Arrived));
                if (credited.IsZero && bridged.IsZero)
                {
                    continue;
                }

                lines.Add(new PayoutLine
                {
                    SequencerId = id, SequencerName = names.NameOf(id), Credited = credited, Compounded = compounded, Bridged = bridged, Arrived = arrived,
                    Crossing = bridged - arrived, NotYetClaimed = credited - compounded - bridged, Overdue = mine.Count(p => p.Status == PayoutStatus.Overdue),
                });
            }
        }

        return new PayoutReport
        {
            L2IndexedTo = l2IndexedTo, Sequencers = lines,
            Delay = Liveness.Summarize(all.Where(p => p.DelaySeconds is not null).Select(p => p.DelaySeconds!.Value)),
            Crossing = all.Count(p => p.Status == PayoutStatus.Crossing), Overdue = all.Count(p => p.Status == PayoutStatus.Overdue),
            Payouts = all.Where(p => (status is null || p.Status == status) && (sequencerId is null || p.SequencerId == sequencerId)).Take(PayoutReport.ListLimit).ToList(),
        };
    }

    private static BigInteger Sum(IEnumerable<BridgePayout> payouts) => payouts.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Amount);
}
