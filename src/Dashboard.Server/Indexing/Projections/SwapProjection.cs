using Dashboard.Contracts.Dex;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum.Abi;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing.Projections;

/// <summary>
/// Uniswap V2-style swaps of any L2 pool (the L2 source asks for the Swap topic from every address), for the sandwich
/// search of the sequencing fairness figures. A log that shares the topic but not V2's layout (another protocol's
/// event of the same signature, indexed differently) is not a swap and is skipped.
/// </summary>
public sealed class SwapProjection : IProjection
{
    public ChainRole Chain => ChainRole.L2;

    public void Register(LogHandlerRegistry registry) =>
        registry.On<SwapEvent>(ContractNames.Unnamed, (context, swap, log, _) =>
        {
            context.Db.Swaps.Add(new Swap
            {
                BlockNumber = log.Log.BlockNumber, LogIndex = log.Log.LogIndex, TxHash = log.Log.TransactionHash, Pool = log.Log.Address,
                Sender = Ethereum.Address.Parse(swap.Sender), Recipient = Ethereum.Address.Parse(swap.To),
                Amount0In = swap.Amount0In, Amount1In = swap.Amount1In, Amount0Out = swap.Amount0Out, Amount1Out = swap.Amount1Out,
            });
            return Task.CompletedTask;
        });

    public Task ResetAsync(DashboardDb db, CancellationToken cancellationToken) => db.Swaps.ExecuteDeleteAsync(cancellationToken);
}
