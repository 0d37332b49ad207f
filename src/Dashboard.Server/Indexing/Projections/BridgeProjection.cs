using Dashboard.Contracts.Bridge;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing.Projections;

/// <summary>
/// Reward payouts arriving on L2 (DepositFinalized of the L2 standard bridge). The L2 source asks the node only for
/// deposits LockingInfo made, so every log here is a payout's arrival.
/// </summary>
public sealed class BridgeProjection : IProjection
{
    public ChainRole Chain => ChainRole.L2;

    public void Register(LogHandlerRegistry registry) =>
        registry.On<DepositFinalizedEvent>(ContractNames.L2StandardBridge, (context, arrived, log, _) =>
        {
            context.Db.BridgeArrivals.Add(new BridgeArrival
            {
                BlockNumber = log.Log.BlockNumber, LogIndex = log.Log.LogIndex, TxHash = log.Log.TransactionHash, Time = log.BlockTime,
                Sender = Ethereum.Address.Parse(arrived.From), Recipient = Ethereum.Address.Parse(arrived.To), Amount = arrived.Amount,
            });
            return Task.CompletedTask;
        });

    public Task ResetAsync(DashboardDb db, CancellationToken cancellationToken) => db.BridgeArrivals.ExecuteDeleteAsync(cancellationToken);
}
