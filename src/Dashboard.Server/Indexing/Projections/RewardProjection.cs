using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Contracts.LockingPool;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing.Projections;

/// <summary>
/// Reward batches and what each sequencer was credited. DistributeReward carries only the batch total; the
/// per-sequencer shares come from the batchSubmitRewards call's seqs/blocks, decoded from the transaction input
/// and stored raw (reward_batch_calls) by the indexer.
/// </summary>
public sealed class RewardProjection : IProjection
{
    public ChainRole Chain => ChainRole.L1;

    public void Register(LogHandlerRegistry registry) =>
        registry.On<DistributeRewardEvent>(ContractNames.LockingPool, OnDistributeRewardAsync);

    public async Task ResetAsync(DashboardDb db, CancellationToken cancellationToken)
    {
        await db.RewardBatches.ExecuteDeleteAsync(cancellationToken);
        await db.SequencerRewards.ExecuteDeleteAsync(cancellationToken);
        await db.Sequencers.ExecuteUpdateAsync(s => s.SetProperty(x => x.AccruedReward, BigInteger.Zero), cancellationToken);
    }

    private static async Task OnDistributeRewardAsync(ProjectionContext context, DistributeRewardEvent distributed, IndexedLog log, CancellationToken cancellationToken)
    {
        context.Db.RewardBatches.Add(new RewardBatch
        {
            BatchId = (long)distributed.BatchId,
            StartEpoch = (long)distributed.StartEpoch,
            EndEpoch = (long)distributed.EndEpoch,
            Amount = distributed.Amount,
            RewardPerBlock = distributed.Rpb,
            BlockNumber = log.Log.BlockNumber,
            Time = log.BlockTime,
            TxHash = log.Log.TransactionHash,
        });

        var call = await context.Db.RewardBatchCalls.AsNoTracking().FirstOrDefaultAsync(
            c => c.ChainId == context.ChainId && c.BlockHash == log.Log.BlockHash && c.LogIndex == log.Log.LogIndex, cancellationToken);
        if (call is null)
        {
            // Submitted through a contract (not a plain call): the shares are not in the transaction input.
            return;
        }

        for (var i = 0; i < call.Seqs.Length; i++)
        {
            var signer = new Address(call.Seqs[i]);
            var owner = await context.Db.Signers.FindAsync([signer], cancellationToken);
            if (owner is null)
            {
                continue;
            }

            var amount = call.Blocks[i] * distributed.Rpb;
            var sequencer = await SequencerProjection.SequencerAsync(context, owner.SequencerId, cancellationToken);
            sequencer.AccruedReward += amount;
            var existing = await context.Db.SequencerRewards.FindAsync([call.BatchId, owner.SequencerId], cancellationToken);
            if (existing is null)
            {
                context.Db.SequencerRewards.Add(new SequencerReward
                {
                    BatchId = call.BatchId, SequencerId = owner.SequencerId, Signer = signer, Blocks = (long)call.Blocks[i], Amount = amount, Time = log.BlockTime,
                });
            }
            else
            {
                existing.Blocks += (long)call.Blocks[i];
                existing.Amount += amount;
            }
        }
    }
}
