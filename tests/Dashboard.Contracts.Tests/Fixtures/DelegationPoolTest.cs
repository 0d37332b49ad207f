using System.Numerics;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Contracts.Tests.Fixtures;

/// <summary>
/// Base of the DelegationPool tests: after the snapshot, each test gets a fresh pool (10% commission, 7-day notice,
/// 5% max step, 3-day unbonding, 100 METIS minimum) whitelisted by the admin and initialized by its operator with a
/// 20,000 METIS self-stake (= minLock), so the devnet has four active sequencers.
/// </summary>
public abstract class DelegationPoolTest(ContractsDevnet fixture) : ContractTest(fixture)
{
    protected const long CommissionBps = 1_000;

    protected const long NoticeSeconds = 7 * 24 * 3600;

    protected const long MaxStepBps = 500;

    protected const long UnbondingSeconds = 3 * 24 * 3600;

    protected const string ConstructorTypes = "address,address,uint256,uint256,uint256,uint256,uint256";

    protected static readonly DevnetKey PoolSigner = DevnetKey.Signer(60);

    protected static readonly BigInteger Precision = BigInteger.Pow(10, 18);

    protected static BigInteger SelfStake => Metis(20_000m);

    protected static BigInteger MinDelegation => Metis(100m);

    protected Address Operator => Accounts.Delegators[5];

    protected Address Alice => Accounts.Delegators[1];

    protected Address Bob => Accounts.Delegators[2];

    /// <summary>The pool under test (LockingPool is <see cref="ContractTest.Pool"/>).</summary>
    protected Address Delegation { get; private set; }

    protected BigInteger SeqId { get; private set; }

    protected TransactionReceipt InitializeReceipt { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Delegation = await DeployPoolAsync();
        await L1.SendAsync(Admin, Pool, "setWhitelist(address,bool)", Delegation, true);
        await ApproveMetisAsync(Operator, Delegation, SelfStake);
        InitializeReceipt = await L1.SendAsync(Operator, Delegation, "initializeSequencer(address,uint256,bytes,address)",
            PoolSigner.Address, SelfStake, PoolSigner.PublicKey, Operator);
        SeqId = await ReadUintAsync(L1, Delegation, "sequencerId()");
    }

    protected Task<Address> DeployPoolAsync(long commissionBps = CommissionBps, long unbondingSeconds = UnbondingSeconds, Address? lockingPool = null) =>
        DeployAsync(L1, Admin, "DelegationPool", ConstructorTypes,
            lockingPool ?? Pool, Operator, commissionBps, NoticeSeconds, MaxStepBps, unbondingSeconds, MinDelegation);

    protected Task<BigInteger> DelegationUintAsync(string signature, params object?[] arguments) =>
        ReadUintAsync(L1, Delegation, signature, arguments);

    protected async Task<TransactionReceipt> DelegateAsync(Address delegator, BigInteger amount, BigInteger? minShares = null)
    {
        await ApproveMetisAsync(delegator, Delegation, amount);
        return await L1.SendAsync(delegator, Delegation, "delegate(uint256,uint256)", amount, minShares ?? BigInteger.Zero);
    }

    protected Task<TransactionReceipt> UndelegateAsync(Address delegator, BigInteger amount, BigInteger? maxShares = null) =>
        L1.SendAsync(delegator, Delegation, "undelegate(uint256,uint256)", amount, maxShares ?? amount);

    /// <summary>Submits a reward batch for another sequencer: the batch id moves on, the pool earns nothing.</summary>
    protected Task<TransactionReceipt> AdvanceBatchAsync() => SubmitRewardsAsync((InitialSequencers[0].Signer, 1));

    /// <summary><c>unbondStatus(user, nonce)</c>: (amount, withdrawableAt, isReward, mature, funded).</summary>
    protected async Task<(BigInteger Amount, BigInteger WithdrawableAt, bool IsReward, bool Mature, bool Funded)> UnbondAsync(Address user, BigInteger nonce)
    {
        var e = await L1.ReadAsync(Delegation, "unbondStatus(address,uint256)", "uint256,uint256,bool,bool,bool", user, nonce);
        return ((BigInteger)e[0]!, (BigInteger)e[1]!, (bool)e[2]!, (bool)e[3]!, (bool)e[4]!);
    }

    /// <summary>What the pool credits per share for a harvested <paramref name="reward"/>, as the contract computes it.</summary>
    protected static (BigInteger Commission, BigInteger RewardPerShare) Split(BigInteger reward, BigInteger commissionBps, BigInteger supply)
    {
        var commission = reward * commissionBps / 10_000;
        return (commission, (reward - commission) * Precision / supply);
    }
}
