using System.Numerics;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Contracts.SequencerSet;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing;

/// <summary>
/// The network's live parameters and totals, read from the contracts' views (several have no event: the
/// constructors' defaults, for one) into the single <see cref="NetworkState"/> row — its only writer. A view the
/// deployment lacks (it reverts) leaves its column as it was.
/// </summary>
public sealed class ChainParameters(IndexedChain chain, EthRpcClient rpc, IDbContextFactory<DashboardDb> dbFactory)
{
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var views = new ViewBatch(rpc);
        var apply = chain.Role == ChainRole.L1 ? L1(views) : L2(views);
        if (views.Count == 0)
        {
            return;
        }

        await views.SendAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.NetworkState.SingleAsync(s => s.Id == 1, cancellationToken);
        apply(state);
        await db.SaveChangesAsync(cancellationToken);
    }

    private Action<NetworkState> L1(ViewBatch views)
    {
        var info = Contract(ContractNames.LockingInfo);
        var pool = Contract(ContractNames.LockingPool);
        var totalLocked = info is { } i ? views.Value<TotalLockedFunction, BigInteger>(i) : null;
        var minLock = info is { } i2 ? views.Value<MinLockFunction, BigInteger>(i2) : null;
        var maxLock = info is { } i3 ? views.Value<MaxLockFunction, BigInteger>(i3) : null;
        var currentBatch = pool is { } p ? views.Value<CurrentBatchFunction, BigInteger>(p) : null;
        var rewardPerBlock = pool is { } p2 ? views.Value<RewardPerBlockFunction, BigInteger>(p2) : null;
        var exitDelay = pool is { } p3 ? views.Value<ExitDelayPeriodFunction, BigInteger>(p3) : null;
        var paused = pool is { } p4 ? views.Value<PausedFunction, bool>(p4) : null;
        var mpc = pool is { } p5 ? views.Value<MpcAddressFunction, string>(p5) : null;
        return state =>
        {
            if (Read(totalLocked) is { } locked)
            {
                state.TotalLocked = locked;
            }

            state.MinLock = Read(minLock) ?? state.MinLock;
            state.MaxLock = Read(maxLock) ?? state.MaxLock;
            state.CurrentBatch = Read(currentBatch) is { } batch ? (long)batch : state.CurrentBatch;
            state.RewardPerBlock = Read(rewardPerBlock) ?? state.RewardPerBlock;
            state.ExitDelaySeconds = Read(exitDelay) is { } delay ? (long)delay : state.ExitDelaySeconds;
            state.Paused = paused is { Reverted: false } ? paused.Value : state.Paused;
            state.Mpc = mpc is { Reverted: false } ? Address.Parse(mpc.Value) : state.Mpc;
        };
    }

    private Action<NetworkState> L2(ViewBatch views)
    {
        var set = Contract(ContractNames.MetisSequencerSet);
        var epochLength = set is { } s ? views.Value<EpochLengthFunction, BigInteger>(s) : null;
        // MetisSequencerSet answers mpcAddress() like LockingPool: the same view.
        var mpc = set is { } s2 ? views.Value<MpcAddressFunction, string>(s2) : null;
        return state =>
        {
            state.EpochLength = Read(epochLength) is { } length ? (long)length : state.EpochLength;
            state.L2Mpc = mpc is { Reverted: false } ? Address.Parse(mpc.Value) : state.L2Mpc;
        };
    }

    private Address? Contract(string name) => chain.Contracts.TryGetValue(name, out var contract) ? contract.Address : null;

    private static BigInteger? Read(ViewResult<BigInteger>? view) => view is { Reverted: false } ? view.Value : null;
}
