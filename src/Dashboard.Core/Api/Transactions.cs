using System.Numerics;
using Dashboard.Core.Formatting;

namespace Dashboard.Core.Api;

/// <summary>What a user wants to do, for the server to build and check as a transaction their own wallet signs.</summary>
public sealed record TransactionIntent
{
    /// <summary>See <see cref="TransactionActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>The account that will sign and send it (the connected wallet).</summary>
    [AddressString]
    public required string From { get; init; }

    /// <summary>The delegation pool (delegator actions, commission changes).</summary>
    [AddressString]
    public string? Pool { get; init; }

    /// <summary>The sequencer (operator actions).</summary>
    public long? SequencerId { get; init; }

    /// <summary>METIS in wei (approve, delegate, undelegate, lock, relock, withdraw).</summary>
    public BigInteger? Amount { get; init; }

    /// <summary>The unbonding entry to withdraw.</summary>
    public long? Nonce { get; init; }

    /// <summary>relock: also compound the pending reward.</summary>
    public bool? LockReward { get; init; }

    /// <summary>approve: "pool" (to delegate) or "locking" (LockingInfo, to lock or relock).</summary>
    public string? Spender { get; init; }

    /// <summary>lock / setRewardRecipient: where rewards are paid on L2.</summary>
    [AddressString]
    public string? Recipient { get; init; }

    /// <summary>lock: the signer key's address.</summary>
    [AddressString]
    public string? Signer { get; init; }

    /// <summary>lock / updateSigner: the 64-byte uncompressed public key (hex, no 04 prefix).</summary>
    public string? SignerPubkey { get; init; }

    /// <summary>proposeCommission: the new rate in basis points.</summary>
    public int? CommissionBps { get; init; }
}

/// <summary>The actions <see cref="TransactionIntent.Action"/> takes.</summary>
public static class TransactionActions
{
    public const string Approve = "approve";
    public const string Delegate = "delegate";
    public const string Undelegate = "undelegate";
    public const string ClaimRewards = "claimRewards";
    public const string Restake = "restake";
    public const string Withdraw = "withdraw";
    public const string Lock = "lock";
    public const string Relock = "relock";
    public const string WithdrawStake = "withdrawStake";
    public const string WithdrawRewards = "withdrawRewards";
    public const string Unlock = "unlock";
    public const string UnlockClaim = "unlockClaim";
    public const string SetRewardRecipient = "setRewardRecipient";
    public const string UpdateSigner = "updateSigner";
    public const string ProposeCommission = "proposeCommission";
    public const string ApplyCommission = "applyCommission";

    public static readonly IReadOnlyList<string> All =
    [
        Approve, Delegate, Undelegate, ClaimRewards, Restake, Withdraw, Lock, Relock, WithdrawStake, WithdrawRewards, Unlock, UnlockClaim,
        SetRewardRecipient, UpdateSigner, ProposeCommission, ApplyCommission,
    ];
}

/// <summary>A transaction the server built and checked (it would succeed now), ready for the user's wallet to sign.</summary>
public sealed record PreparedTransaction
{
    public required string Action { get; init; }

    /// <summary>"L1" or "L2": the chain the wallet must be on.</summary>
    public required string Chain { get; init; }

    public required long ChainId { get; init; }

    [AddressString]
    public required string From { get; init; }

    [AddressString]
    public required string To { get; init; }

    /// <summary>Calldata, hex.</summary>
    public required string Data { get; init; }

    /// <summary>Native coin sent with it (the bridge fee for payouts), in wei.</summary>
    public required BigInteger Value { get; init; }

    /// <summary>Gas limit: the node's estimate with a margin.</summary>
    public required long Gas { get; init; }

    /// <summary>One line for the wallet step, e.g. "Delegate 1,000 METIS to Fathom".</summary>
    public required string Title { get; init; }

    /// <summary>What the user should know before signing: shares received, unbonding end, bridge fee…</summary>
    public IReadOnlyList<TransactionDetail> Details { get; init; } = [];

    /// <summary>The same transaction as the params object of an EIP-1193 <c>eth_sendTransaction</c>: hand it to the wallet as is.</summary>
    public required WalletRequest Request { get; init; }
}

public sealed record TransactionDetail(string Label, string Value);

/// <summary>
/// A transaction in the shape wallets take it (<c>eth_sendTransaction</c>): quantities as 0x-hex, addresses in
/// lower case. The chain id binds it to the chain it was checked on: a wallet that moved meanwhile refuses it.
/// </summary>
public sealed record WalletRequest(string From, string To, string Data, string Value, string Gas, string ChainId);

/// <summary>Where a sent transaction stands.</summary>
public sealed record TransactionStatus
{
    [HashString]
    public required string Hash { get; init; }

    public required string Chain { get; init; }

    /// <summary>"pending", "confirmed", "failed" or "unknown" (the node does not know it).</summary>
    public required string State { get; init; }

    public long? Block { get; init; }

    /// <summary>Blocks on top of it, itself included.</summary>
    public long? Confirmations { get; init; }

    /// <summary>The dashboard's data has caught up with it (its block is indexed).</summary>
    public required bool Indexed { get; init; }

    /// <summary>Why it failed, in words, when it did.</summary>
    public string? Error { get; init; }
}

/// <summary>A chain as a wallet needs it to switch to or add it (EIP-3085).</summary>
public sealed record WalletChain
{
    public required string Chain { get; init; }

    /// <summary>Hex, as wallets take it.</summary>
    public required string ChainIdHex { get; init; }

    public required long ChainId { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<string> RpcUrls { get; init; }

    public required string CurrencyName { get; init; }

    public required string CurrencySymbol { get; init; }

    public IReadOnlyList<string> ExplorerUrls { get; init; } = [];
}

/// <summary>What an account holds and may do right now, read live from the chains (not from the index).</summary>
public sealed record WalletState
{
    [AddressString]
    public required string Address { get; init; }

    /// <summary>ETH on L1: pays gas and the bridge fee of payouts.</summary>
    public required BigInteger L1Balance { get; init; }

    /// <summary>METIS (ERC-20) on L1.</summary>
    public required BigInteger Metis { get; init; }

    /// <summary>METIS approved to LockingInfo (what lock and relock can take).</summary>
    public required BigInteger LockingAllowance { get; init; }

    public required IReadOnlyList<PoolPosition> Pools { get; init; }

    /// <summary>The sequencer this address owns, runs (as pool operator) or signs for, with what it can do now.</summary>
    public OperatorState? Operator { get; init; }

    public required NetworkLimits Limits { get; init; }

    /// <summary>The devnet's faucet can give this account METIS and ETH (POST /api/devnet/faucet/{address}).</summary>
    public bool Faucet { get; init; }
}

/// <summary>What the devnet's faucet gives an account, at most once per <see cref="Interval"/>.</summary>
public static class FaucetGift
{
    public static readonly BigInteger Metis = MetisAmount.FromMetis(50_000m);

    /// <summary>In wei: ETH has 18 decimals, like METIS.</summary>
    public static readonly BigInteger Ether = MetisAmount.FromMetis(10m);

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    public static string Text => $"{MetisAmount.Format(Metis, 0, withUnit: false)} METIS and {MetisAmount.Format(Ether, 0, withUnit: false)} ETH";
}

/// <summary>The account's standing in one delegation pool, live.</summary>
public sealed record PoolPosition
{
    [AddressString]
    public required string Pool { get; init; }

    public required long SequencerId { get; init; }

    public string? SequencerName { get; init; }

    /// <summary>METIS approved to the pool.</summary>
    public required BigInteger Allowance { get; init; }

    public required BigInteger Shares { get; init; }

    /// <summary>What the shares are worth now.</summary>
    public required BigInteger Stake { get; init; }

    /// <summary>Rewards accrued, not yet claimed or restaked.</summary>
    public required BigInteger PendingRewards { get; init; }

    /// <summary>How much more the pool accepts now.</summary>
    public required BigInteger Capacity { get; init; }

    public required BigInteger MinDelegation { get; init; }

    /// <summary>Stake per share, scaled by 10^18.</summary>
    public required BigInteger ExchangeRate { get; init; }

    public required long UnbondingDelaySeconds { get; init; }

    public required int CommissionBps { get; init; }

    /// <summary>An announced commission change and when it may be applied.</summary>
    public int? PendingCommissionBps { get; init; }

    public DateTimeOffset? CommissionEffectiveAt { get; init; }

    /// <summary>The sequencer accepts delegations (active, not exiting).</summary>
    public required bool Open { get; init; }

    public required IReadOnlyList<UnbondEntry> Unbonds { get; init; }

    /// <summary>This account is the pool's operator.</summary>
    public required bool IsOperator { get; init; }

    /// <summary>LockingPool's current reward batch.</summary>
    public long CurrentBatch { get; init; }

    /// <summary>
    /// The batch in which the pool's sequencer last changed its lock. The pool can pull queued withdrawals (claimed
    /// rewards, undelegated stake) out of LockingPool only in a later batch: while this equals <see cref="CurrentBatch"/>,
    /// unfunded entries wait for the next reward batch.
    /// </summary>
    public long LockUpdatedBatch { get; init; }

    /// <summary>The pool can pull from LockingPool now (a claim pays at once; an unfunded entry can be withdrawn).</summary>
    public bool CanPullNow => Open && CurrentBatch > LockUpdatedBatch;
}

/// <summary>An open unbonding (or reward) entry, live: when it can be withdrawn and whether the pool holds its tokens yet.</summary>
public sealed record UnbondEntry(long Nonce, BigInteger Amount, DateTimeOffset WithdrawableAt, bool IsReward, bool Mature, bool Funded);

/// <summary>A sequencer as its owner sees it before acting: the limits that decide what is possible now.</summary>
public sealed record OperatorState
{
    public required long SequencerId { get; init; }

    /// <summary>Its name from the network's metadata list, when it has one.</summary>
    public string? SequencerName { get; init; }

    /// <summary>"owner", "pool operator" or "signer".</summary>
    public required string Role { get; init; }

    /// <summary>The account is also this sequencer's current signer key (it may rotate it).</summary>
    public bool IsSigner { get; init; }

    public required SequencerStatus Status { get; init; }

    public required BigInteger Locked { get; init; }

    public required BigInteger PendingReward { get; init; }

    [AddressString]
    public required string Signer { get; init; }

    [AddressString]
    public required string RewardRecipient { get; init; }

    /// <summary>A partial withdraw is allowed once per reward batch: the batch of the last change, and the current one.</summary>
    public required long UpdatedBatch { get; init; }

    public required long CurrentBatch { get; init; }

    public DateTimeOffset? UnlockClaimTime { get; init; }

    /// <summary>
    /// The bridge fee (ETH, wei) withdrawRewards, unlock and unlockClaim send as value: max(l2Gas, minL2Gas) × discount
    /// from Metis' MVM_DiscountOracle, read live. Null when it cannot be quoted (no AddressManager configured, or no
    /// oracle registered in it): those actions are then refused.
    /// </summary>
    public BigInteger? BridgeFee { get; init; }

    /// <summary>What the bridge fee is worth in METIS (wei) at <see cref="Price"/>; null without a price.</summary>
    public BigInteger? BridgeFeeMetis { get; init; }

    /// <summary>The bridge fee as a share of the pending reward (0.01 = 1 %); null without a price or a pending reward.</summary>
    public double? BridgeFeeShare { get; init; }

    /// <summary>The METIS price the fee was valued at, and where it came from; null when the network names no price source.</summary>
    public MetisPriceQuote? Price { get; init; }

    /// <summary>The first batch in which the signer key may be rotated again.</summary>
    public required long SignerUpdateFromBatch { get; init; }

    [AddressString]
    public string? Pool { get; init; }

    public int? CommissionBps { get; init; }

    public int? PendingCommissionBps { get; init; }

    public DateTimeOffset? CommissionEffectiveAt { get; init; }
}

/// <summary>Network-wide rules of locking, live.</summary>
public sealed record NetworkLimits
{
    public required BigInteger MinLock { get; init; }

    public required BigInteger MaxLock { get; init; }

    public required bool Paused { get; init; }

    /// <summary>The address may lock (LockingPool's whitelist).</summary>
    public required bool Whitelisted { get; init; }

    public required long ExitDelaySeconds { get; init; }
}

/// <summary>The METIS price in ETH as read from chain data: a Uniswap V3 METIS/WETH pool on L1, its current (spot) price.</summary>
public sealed record MetisPriceQuote
{
    public required double EthPerMetis { get; init; }

    /// <summary>The pool read: the deepest METIS/WETH pool of the configured factory.</summary>
    [AddressString]
    public required string Pool { get; init; }

    /// <summary>Its fee tier in hundredths of a basis point (3000 = 0.3 %).</summary>
    public required int FeeTier { get; init; }

    public required DateTimeOffset ReadAt { get; init; }
}
