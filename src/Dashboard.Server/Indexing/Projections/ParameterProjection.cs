using System.Globalization;
using System.Numerics;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Contracts.Proxy;
using Dashboard.Contracts.SequencerSet;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing.Projections;

/// <summary>The parameter names in parameter_changes.</summary>
public static class Parameters
{
    public const string RewardPerBlock = "rewardPerBlock";
    public const string MinLock = "minLock";
    public const string MaxLock = "maxLock";
    public const string ExitDelay = "exitDelay";
    public const string SignerUpdateThrottle = "signerUpdateThrottle";
    public const string Mpc = "mpc";
    public const string RewardPayer = "rewardPayer";
    public const string Paused = "paused";
    public const string Whitelist = "whitelist";
    public const string EpochLength = "epochLength";
    public const string Implementation = "implementation";

    public static readonly IReadOnlyList<string> All =
        [RewardPerBlock, MinLock, MaxLock, ExitDelay, SignerUpdateThrottle, Mpc, RewardPayer, Paused, Whitelist, EpochLength, Implementation];
}

/// <summary>
/// Governance changes of L1 parameters (LockingInfo, LockingPool): reward per block, min/max lock, exit delay, signer
/// throttle, MPC, reward payer, pause, whitelist, and proxy upgrades — the history that explains a change of yield.
/// </summary>
public sealed class ParameterProjection : IProjection
{
    public ChainRole Chain => ChainRole.L1;

    public void Register(LogHandlerRegistry registry) =>
        registry
            .On<RewardUpdateEvent>(ContractNames.LockingPool, (c, e, log, _) => Add(c, log, Parameters.RewardPerBlock, e.NewReward, e.OldReward))
            .On<WithrawDelayTimeChangeEvent>(ContractNames.LockingPool, (c, e, log, _) => Add(c, log, Parameters.ExitDelay, e.Cur, e.Prev))
            .On<SetSignerUpdateThrottleEvent>(ContractNames.LockingPool, (c, e, log, _) => Add(c, log, Parameters.SignerUpdateThrottle, e.N))
            .On<UpdateMpcEvent>(ContractNames.LockingPool, (c, e, log, _) => Add(c, log, Parameters.Mpc, Address.Parse(e.NewMpc)))
            .On<PausedEvent>(ContractNames.LockingPool, (c, _, log, _) => Add(c, log, Parameters.Paused, "true"))
            .On<UnpausedEvent>(ContractNames.LockingPool, (c, _, log, _) => Add(c, log, Parameters.Paused, "false"))
            .On<SetWhitelistEvent>(ContractNames.LockingPool, (c, e, log, _) => Add(c, log, Parameters.Whitelist, e.Yes ? "true" : "false", subject: Address.Parse(e.User)))
            .On<SetMinLockEvent>(ContractNames.LockingInfo, (c, e, log, _) => Add(c, log, Parameters.MinLock, e.NewMinLock))
            .On<SetMaxLockEvent>(ContractNames.LockingInfo, (c, e, log, _) => Add(c, log, Parameters.MaxLock, e.NewMaxLock))
            .On<SetRewardPayerEvent>(ContractNames.LockingInfo, (c, e, log, _) => Add(c, log, Parameters.RewardPayer, Address.Parse(e.Payer)))
            .On<UpgradedEvent>(ContractNames.LockingPool, (c, e, log, _) => Add(c, log, Parameters.Implementation, Address.Parse(e.Implementation)))
            .On<UpgradedEvent>(ContractNames.LockingInfo, (c, e, log, _) => Add(c, log, Parameters.Implementation, Address.Parse(e.Implementation)));

    public Task ResetAsync(DashboardDb db, CancellationToken cancellationToken) =>
        db.ParameterChanges.Where(p => p.Chain == "L1").ExecuteDeleteAsync(cancellationToken);

    internal static Task Add(ProjectionContext context, IndexedLog log, string parameter, BigInteger value, BigInteger? old = null) =>
        Add(context, log, parameter, value.ToString(CultureInfo.InvariantCulture), old?.ToString(CultureInfo.InvariantCulture));

    internal static Task Add(ProjectionContext context, IndexedLog log, string parameter, Address value) => Add(context, log, parameter, value.ToString());

    internal static Task Add(ProjectionContext context, IndexedLog log, string parameter, string value, string? old = null, Address? subject = null)
    {
        context.Db.ParameterChanges.Add(new ParameterChange
        {
            Chain = context.Chain.ToString(),
            BlockNumber = log.Log.BlockNumber,
            LogIndex = log.Log.LogIndex,
            Time = log.BlockTime,
            TxHash = log.Log.TransactionHash,
            Contract = log.Contract,
            Parameter = parameter,
            Subject = subject,
            OldValue = old,
            NewValue = value,
        });
        return Task.CompletedTask;
    }
}

/// <summary>Governance changes of MetisSequencerSet on L2: the epoch length, the MPC address, upgrades.</summary>
public sealed class SequencerSetParameterProjection : IProjection
{
    public ChainRole Chain => ChainRole.L2;

    public void Register(LogHandlerRegistry registry) =>
        registry
            .On<EpochUpdatedEvent>(ContractNames.MetisSequencerSet, (c, e, log, _) => ParameterProjection.Add(c, log, Parameters.EpochLength, e.NewLength))
            .On<MpcAddressUpdatedEvent>(ContractNames.MetisSequencerSet, (c, e, log, _) => ParameterProjection.Add(c, log, Parameters.Mpc, Address.Parse(e.NewMpcAddress)))
            .On<UpgradedEvent>(ContractNames.MetisSequencerSet, (c, e, log, _) => ParameterProjection.Add(c, log, Parameters.Implementation, Address.Parse(e.Implementation)));

    public Task ResetAsync(DashboardDb db, CancellationToken cancellationToken) =>
        db.ParameterChanges.Where(p => p.Chain == "L2").ExecuteDeleteAsync(cancellationToken);
}
