using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Contracts.Bridge;
using Dashboard.Contracts.Delegation;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Contracts.Token;
using Dashboard.Data;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Dashboard.Server.Directory;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Transactions;

/// <summary>
/// What an account holds and may do right now, read live from L1 in two JSON-RPC batches: balances and allowances,
/// its position in every delegation pool (with its unbonding entries), and the sequencer it owns, runs or signs for.
/// Transactions are checked against this, not against the index, which may lag a block or two behind.
/// </summary>
public sealed class WalletReader(ChainClients chains, ResolvedNetwork network, IDbContextFactory<DashboardDb> dbFactory, SequencerDirectory directory, MetisPriceReader prices)
{
    /// <summary>L2 gas the payouts' bridge deposit is given (and the fee is quoted for).</summary>
    public const uint BridgeL2Gas = 200_000;

    private static readonly BigInteger Retired = BigInteger.Pow(2, 256) - 1;

    public Address LockingPool => Contract(ContractNames.LockingPool);

    public Address LockingInfo => Contract(ContractNames.LockingInfo);

    public Address Token => Contract(ContractNames.MetisToken);

    public Address Contract(string name) =>
        network.Chains.FirstOrDefault(c => c.Role == ChainRole.L1) is { } l1 && l1.Contracts.TryGetValue(name, out var contract)
            ? contract.Address
            : throw new MissingContractException(name);

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
        var me = account.ToString();
        var first = new ViewBatch(rpc);
        var balance = first.Balance(account);
        var metis = first.Value<BalanceOfFunction, BigInteger>(Token, new BalanceOfFunction { Account = me });
        var lockingAllowance = first.Value<AllowanceFunction, BigInteger>(Token, new AllowanceFunction { Owner = me, Spender = LockingInfo.ToString() });
        var minLock = first.Value<MinLockFunction, BigInteger>(LockingInfo);
        var maxLock = first.Value<MaxLockFunction, BigInteger>(LockingInfo);
        var paused = first.Value<PausedFunction, bool>(LockingPool);
        var whitelisted = first.Value<WhitelistFunction, bool>(LockingPool, new WhitelistFunction { User = me });
        var exitDelay = first.Value<ExitDelayPeriodFunction, BigInteger>(LockingPool);
        var owned = first.Value<SeqOwnersFunction, BigInteger>(LockingPool, new SeqOwnersFunction { Owner = me });
        var signed = first.Value<SeqSignersFunction, BigInteger>(LockingPool, new SeqSignersFunction { Signer = me });
        var currentBatch = first.Value<CurrentBatchFunction, BigInteger>(LockingPool);
        var throttle = first.Value<SignerUpdateThrottleFunction, BigInteger>(LockingPool);
        // The bridge fee as the bridge computes it: the oracle it finds in the address manager, then its two views.
        var oracle = network.Chain(ChainRole.L1).Contracts.TryGetValue(ContractNames.AddressManager, out var addressManager)
            ? first.Value<GetAddressFunction, string>(addressManager.Address, new GetAddressFunction { Name = BridgeFee.OracleName })
            : null;
        var poolReads = pools.Select(p => new PoolReads(p.Address, p.SequencerId, Token, first, me)).ToList();
        await first.SendAsync(cancellationToken);

        // A pool whose views do not all answer (not one of ours after all, or broken) is left out rather than failing the account.
        poolReads = poolReads.Where(p => p.Complete).ToList();

        // The sequencer this account acts for: as its owner, as the operator of the pool that owns it, or as its signer.
        var ownedId = (long)owned.Value;
        var operated = poolReads.FirstOrDefault(p => p.IsOperator(account));
        var (sequencerId, role) = ownedId > 0 ? (ownedId, "owner")
            : operated is not null ? (operated.SequencerId, "pool operator")
            : signed.Value > 0 && signed.Value != Retired ? ((long)signed.Value, "signer")
            : (0L, "");

        var second = new ViewBatch(rpc);
        // The newest 50 entries of each pool (nonces count up; old ones are mostly withdrawn).
        var unbonds = poolReads.SelectMany(p =>
            {
                var last = (long)p.Nonces.Value;
                return Enumerable.Range(0, (int)Math.Min(50, last)).Select(i => last - i);
            }, (p, n) => (p.Pool, Nonce: n, Read: second.Add<UnbondStatusFunction, UnbondStatusOutput>(p.Pool, new UnbondStatusFunction { User = me, Entry = n })))
            .ToList();
        var sequencer = sequencerId > 0 ? second.Add<SequencersFunction, SequencerOutput>(LockingPool, new SequencersFunction { SequencerId = sequencerId }) : null;
        // Each pool's sequencer: when its lock last changed decides whether the pool may pull withdrawals this batch.
        var poolSequencers = poolReads.ToDictionary(p => p.Pool, p => second.Add<SequencersFunction, SequencerOutput>(LockingPool, new SequencersFunction { SequencerId = p.SequencerId }));
        var oracleAddress = oracle is { Reverted: false } && Address.TryParse(oracle.Value, out var found, out _) && !found.IsZero ? found : (Address?)null;
        var minL2Gas = oracleAddress is { } o ? second.Value<GetMinL2GasFunction, BigInteger>(o) : null;
        var discount = oracleAddress is { } d ? second.Value<GetDiscountFunction, BigInteger>(d) : null;
        await second.SendAsync(cancellationToken);
        BigInteger? bridgeFee = minL2Gas is { Reverted: false } && discount is { Reverted: false } ? BridgeFee.Quote(BridgeL2Gas, minL2Gas.Value, discount.Value) : null;

        var positions = poolReads.Select(p => new PoolPosition
        {
            Pool = p.Pool.ToString(),
            SequencerId = p.SequencerId,
            SequencerName = names.NameOf(p.SequencerId),
            Allowance = p.Allowance.Value,
            Shares = p.Shares.Value,
            Stake = p.Stake.Value,
            PendingRewards = p.Pending.Value,
            Capacity = p.Capacity.Value,
            MinDelegation = p.MinDelegation.Value,
            ExchangeRate = p.Rate.Value,
            UnbondingDelaySeconds = (long)p.Delay.Value,
            CommissionBps = (int)p.Commission.Value,
            PendingCommissionBps = p.CommissionAt.Value > 0 ? (int)p.PendingCommission.Value : null,
            CommissionEffectiveAt = p.CommissionAt.Value > 0 ? DateTimeOffset.FromUnixTimeSeconds((long)p.CommissionAt.Value) : null,
            Open = p.Status.Value == (int)SequencerStatus.Active && !p.Exiting.Value,
            IsOperator = p.IsOperator(account),
            CurrentBatch = (long)currentBatch.Value,
            LockUpdatedBatch = poolSequencers[p.Pool] is { Reverted: false } seq ? (long)seq.Value.UpdatedBatch : (long)currentBatch.Value,
            Unbonds = unbonds.Where(u => u.Pool == p.Pool && !u.Read.Reverted && u.Read.Value.Amount > 0)
                .Select(u => new UnbondEntry(u.Nonce, u.Read.Value.Amount, DateTimeOffset.FromUnixTimeSeconds((long)u.Read.Value.WithdrawableAt), u.Read.Value.IsReward, u.Read.Value.Mature, u.Read.Value.Funded))
                .OrderBy(u => u.Nonce)
                .ToList(),
        }).ToList();

        OperatorState? operatorState = null;
        if (sequencer is { Reverted: false })
        {
            var s = sequencer.Value;
            var pool = poolReads.FirstOrDefault(p => p.SequencerId == sequencerId);
            var signer = Address.Parse(s.Signer);
            // The fee is paid in ETH, the reward in METIS: valued at the pool price when the network names one.
            var price = bridgeFee is not null ? await prices.ReadAsync(cancellationToken) : null;
            var feeMetis = bridgeFee is { } fee && price is { } p ? p.Price.MetisFor(fee) : (BigInteger?)null;
            operatorState = new OperatorState
            {
                SequencerId = sequencerId,
                SequencerName = names.NameOf(sequencerId),
                Role = role,
                IsSigner = signer == account,
                Status = (SequencerStatus)s.Status,
                Locked = s.Amount,
                PendingReward = s.Reward,
                Signer = signer.ToString(),
                RewardRecipient = Address.Parse(s.RewardRecipient).ToString(),
                UpdatedBatch = (long)s.UpdatedBatch,
                CurrentBatch = (long)currentBatch.Value,
                UnlockClaimTime = s.UnlockClaimTime > 0 ? DateTimeOffset.FromUnixTimeSeconds((long)s.UnlockClaimTime) : null,
                BridgeFee = bridgeFee,
                BridgeFeeMetis = feeMetis,
                BridgeFeeShare = feeMetis is { } worth && s.Reward > 0 ? (double)worth / (double)s.Reward : null,
                Price = price is { } quoted ? new MetisPriceQuote
                {
                    EthPerMetis = quoted.Price.EthPerMetis, Pool = quoted.Price.Pool.ToString(), FeeTier = quoted.Price.FeeTier, ReadAt = quoted.At,
                } : null,
                SignerUpdateFromBatch = (long)(s.UpdatedBatch + throttle.Value),
                Pool = pool?.Pool.ToString(),
                CommissionBps = pool is null ? null : (int)pool.Commission.Value,
                PendingCommissionBps = pool is not null && pool.CommissionAt.Value > 0 ? (int)pool.PendingCommission.Value : null,
                CommissionEffectiveAt = pool is not null && pool.CommissionAt.Value > 0 ? DateTimeOffset.FromUnixTimeSeconds((long)pool.CommissionAt.Value) : null,
            };
        }

        return new WalletState
        {
            Address = me,
            L1Balance = balance.Value,
            Metis = metis.Value,
            LockingAllowance = lockingAllowance.Value,
            Pools = positions,
            Operator = operatorState,
            Faucet = network.DevnetAdmin is not null,
            Limits = new NetworkLimits
            {
                MinLock = minLock.Value,
                MaxLock = maxLock.Value,
                Paused = paused.Value,
                Whitelisted = whitelisted.Value,
                ExitDelaySeconds = (long)exitDelay.Value,
            },
        };
    }

    /// <summary>Everything read of one pool for the account, added to a batch.</summary>
    private sealed class PoolReads
    {
        public PoolReads(Address pool, long sequencerId, Address token, ViewBatch batch, string account)
        {
            Pool = pool;
            SequencerId = sequencerId;
            Allowance = batch.Value<AllowanceFunction, BigInteger>(token, new AllowanceFunction { Owner = account, Spender = pool.ToString() });
            Shares = batch.Value<BalanceOfFunction, BigInteger>(pool, new BalanceOfFunction { Account = account });
            Stake = batch.Value<StakeOfFunction, BigInteger>(pool, new StakeOfFunction { Delegator = account });
            Pending = batch.Value<PendingRewardsFunction, BigInteger>(pool, new PendingRewardsFunction { Delegator = account });
            Capacity = batch.Value<CapacityFunction, BigInteger>(pool);
            MinDelegation = batch.Value<MinDelegationFunction, BigInteger>(pool);
            Rate = batch.Value<ExchangeRateFunction, BigInteger>(pool);
            Delay = batch.Value<UnbondingDelayFunction, BigInteger>(pool);
            Commission = batch.Value<CommissionRateFunction, BigInteger>(pool);
            PendingCommission = batch.Value<PendingCommissionRateFunction, BigInteger>(pool);
            CommissionAt = batch.Value<CommissionEffectiveAtFunction, BigInteger>(pool);
            Status = batch.Value<SequencerStatusFunction, int>(pool);
            Exiting = batch.Value<ExitStartedFunction, bool>(pool);
            Operator = batch.Value<OperatorFunction, string>(pool);
            Nonces = batch.Value<UnbondNoncesFunction, BigInteger>(pool, new UnbondNoncesFunction { Delegator = account });
        }

        public Address Pool { get; }

        public long SequencerId { get; }

        public ViewResult<BigInteger> Allowance { get; }

        public ViewResult<BigInteger> Shares { get; }

        public ViewResult<BigInteger> Stake { get; }

        public ViewResult<BigInteger> Pending { get; }

        public ViewResult<BigInteger> Capacity { get; }

        public ViewResult<BigInteger> MinDelegation { get; }

        public ViewResult<BigInteger> Rate { get; }

        public ViewResult<BigInteger> Delay { get; }

        public ViewResult<BigInteger> Commission { get; }

        public ViewResult<BigInteger> PendingCommission { get; }

        public ViewResult<BigInteger> CommissionAt { get; }

        public ViewResult<int> Status { get; }

        public ViewResult<bool> Exiting { get; }

        public ViewResult<string> Operator { get; }

        public ViewResult<BigInteger> Nonces { get; }

        public bool Complete =>
            !(Allowance.Reverted || Shares.Reverted || Stake.Reverted || Pending.Reverted || Capacity.Reverted || MinDelegation.Reverted || Rate.Reverted
              || Delay.Reverted || Commission.Reverted || PendingCommission.Reverted || CommissionAt.Reverted || Status.Reverted || Exiting.Reverted
              || Operator.Reverted || Nonces.Reverted);

        public bool IsOperator(Address account) => Address.TryParse(Operator.Value, out var op) && op == account;
    }
}
