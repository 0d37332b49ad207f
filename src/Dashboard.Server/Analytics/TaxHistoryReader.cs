using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Ethereum;
using Dashboard.Server.Api;
using Dashboard.Server.Directory;
using Npgsql;

namespace Dashboard.Server.Analytics;

/// <summary>
/// An address's staking movements in a date range, from the indexed events: as an operator (the reward batches that
/// credited the sequencers it owns, its lock, relocks, withdrawals and exit), as a reward recipient (payouts bridged to
/// L2), as a delegator (claimed and restaked rewards, delegations, undelegations, withdrawals, share transfers).
/// Income is counted once, when it first belongs to the address: when a batch credits an operator, when a delegator
/// claims or restakes; a payout of credited rewards to the operator itself, a compounding, or the withdrawal of a
/// claimed reward entry moves income already counted.
/// </summary>
public sealed class TaxHistoryReader(NpgsqlDataSource dataSource, SequencerDirectory directory)
{
    private const string Sql = $"""
        with {BridgePayouts.PayoutsCte}
        select r.time, 'reward-credited', true, r.amount, r.sequencer_id, 'L1', b.tx_hash,
               'Reward batch ' || r.batch_id || ': ' || r.blocks || ' blocks × ' || b.reward_per_block || ' wei', r.batch_id, 0, null::bytea
        from sequencer_rewards r join sequencers q on q.id = r.sequencer_id join reward_batches b on b.batch_id = r.batch_id
        where q.owner = @address and q.pool is null and r.time >= @from and r.time < @to
        union all
        select c.time, 'reward-payout', q.owner is distinct from @address, c.amount, c.sequencer_id, 'L1', c.tx_hash,
               'Rewards bridged to the recipient on L2', c.block_number, c.log_index, p.l2_tx
        from reward_claims c join sequencers q on q.id = c.sequencer_id
        left join payouts p on p.block_number = c.block_number and p.log_index = c.log_index
        where c.recipient = @address and c.time >= @from and c.time < @to
        union all
        select s.time, case s.kind when 'compound' then 'relock' when 'withdraw' then 'stake-withdraw' else s.kind end, false, abs(s.amount), s.sequencer_id, 'L1', s.tx_hash,
               case s.kind when 'lock' then 'Locked as the sequencer''s owner'
                           when 'compound' then 'Pending reward compounded into the stake (income when credited)'
                           when 'relock' then case when s.from_reward > 0 then 'Relocked, ' || s.from_reward || ' wei of it from pending reward' else 'Relocked' end
                           when 'withdraw' then 'Stake withdrawn'
                           else 'Stake claimed back after the exit delay (unlockClaim)' end,
               s.block_number, s.log_index, null
        from stake_events s join sequencers q on q.id = s.sequencer_id
        where q.owner = @address and q.pool is null and s.time >= @from and s.time < @to
        union all
        select e.time,
               case e.kind when 'claim' then 'reward-claimed' when 'restake' then 'reward-restaked' when 'self-stake' then 'delegate'
                           when 'withdraw' then case when u.is_reward then 'reward-withdrawn' else 'withdraw' end else e.kind end,
               e.kind in ('claim', 'restake'), e.amount, p.sequencer_id, 'L1', e.tx_hash,
               case e.kind when 'claim' then concat('Rewards claimed from the pool', ' (entry ' || e.nonce || ')')
                           when 'restake' then 'Rewards restaked into the pool'
                           when 'withdraw' then concat('Unbonding entry', ' ' || e.nonce, ' withdrawn')
                           when 'undelegate' then concat('Undelegated', ' (unbonding entry ' || e.nonce || ')')
                           when 'transfer-in' then 'Pool shares received'
                           when 'transfer-out' then 'Pool shares sent'
                           else 'Delegated to the pool' end,
               e.block_number, e.log_index, null
        from delegation_events e join pools p on p.address = e.pool
        left join unbondings u on e.kind = 'withdraw' and u.pool = e.pool and u.delegator = e.delegator and u.nonce = e.nonce
        where e.delegator = @address and e.time >= @from and e.time < @to
        order by 1, 9, 10
        """;

    public async Task<TaxHistory> ReadAsync(Address address, DateOnly from, DateOnly to, bool byDay, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        var events = new List<TaxEvent>();
        await using (var read = dataSource.CreateCommand(Sql))
        {
            read.Parameters.AddWithValue("address", address.ToBytes());
            read.Parameters.AddWithValue("from", new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            read.Parameters.AddWithValue("to", new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var sequencer = reader.GetInt64(4);
                events.Add(new TaxEvent
                {
                    Time = reader.GetFieldValue<DateTimeOffset>(0), Kind = reader.GetString(1), Income = reader.GetBoolean(2), Amount = reader.GetFieldValue<BigInteger>(3),
                    SequencerId = sequencer, SequencerName = names.NameOf(sequencer), Chain = reader.GetString(5), TxHash = ApiStrings.Of(new Hash32((byte[])reader[6])),
                    Detail = reader.GetString(7), Count = 1, L2TxHash = reader.IsDBNull(10) ? null : ApiStrings.Of(new Hash32((byte[])reader[10])),
                });
            }
        }

        if (byDay)
        {
            events = events.GroupBy(e => (Day: DateOnly.FromDateTime(e.Time.UtcDateTime), e.Kind, e.Income, e.SequencerId)).Select(g => new TaxEvent
            {
                Time = new DateTimeOffset(g.Key.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Kind = g.Key.Kind, Income = g.Key.Income,
                Amount = g.Aggregate(BigInteger.Zero, (sum, e) => sum + e.Amount), SequencerId = g.Key.SequencerId, SequencerName = g.First().SequencerName,
                Chain = g.First().Chain, Detail = g.Count() == 1 ? g.First().Detail : $"{g.Count()} events", TxHash = g.Count() == 1 ? g.First().TxHash : null, L2TxHash = g.Count() == 1 ? g.First().L2TxHash : null, Count = g.Count(),
            }).ToList();
        }

        return new TaxHistory
        {
            Address = ApiStrings.Of(address), From = from, To = to, Events = events,
            Income = events.Where(e => e.Income).Aggregate(BigInteger.Zero, (sum, e) => sum + e.Amount),
        };
    }
}
