using Dashboard.Core.Chains;
using Dashboard.Contracts.FeeVault;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing.Projections;

/// <summary>Fees leaving the fee vault (L2). Inflows emit nothing: they are the blocks' fees, in l2_blocks.</summary>
public sealed class FeeVaultProjection : IProjection
{
    public ChainRole Chain => ChainRole.L2;

    public void Register(LogHandlerRegistry registry) =>
        registry
            .On<FeeSentEvent>(ContractNames.SequencerFeeVault, (context, sent, log, _) => AddAsync(context, log, "send", Ethereum.Address.Parse(sent.To), sent.Amount))
            .On<FeeWithdrawnEvent>(ContractNames.SequencerFeeVault, (context, withdrawn, log, _) => AddAsync(context, log, "withdraw", Ethereum.Address.Parse(withdrawn.L1FeeWallet), withdrawn.Amount));

    public Task ResetAsync(DashboardDb db, CancellationToken cancellationToken) => db.VaultOutflows.ExecuteDeleteAsync(cancellationToken);

    private static Task AddAsync(ProjectionContext context, IndexedLog log, string kind, Ethereum.Address recipient, System.Numerics.BigInteger amount)
    {
        context.Db.VaultOutflows.Add(new VaultOutflow
        {
            BlockNumber = log.Log.BlockNumber, LogIndex = log.Log.LogIndex, Kind = kind, Recipient = recipient, Amount = amount, Time = log.BlockTime,
        });
        return Task.CompletedTask;
    }
}
