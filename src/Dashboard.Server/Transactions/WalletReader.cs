using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Core.Contracts.LockingPool;
using Dashboard.Data;
using Dashboard.Ethereum;
using Dashboard.Server.Configuration;
using Dashboard.Server.Directory;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Transactions;

/// <summary>
/// What an account holds and may do right now, read live from L1 in two JSON-RPC batches: balances and allowances,
/// its position in every delegation pool (with its unbonding entries), and the sequencer it owns, runs or signs for.
/// Transactions are checked against this, not against the index, which may lag a block or two behind.
/// </summary>
public sealed class WalletReader(ChainClients chains, ResolvedNetwork network, IDbContextFactory<DashboardDb> dbFactory, SequencerDirectory directory)
{
    /// <summary>L2 gas the payouts' bridge deposit is given (and the fee is quoted for).</summary>
    public const uint BridgeL2Gas = 200_000;

    private const string SequencerTuple = "uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,address,address,bytes,address,uint8";
    private static readonly BigInteger Retired = BigInteger.Pow(2, 256) - 1;

    public Address LockingPool => Contract(ContractNames.LockingPool);

    public Address LockingInfo => Contract(ContractNames.LockingInfo);

    public Address Token => Contract(ContractNames.MetisToken);

    public Address Contract(string name) =>
        network.Chain(ChainRole.L1).Contracts.TryGetValue(name, out var contract)
            ? contract.Address
            : throw new InvalidOperationException($"No address is configured for {name} on L1 (Network:L1:Contracts:{name}:Address).");

    public async Task<WalletState> ReadAsync(Address account, CancellationToken cancellationToken)
    {
        IReadOnlyList<(Address Address, long SequencerId)> pools;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            pools = (await db.Pools.AsNoTracking().OrderBy(p => p.SequencerId).Select(p => new { p.Address, p.SequencerId }).ToListAsync(cancellationToken))
                .Select(p => (p.Address, p.SequencerId)).ToList();
        }

        var names = await directory.GetAsync(cancellationToken);
        var rpc = chains.For(ChainRole.L1);
        var first = new ContractCalls(rpc);
        var balance = first.AddBalance(account);
        var metis = first.Add(Token, "balanceOf(address)", "uint256", account);
        var lockingAllowance = first.Add(Token, "allowance(address,address)", "uint256", account, LockingInfo);
        var minLock = first.Add(LockingInfo, "minLock()", "uint256");
        var maxLock = first.Add(LockingInfo, "maxLock()", "uint256");
        var paused = first.Add(LockingPool, "paused()", "bool");
        var whitelisted = first.Add(LockingPool, "whitelist(address)", "bool", account);
        var exitDelay = first.Add(LockingPool, "exitDelayPeriod()", "uint256");
        var owned = first.Add(LockingPool, "seqOwners(address)", "uint256", account);
        var signed = first.Add(LockingPool, "seqSigners(address)", "uint256", account);
        var currentBatch = first.Add(LockingPool, "currentBatch()", "uint256");
        var throttle = first.Add(LockingPool, "signerUpdateThrottle()", "uint256");
        var bridgeFee = network.Chain(ChainRole.L1).Contracts.TryGetValue(ContractNames.L1Bridge, out var bridge)
            ? first.Add(bridge.Address, "requiredFee(uint32)", "uint256", BridgeL2Gas)
            : -1;
        var poolCalls = pools.Select(p => new
        {
            p.Address,
            p.SequencerId,
            Allowance = first.Add(Token, "allowance(address,address)", "uint256", account, p.Address),
            Shares = first.Add(p.Address, "balanceOf(address)", "uint256", account),
            Stake = first.Add(p.Address, "stakeOf(address)", "uint256", account),
            Pending = first.Add(p.Address, "pendingRewards(address)", "uint256", account),
            Capacity = first.Add(p.Address, "capacity()", "uint256"),
            MinDelegation = first.Add(p.Address, "minDelegation()", "uint256"),
            Rate = first.Add(p.Address, "exchangeRate()", "uint256"),
            Delay = first.Add(p.Address, "unbondingDelay()", "uint256"),
            Commission = first.Add(p.Address, "commissionRate()", "uint256"),
            PendingCommission = first.Add(p.Address, "pendingCommissionRate()", "uint256"),
            CommissionAt = first.Add(p.Address, "commissionEffectiveAt()", "uint256"),
            Status = first.Add(p.Address, "sequencerStatus()", "uint8"),
            Exiting = first.Add(p.Address, "exitStarted()", "bool"),
            Operator = first.Add(p.Address, "operator()", "address"),
            Nonces = first.Add(p.Address, "unbondNonces(address)", "uint256", account),
        }).ToList();
        await first.SendAsync(cancellationToken);

        // A pool whose views do not all answer (not one of ours after all, or broken) is left out rather than failing
        // the account; before anything below reads them.
        poolCalls = poolCalls.Where(p => new[]
        {
            p.Allowance, p.Shares, p.Stake, p.Pending, p.Capacity, p.MinDelegation, p.Rate, p.Delay, p.Commission, p.PendingCommission,
            p.CommissionAt, p.Status, p.Exiting, p.Operator, p.Nonces,
        }.All(i => first[i] is not null)).ToList();

        // The sequencer this account acts for: as its owner, as the operator of the pool that owns it, or as its signer.
        var ownedId = (long)first.Get<BigInteger>(owned);
        var operated = poolCalls.FirstOrDefault(p => first.Get<Address>(p.Operator) == account);
        var signedValue = first.Get<BigInteger>(signed);
        var (sequencerId, role) = ownedId > 0 ? (ownedId, "owner")
            : operated is not null ? (operated.SequencerId, "pool operator")
            : signedValue > 0 && signedValue != Retired ? ((long)signedValue, "signer")
            : (0L, "");

        var second = new ContractCalls(rpc);
        // The newest 50 entries of each pool (nonces count up; old ones are mostly withdrawn).
        var unbondCalls = poolCalls.SelectMany(p =>
            {
                var last = (long)first.Get<BigInteger>(p.Nonces);
                return Enumerable.Range(0, (int)Math.Min(50, last)).Select(i => last - i);
            }, (p, n) => (p.Address, Nonce: n, Index: second.Add(p.Address, "unbondStatus(address,uint256)", "uint256,uint256,bool,bool,bool", account, new BigInteger(n))))
            .ToList();
        var sequencer = sequencerId > 0 ? second.Add(LockingPool, "sequencers(uint256)", SequencerTuple, new BigInteger(sequencerId)) : -1;
        await second.SendAsync(cancellationToken);

        var positions = poolCalls.Select(p => new PoolPosition
        {
            Pool = p.Address,
            SequencerId = p.SequencerId,
            SequencerName = names.NameOf(p.SequencerId),
            Allowance = first.Get<BigInteger>(p.Allowance),
            Shares = first.Get<BigInteger>(p.Shares),
            Stake = first.Get<BigInteger>(p.Stake),
            PendingRewards = first.Get<BigInteger>(p.Pending),
            Capacity = first.Get<BigInteger>(p.Capacity),
            MinDelegation = first.Get<BigInteger>(p.MinDelegation),
            ExchangeRate = first.Get<BigInteger>(p.Rate),
            UnbondingDelaySeconds = (long)first.Get<BigInteger>(p.Delay),
            CommissionBps = (int)first.Get<BigInteger>(p.Commission),
            PendingCommissionBps = first.Get<BigInteger>(p.CommissionAt) > 0 ? (int)first.Get<BigInteger>(p.PendingCommission) : null,
            CommissionEffectiveAt = first.Get<BigInteger>(p.CommissionAt) is var due && due > 0 ? DateTimeOffset.FromUnixTimeSeconds((long)due) : null,
            Open = (int)first.Get<BigInteger>(p.Status) == (int)SequencerStatus.Active && !first.Get<bool>(p.Exiting),
            IsOperator = first.Get<Address>(p.Operator) == account,
            Unbonds = unbondCalls.Where(u => u.Address == p.Address)
                .Select(u => (u.Nonce, Values: second[u.Index]))
                .Where(u => u.Values is not null && (BigInteger)u.Values[0]! > 0)
                .Select(u => (u.Nonce, Values: u.Values!))
                .Select(u => new UnbondEntry(u.Nonce, (BigInteger)u.Values[0]!, DateTimeOffset.FromUnixTimeSeconds((long)(BigInteger)u.Values[1]!), (bool)u.Values[2]!, (bool)u.Values[3]!, (bool)u.Values[4]!))
                .OrderBy(u => u.Nonce)
                .ToList(),
        }).ToList();

        OperatorState? operatorState = null;
        if (sequencer >= 0)
        {
            var s = second[sequencer]!;
            var pool = poolCalls.FirstOrDefault(p => p.SequencerId == sequencerId);
            operatorState = new OperatorState
            {
                SequencerId = sequencerId,
                Role = role,
                IsSigner = (Address)s[9]! == account,
                Status = (SequencerStatus)(int)(BigInteger)s[12]!,
                Locked = (BigInteger)s[0]!,
                PendingReward = (BigInteger)s[1]!,
                Signer = (Address)s[9]!,
                RewardRecipient = (Address)s[11]!,
                UpdatedBatch = (long)(BigInteger)s[3]!,
                CurrentBatch = (long)first.Get<BigInteger>(currentBatch),
                UnlockClaimTime = (BigInteger)s[6]! > 0 ? DateTimeOffset.FromUnixTimeSeconds((long)(BigInteger)s[6]!) : null,
                BridgeFee = bridgeFee >= 0 && first[bridgeFee] is { } fee ? (BigInteger)fee[0]! : BigInteger.Zero,
                SignerUpdateFromBatch = (long)(BigInteger)s[3]! + (long)first.Get<BigInteger>(throttle),
                Pool = pool?.Address,
                CommissionBps = pool is null ? null : (int)first.Get<BigInteger>(pool.Commission),
                PendingCommissionBps = pool is not null && first.Get<BigInteger>(pool.CommissionAt) > 0 ? (int)first.Get<BigInteger>(pool.PendingCommission) : null,
                CommissionEffectiveAt = pool is not null && first.Get<BigInteger>(pool.CommissionAt) is var at && at > 0 ? DateTimeOffset.FromUnixTimeSeconds((long)at) : null,
            };
        }

        return new WalletState
        {
            Address = account,
            L1Balance = first.Get<BigInteger>(balance),
            Metis = first.Get<BigInteger>(metis),
            LockingAllowance = first.Get<BigInteger>(lockingAllowance),
            Pools = positions,
            Operator = operatorState,
            Faucet = network.DevnetAdmin is not null,
            Limits = new NetworkLimits
            {
                MinLock = first.Get<BigInteger>(minLock),
                MaxLock = first.Get<BigInteger>(maxLock),
                Paused = first.Get<bool>(paused),
                Whitelisted = first.Get<bool>(whitelisted),
                ExitDelaySeconds = (long)first.Get<BigInteger>(exitDelay),
            },
        };
    }
}
