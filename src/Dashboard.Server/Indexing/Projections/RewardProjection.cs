using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Contracts.LockingPool;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
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
        registry.On<DistributeRewardEvent>(ContractNames.LockingPool, OnDistributeRewardAsync).Preload(LoadAsync);

    /// <summary>The shares of the batches the range pays, loaded at once; sequencers and signers come with the staking preload.</summary>
    private static async Task LoadAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        var batches = context.Batch.Where(l => l.Contract == ContractNames.LockingPool && EventDecoder<DistributeRewardEvent>.Instance.IsLogFor(l.Log))
            .Select(l => (long)EventDecoder<DistributeRewardEvent>.Instance.Decode(l.Log).BatchId).ToHashSet();
        if (batches.Count > 0)
        {
            await SequencerProjection.LoadAsync(context, cancellationToken);
            await context.LoadAsync(context.Db.SequencerRewards.Where(r => batches.Contains(r.BatchId)), key => key[0] is long batch && batches.Contains(batch), cancellationToken);
        }
    }

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

        var call = await context.BatchCallOfAsync(log, cancellationToken);
        if (call is null)
        {
            // Submitted through a contract (not a plain call): the shares are not in the transaction input.
            return;
        }

        for (var i = 0; i < call.Seqs.Length; i++)
        {
            var signer = new Address(call.Seqs[i]);
            var owner = await context.FindAsync<SignerRow>(cancellationToken, signer);
            if (owner is null)
            {
                continue;
            }

            var amount = call.Blocks[i] * distributed.Rpb;
            var sequencer = await SequencerProjection.SequencerAsync(context, owner.SequencerId, cancellationToken);
            sequencer.AccruedReward += amount;
            var existing = await context.FindAsync<SequencerReward>(cancellationToken, call.BatchId, owner.SequencerId);
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
