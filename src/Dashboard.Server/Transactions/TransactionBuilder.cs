using Dashboard.Contracts.Bridge;
using System.Globalization;
using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Contracts;
using Dashboard.Contracts.Delegation;
using Dashboard.Contracts.LockingPool;
using Dashboard.Contracts.Token;
using Dashboard.Core.Formatting;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Dashboard.Server.Directory;

namespace Dashboard.Server.Transactions;

/// <summary>
/// Builds the transaction a user asked for and checks it before their wallet opens: first the rules we can say in
/// plain words (balance, allowance, minimum and maximum lock, capacity, pause, whose sequencer it is, when an entry
/// matures), then the call itself simulated from their account (eth_call), a revert decoded with the contracts'
/// error catalogue, then the gas estimated. Calldata comes from the same contract bindings the indexer decodes.
/// The server never holds a key: the wallet signs and sends what this returns.
/// </summary>
public sealed class TransactionBuilder(WalletReader wallets, ChainClients chains, ResolvedNetwork network, SequencerDirectory directory, TimeProvider clock)
{
    /// <summary>Delegations and undelegations accept this much movement of the exchange rate between check and inclusion.</summary>
    private const int SlippageBps = 50;

    private static readonly BigInteger Precision = BigInteger.Pow(10, 18);

    public async Task<PreparedTransaction> PrepareAsync(TransactionIntent intent, CancellationToken cancellationToken)
    {
        if (!TransactionActions.All.Contains(intent.Action))
        {
            throw TransactionRefusedException.Input($"action must be one of {string.Join(", ", TransactionActions.All)}; got '{intent.Action}'.");
        }

        var wallet = await wallets.ReadAsync(AddressIn(intent.From, "from"), cancellationToken);
        var names = await directory.GetAsync(cancellationToken);
        var draft = intent.Action switch
        {
            TransactionActions.Approve => Approve(intent, wallet, names),
            TransactionActions.Delegate => Delegate(intent, wallet, names),
            TransactionActions.Undelegate => Undelegate(intent, wallet, names),
            TransactionActions.ClaimRewards => ClaimRewards(intent, wallet, names),
            TransactionActions.Restake => Restake(intent, wallet, names),
            TransactionActions.Withdraw => Withdraw(intent, wallet, names),
            TransactionActions.Lock => Lock(intent, wallet),
            TransactionActions.Relock => Relock(intent, wallet),
            TransactionActions.WithdrawStake => WithdrawStake(intent, wallet),
            TransactionActions.WithdrawRewards => WithdrawRewards(intent, wallet),
            TransactionActions.Unlock => Unlock(intent, wallet),
            TransactionActions.UnlockClaim => UnlockClaim(intent, wallet),
            TransactionActions.SetRewardRecipient => SetRewardRecipient(intent, wallet),
            TransactionActions.UpdateSigner => UpdateSigner(intent, wallet),
            TransactionActions.ProposeCommission => ProposeCommission(intent, wallet),
            _ => ApplyCommission(intent, wallet),
        };
        return await CheckAsync(intent, draft, wallet, cancellationToken);
    }

    // To is the contract, as the wallet state names it (EIP-55 text).
    private sealed record Draft(string To, byte[] Data, BigInteger Value, string Title, IReadOnlyList<TransactionDetail> Details);

    // ---------------------------------------------------------------- delegators

    private Draft Approve(TransactionIntent intent, WalletState wallet, SequencerDirectory.Snapshot names)
    {
        var amount = Positive(intent.Amount, "amount");
        var (spender, what) = intent.Spender switch
        {
            "pool" => (Position(intent, wallet).Pool, $"the pool of {Name(names, Position(intent, wallet).SequencerId)}"),
            "locking" => (wallets.LockingInfo.ToString(), "LockingInfo (where sequencers' stake is locked)"),
            _ => throw TransactionRefusedException.Input($"spender must be 'pool' (to delegate) or 'locking' (to lock or relock); got '{intent.Spender}'."),
        };
        return new Draft(wallets.Token.ToString(), Encode(new ApproveFunction { Spender = spender, Amount = amount }), 0, $"Allow {what} to take {MetisAmount.Format(amount, 4)}",
            [new("Spender", spender), new("Your METIS on L1", MetisAmount.Format(wallet.Metis, 4))]);
    }

    private static Draft Delegate(TransactionIntent intent, WalletState wallet, SequencerDirectory.Snapshot names)
    {
        var position = Position(intent, wallet);
        var amount = Positive(intent.Amount, "amount");
        var name = Name(names, position.SequencerId);
        if (!position.Open)
        {
            throw new TransactionRefusedException("pool-closed", $"{name} does not take delegations now: its sequencer is not active or is leaving the network.");
        }

        if (amount < position.MinDelegation)
        {
            throw new TransactionRefusedException("below-minimum", $"The pool of {name} takes at least {MetisAmount.Format(position.MinDelegation, 4)} per delegation; {MetisAmount.Format(amount, 4)} is less.");
        }

        if (amount > position.Capacity)
        {
            throw new TransactionRefusedException("capacity", $"The pool of {name} can take only {MetisAmount.Format(position.Capacity, 4)} more before its sequencer reaches maxLock; {MetisAmount.Format(amount, 4)} does not fit.");
        }

        RequireMetis(wallet, amount, "delegating");
        if (position.Allowance < amount)
        {
            throw new TransactionRefusedException("allowance",
                $"First allow the pool to take {MetisAmount.Format(amount, 4)} (it may take {MetisAmount.Format(position.Allowance, 4)} now): approve, then delegate.");
        }

        var shares = position.ExchangeRate.IsZero ? amount : amount * Precision / position.ExchangeRate;
        return new Draft(position.Pool, Encode(new DelegateFunction { Amount = amount, MinShares = shares * (10_000 - SlippageBps) / 10_000 }), 0,
            $"Delegate {MetisAmount.Format(amount, 4)} to {name}",
            [
                new("Shares you receive", $"{MetisAmount.Format(shares, 4, withUnit: false)} dMETIS (at least {MetisAmount.Format(shares * (10_000 - SlippageBps) / 10_000, 4, withUnit: false)})"),
                new("Exchange rate", $"{MetisAmount.Format(position.ExchangeRate, 6, withUnit: false)} METIS per share"),
                new("Commission", $"{position.CommissionBps / 100.0:0.##} % of the rewards"),
                new("To undelegate later", $"an unbonding delay of {Duration(position.UnbondingDelaySeconds)}"),
            ]);
    }

    private Draft Undelegate(TransactionIntent intent, WalletState wallet, SequencerDirectory.Snapshot names)
    {
        var position = Position(intent, wallet);
        var amount = Positive(intent.Amount, "amount");
        if (amount > position.Stake)
        {
            throw new TransactionRefusedException("insufficient-stake", $"Your stake in this pool is {MetisAmount.Format(position.Stake, 4)}; you cannot undelegate {MetisAmount.Format(amount, 4)}.");
        }

        var shares = position.ExchangeRate.IsZero ? amount : (amount * Precision + position.ExchangeRate - 1) / position.ExchangeRate;
        var maxShares = BigInteger.Min(position.Shares, shares * (10_000 + SlippageBps) / 10_000);
        var withdrawable = clock.GetUtcNow().AddSeconds(position.UnbondingDelaySeconds);
        return new Draft(position.Pool, Encode(new UndelegateFunction { Amount = amount, MaxShares = maxShares }), 0,
            $"Undelegate {MetisAmount.Format(amount, 4)} from {Name(names, position.SequencerId)}",
            [
                new("Shares burned", $"{MetisAmount.Format(shares, 4, withUnit: false)} dMETIS"),
                new("Unbonding delay", Duration(position.UnbondingDelaySeconds)),
                new("Withdrawable from", $"{Utc(withdrawable)} (if confirmed now)"),
            ]);
    }

    private static Draft ClaimRewards(TransactionIntent intent, WalletState wallet, SequencerDirectory.Snapshot names)
    {
        var position = Position(intent, wallet);
        if (position.PendingRewards.IsZero)
        {
            throw new TransactionRefusedException("no-rewards", "You have no rewards to claim in this pool yet: they accrue as reward batches pay its sequencer.");
        }

        return new Draft(position.Pool, Encode(new ClaimRewardsFunction()), 0, $"Claim {MetisAmount.Format(position.PendingRewards, 4)} of rewards from {Name(names, position.SequencerId)}",
            [new("Paid", "at once when the pool holds the tokens; otherwise as an entry to withdraw after the next reward batch")]);
    }

    private static Draft Restake(TransactionIntent intent, WalletState wallet, SequencerDirectory.Snapshot names)
    {
        var position = Position(intent, wallet);
        if (position.PendingRewards.IsZero)
        {
            throw new TransactionRefusedException("no-rewards", "You have no rewards to restake in this pool yet.");
        }

        return new Draft(position.Pool, Encode(new RestakeFunction()), 0, $"Restake {MetisAmount.Format(position.PendingRewards, 4)} of rewards with {Name(names, position.SequencerId)}",
            [new("Result", "the rewards become shares: they earn from now on and unbond like any stake")]);
    }

    private Draft Withdraw(TransactionIntent intent, WalletState wallet, SequencerDirectory.Snapshot names)
    {
        var position = Position(intent, wallet);
        var nonce = intent.Nonce ?? throw TransactionRefusedException.Input("nonce is required: the unbonding entry to withdraw.");
        var entry = position.Unbonds.FirstOrDefault(u => u.Nonce == nonce)
            ?? throw new TransactionRefusedException("no-entry", $"There is no open unbonding entry #{nonce} of yours in this pool (it may have been withdrawn already).");
        if (!entry.Mature)
        {
            throw new TransactionRefusedException("not-mature", $"Entry #{nonce} can be withdrawn from {Utc(entry.WithdrawableAt)}, {Duration((long)(entry.WithdrawableAt - clock.GetUtcNow()).TotalSeconds)} from now.");
        }

        return new Draft(position.Pool, Encode(new WithdrawUnbondFunction { Entry = nonce }), 0, $"Withdraw {MetisAmount.Format(entry.Amount, 4)} from {Name(names, position.SequencerId)}",
            [new("Entry", $"#{nonce}, {(entry.IsReward ? "claimed rewards" : "undelegated stake")}"), new("Funded", entry.Funded ? "yes" : "the pool pulls the tokens from LockingPool as part of this withdrawal, when the batch allows")]);
    }

    // ---------------------------------------------------------------- operators

    private Draft Lock(TransactionIntent intent, WalletState wallet)
    {
        var amount = Positive(intent.Amount, "amount");
        var signer = intent.Signer is null ? throw TransactionRefusedException.Input("signer is required: the address of the key that will sign L2 blocks.") : AddressIn(intent.Signer, "signer");
        var pubkey = Pubkey(intent.SignerPubkey);
        var derived = Address.FromPublicKey(pubkey);
        if (derived != signer)
        {
            throw TransactionRefusedException.Input($"The public key belongs to {derived}, not to the signer {signer}: paste the signer key's 64-byte public key.");
        }

        RequireNotPaused(wallet);
        if (!wallet.Limits.Whitelisted)
        {
            throw new TransactionRefusedException("not-whitelisted", $"{wallet.Address} is not on LockingPool's whitelist: the network's governance must add it before it can lock.");
        }

        if (wallet.Operator is { Role: "owner" } existing)
        {
            throw new TransactionRefusedException("has-sequencer", $"{wallet.Address} already owns sequencer {existing.SequencerId}: one sequencer per owner.");
        }

        if (amount < wallet.Limits.MinLock || amount > wallet.Limits.MaxLock)
        {
            throw new TransactionRefusedException(amount < wallet.Limits.MinLock ? "below-minimum" : "above-maximum",
                $"A lock must be between {MetisAmount.Format(wallet.Limits.MinLock, 0)} and {MetisAmount.Format(wallet.Limits.MaxLock, 0)}; {MetisAmount.Format(amount, 4)} is not.");
        }

        RequireMetis(wallet, amount, "locking");
        RequireLockingAllowance(wallet, amount);
        var recipient = intent.Recipient is null ? Address.Parse(wallet.Address) : AddressIn(intent.Recipient, "recipient");
        return new Draft(wallets.LockingPool.ToString(), Encode(new LockWithRewardRecipientFunction { Signer = signer.ToString(), RewardRecipient = recipient.ToString(), Amount = amount, SignerPubkey = pubkey }), 0,
            $"Lock {MetisAmount.Format(amount, 4)} and become a sequencer",
            [new("Signer key", signer.ToString()), new("Rewards paid on L2 to", recipient.ToString()), new("Limits", $"{MetisAmount.Format(wallet.Limits.MinLock, 0)} to {MetisAmount.Format(wallet.Limits.MaxLock, 0)}")]);
    }

    private Draft Relock(TransactionIntent intent, WalletState wallet)
    {
        var sequencer = Owned(intent, wallet);
        var amount = intent.Amount ?? BigInteger.Zero;
        if (amount < 0)
        {
            throw TransactionRefusedException.Input("amount may not be negative.");
        }

        var lockReward = intent.LockReward ?? false;
        RequireNotPaused(wallet);
        var added = amount + (lockReward ? sequencer.PendingReward : 0);
        if (added.IsZero)
        {
            throw new TransactionRefusedException("nothing-to-lock", lockReward ? "There is no pending reward to compound and no amount to add." : "Give an amount to add, or compound the pending reward.");
        }

        if (sequencer.Locked + added > wallet.Limits.MaxLock)
        {
            throw new TransactionRefusedException("above-maximum",
                $"After this relock {MetisAmount.Format(sequencer.Locked + added, 4)} would be locked, above maxLock ({MetisAmount.Format(wallet.Limits.MaxLock, 0)}); at most {MetisAmount.Format(wallet.Limits.MaxLock - sequencer.Locked, 4)} more fits.");
        }

        if (amount > 0)
        {
            RequireMetis(wallet, amount, "relocking");
            RequireLockingAllowance(wallet, amount);
        }

        return new Draft(wallets.LockingPool.ToString(), Encode(new RelockFunction { SequencerId = sequencer.SequencerId, Amount = amount, LockReward = lockReward }), 0,
            lockReward ? $"Relock {MetisAmount.Format(amount, 4)} and compound {MetisAmount.Format(sequencer.PendingReward, 4)} of reward" : $"Relock {MetisAmount.Format(amount, 4)}",
            [new("Locked after", MetisAmount.Format(sequencer.Locked + added, 4)), new("maxLock", MetisAmount.Format(wallet.Limits.MaxLock, 0))]);
    }

    private Draft WithdrawStake(TransactionIntent intent, WalletState wallet)
    {
        var sequencer = Owned(intent, wallet);
        var amount = Positive(intent.Amount, "amount");
        RequireNotPaused(wallet);
        if (sequencer.Locked - amount < wallet.Limits.MinLock)
        {
            throw new TransactionRefusedException("below-minimum",
                $"At least minLock ({MetisAmount.Format(wallet.Limits.MinLock, 0)}) must stay locked: you can withdraw up to {MetisAmount.Format(BigInteger.Max(0, sequencer.Locked - wallet.Limits.MinLock), 4)}. To take everything back, unlock.");
        }

        if (sequencer.UpdatedBatch >= sequencer.CurrentBatch)
        {
            throw new TransactionRefusedException("once-per-batch",
                $"The lock changed in reward batch {sequencer.UpdatedBatch}, the current one: a partial withdraw is allowed once per batch. Try again after batch {sequencer.CurrentBatch + 1} is submitted.");
        }

        return new Draft(wallets.LockingPool.ToString(), Encode(new WithdrawStakeFunction { SequencerId = sequencer.SequencerId, Amount = amount }), 0,
            $"Withdraw {MetisAmount.Format(amount, 4)} of stake", [new("Locked after", MetisAmount.Format(sequencer.Locked - amount, 4)), new("Paid to", "this account, on L1, at once")]);
    }

    private Draft WithdrawRewards(TransactionIntent intent, WalletState wallet)
    {
        var sequencer = Owned(intent, wallet);
        RequireNotPaused(wallet);
        if (sequencer.PendingReward.IsZero)
        {
            throw new TransactionRefusedException("no-rewards", "There is no pending reward to withdraw yet: rewards arrive with the MPC's reward batches.");
        }

        var fee = RequireBridgeFee(wallet, sequencer);
        return new Draft(wallets.LockingPool.ToString(), Encode(new WithdrawRewardsFunction { SequencerId = sequencer.SequencerId, L2Gas = WalletReader.BridgeL2Gas }), fee,
            $"Withdraw {MetisAmount.Format(sequencer.PendingReward, 4)} of rewards to L2", BridgeDetails(sequencer, fee));
    }

    private Draft Unlock(TransactionIntent intent, WalletState wallet)
    {
        var sequencer = Owned(intent, wallet);
        RequireNotPaused(wallet);
        if (sequencer.Status != SequencerStatus.Active)
        {
            throw new TransactionRefusedException("not-active", $"Sequencer {sequencer.SequencerId} is {sequencer.Status.ToString().ToLowerInvariant()}: only an active sequencer can start its exit.");
        }

        var fee = BridgeFeeIfRewardPending(wallet, sequencer);
        var claimable = clock.GetUtcNow().AddSeconds(wallet.Limits.ExitDelaySeconds);
        return new Draft(wallets.LockingPool.ToString(), Encode(new UnlockFunction { SequencerId = sequencer.SequencerId, L2Gas = WalletReader.BridgeL2Gas }), fee,
            $"Unlock: leave the network with {MetisAmount.Format(sequencer.Locked, 4)}",
            [
                new("What happens", "the sequencer leaves the epoch rotation now; its pending reward is bridged to L2"),
                new("Exit delay", Duration(wallet.Limits.ExitDelaySeconds)),
                new("Stake claimable from", $"{Utc(claimable)} (if confirmed now), with unlock claim"),
                .. BridgeDetails(sequencer, fee),
            ]);
    }

    private Draft UnlockClaim(TransactionIntent intent, WalletState wallet)
    {
        var sequencer = Owned(intent, wallet);
        RequireNotPaused(wallet);
        if (sequencer.Status != SequencerStatus.Inactive)
        {
            throw new TransactionRefusedException("not-exiting", $"Sequencer {sequencer.SequencerId} has not started its exit: unlock first.");
        }

        if (sequencer.UnlockClaimTime is { } at && at > clock.GetUtcNow())
        {
            throw new TransactionRefusedException("too-early", $"The exit delay ends {Utc(at)}, {Duration((long)(at - clock.GetUtcNow()).TotalSeconds)} from now: the stake can be claimed from then.");
        }

        var fee = BridgeFeeIfRewardPending(wallet, sequencer);
        return new Draft(wallets.LockingPool.ToString(), Encode(new UnlockClaimFunction { SequencerId = sequencer.SequencerId, L2Gas = WalletReader.BridgeL2Gas }), fee,
            $"Claim the stake back: {MetisAmount.Format(sequencer.Locked, 4)}", [new("Paid to", "this account, on L1"), .. BridgeDetails(sequencer, fee)]);
    }

    private Draft SetRewardRecipient(TransactionIntent intent, WalletState wallet)
    {
        var sequencer = Owned(intent, wallet);
        var recipient = intent.Recipient is null ? throw TransactionRefusedException.Input("recipient is required: the L2 address rewards are paid to.") : AddressIn(intent.Recipient, "recipient");
        if (recipient.IsZero)
        {
            throw TransactionRefusedException.Input("The reward recipient cannot be the zero address: rewards sent there are lost.");
        }

        return new Draft(wallets.LockingPool.ToString(), Encode(new SetSequencerRewardRecipientFunction { SequencerId = sequencer.SequencerId, Recipient = recipient.ToString() }), 0,
            "Change where rewards are paid", [new("From", sequencer.RewardRecipient), new("To (on L2)", recipient.ToString())]);
    }

    private Draft UpdateSigner(TransactionIntent intent, WalletState wallet)
    {
        var sequencer = wallet.Operator is { } signer && (signer.Role == "signer" || signer.IsSigner) ? signer
            : throw new TransactionRefusedException("wrong-account", $"{wallet.Address} is not the signer key of an active sequencer: updateSigner is sent from the current signer key.");
        var pubkey = Pubkey(intent.SignerPubkey);
        var next = Address.FromPublicKey(pubkey);
        if (next == Address.Parse(sequencer.Signer))
        {
            throw TransactionRefusedException.Input("That public key is the current signer's: give the new key's.");
        }

        if (sequencer.CurrentBatch < sequencer.SignerUpdateFromBatch)
        {
            throw new TransactionRefusedException("throttled", $"The signer was changed recently: the next change is allowed from reward batch {sequencer.SignerUpdateFromBatch} (now {sequencer.CurrentBatch}).");
        }

        return new Draft(wallets.LockingPool.ToString(), Encode(new UpdateSignerFunction { SequencerId = sequencer.SequencerId, SignerPubkey = pubkey }), 0,
            "Rotate the signer key", [new("Old signer", sequencer.Signer), new("New signer", next.ToString()), new("Note", "the old key is retired for good and can never sign again")]);
    }

    private static Draft ProposeCommission(TransactionIntent intent, WalletState wallet)
    {
        var position = PoolOf(intent, wallet);
        if (!position.IsOperator)
        {
            throw new TransactionRefusedException("wrong-account", $"{wallet.Address} is not the operator of the pool {position.Pool}: only its operator announces commission changes.");
        }

        var bps = intent.CommissionBps ?? throw TransactionRefusedException.Input("commissionBps is required: the new rate in basis points (100 = 1 %).");
        if (bps is < 0 or > 10_000)
        {
            throw TransactionRefusedException.Input($"commissionBps must be between 0 and 10000 (100 %); got {bps}.");
        }

        if (position.PendingCommissionBps is { } pending)
        {
            throw new TransactionRefusedException("commission-pending", $"A change to {pending / 100.0:0.##} % is already announced (effective {Utc(position.CommissionEffectiveAt!.Value)}): apply or cancel it first.");
        }

        return new Draft(position.Pool, Encode(new ProposeCommissionRateFunction { NewRate = bps }), 0, $"Announce a commission of {bps / 100.0:0.##} %",
            [new("Now", $"{position.CommissionBps / 100.0:0.##} %"), new("Takes effect", "after the pool's notice period, when applied")]);
    }

    /// <summary>Anyone may apply an announced commission once it is due (the pool's rule); usually its operator does.</summary>
    private Draft ApplyCommission(TransactionIntent intent, WalletState wallet)
    {
        var position = PoolOf(intent, wallet);
        if (position.PendingCommissionBps is not { } pending || position.CommissionEffectiveAt is not { } at)
        {
            throw new TransactionRefusedException("no-pending-commission", "No commission change is announced for this pool.");
        }

        if (at > clock.GetUtcNow())
        {
            throw new TransactionRefusedException("too-early", $"The announced commission takes effect {Utc(at)}; it can be applied from then.");
        }

        return new Draft(position.Pool, Encode(new ApplyCommissionRateFunction()), 0, $"Apply the announced commission of {pending / 100.0:0.##} %", [new("Before", $"{position.CommissionBps / 100.0:0.##} %")]);
    }

    /// <summary>The pool named in the intent, or else the one the account operates.</summary>
    private static PoolPosition PoolOf(TransactionIntent intent, WalletState wallet) =>
        intent.Pool is null && wallet.Pools.FirstOrDefault(p => p.IsOperator) is { } operated ? operated : Position(intent, wallet);

    // ---------------------------------------------------------------- checks

    /// <summary>The simulated call from the user's account, then the gas: the last word before the wallet opens.</summary>
    private async Task<PreparedTransaction> CheckAsync(TransactionIntent intent, Draft draft, WalletState wallet, CancellationToken cancellationToken)
    {
        var rpc = chains.For(ChainRole.L1);
        var from = Address.Parse(wallet.Address);
        var to = Address.Parse(draft.To);
        var call = new TransactionRequest { From = from, To = to, Data = draft.Data, Value = draft.Value };
        long gas;
        try
        {
            await rpc.CallAsync(call, "latest", cancellationToken);
            gas = await rpc.EstimateGasAsync(call, cancellationToken);
        }
        catch (RpcException ex) when (ex.Kind == RpcErrorKind.ExecutionReverted)
        {
            var revert = ContractErrors.Decoder.Decode(ex.Data);
            throw new TransactionRefusedException("revert", $"The transaction would fail: {RevertText.Explain(revert)}", revert.Name);
        }
        catch (RpcException ex) when (ex.Detail.Contains("insufficient funds", StringComparison.OrdinalIgnoreCase))
        {
            throw new TransactionRefusedException("insufficient-eth", $"{wallet.Address} has {MetisAmount.Format(wallet.L1Balance, 6, withUnit: false)} ETH on L1: not enough for the gas{(draft.Value > 0 ? " and the bridge fee" : "")}.");
        }

        // The estimate is for the state now; a margin for what may change before inclusion.
        var gasLimit = gas * 12 / 10 + 10_000;
        var chainId = network.Chain(ChainRole.L1).ChainId;
        var data = Hex.Encode(draft.Data);
        return new PreparedTransaction
        {
            Action = intent.Action,
            Chain = "L1",
            ChainId = chainId,
            From = from.ToString(),
            To = to.ToString(),
            Data = data,
            Value = draft.Value,
            Gas = gasLimit,
            Title = draft.Title,
            Details = draft.Details,
            Request = new WalletRequest(from.ToLowerHex(), to.ToLowerHex(), data, Hex.Quantity(draft.Value), Hex.Quantity(gasLimit), Hex.Quantity(chainId)),
        };
    }

    private static PoolPosition Position(TransactionIntent intent, WalletState wallet)
    {
        var pool = intent.Pool is null ? throw TransactionRefusedException.Input("pool is required: the delegation pool's address.") : AddressIn(intent.Pool, "pool");
        return wallet.Pools.FirstOrDefault(p => p.Pool == pool.ToString())
            ?? throw TransactionRefusedException.Input($"{pool} is not a delegation pool this dashboard knows: pick one from the sequencers marked “pool”.");
    }

    private static OperatorState Owned(TransactionIntent intent, WalletState wallet)
    {
        if (wallet.Operator is { Role: "owner" } owned && (intent.SequencerId is null || intent.SequencerId == owned.SequencerId))
        {
            return owned;
        }

        var which = intent.SequencerId is { } id ? $"sequencer {id}" : "a sequencer";
        throw new TransactionRefusedException("wrong-account", wallet.Operator is { Role: "pool operator" } pooled
            ? $"Sequencer {pooled.SequencerId} is owned by its delegation pool: its stake moves through the pool, not from {wallet.Address}."
            : $"{wallet.Address} is not the owner of {which}: connect the owner's account.");
    }

    /// <summary>An address the user gave, or a 400 that names the field and says what is wrong with it.</summary>
    private static Address AddressIn(string text, string field) =>
        Address.TryParse(text, out var address, out var error) ? address : throw TransactionRefusedException.Input($"{field}: {error}");

    private static BigInteger Positive(BigInteger? amount, string name) =>
        amount is { } value && value > 0 ? value : throw TransactionRefusedException.Input($"{name} is required and must be more than 0 (wei, as a decimal string).");

    private static byte[] Pubkey(string? hex)
    {
        if (!Hex.TryDecode(hex, out var bytes) || bytes.Length != 64)
        {
            throw TransactionRefusedException.Input("signerPubkey must be the signer's uncompressed public key: 64 bytes (128 hex digits), without the 04 prefix.");
        }

        if (!Ethereum.Crypto.Signatures.IsPublicKey(bytes))
        {
            throw TransactionRefusedException.Input("signerPubkey is not a point on secp256k1: check that the whole key was pasted.");
        }

        return bytes;
    }

    private static void RequireMetis(WalletState wallet, BigInteger amount, string doing)
    {
        if (wallet.Metis < amount)
        {
            throw new TransactionRefusedException("insufficient-balance", $"You have {MetisAmount.Format(wallet.Metis, 4)} on L1; {doing} {MetisAmount.Format(amount, 4)} needs {MetisAmount.Format(amount - wallet.Metis, 4)} more.");
        }
    }

    private static void RequireLockingAllowance(WalletState wallet, BigInteger amount)
    {
        if (wallet.LockingAllowance < amount)
        {
            throw new TransactionRefusedException("allowance",
                $"First allow LockingInfo to take {MetisAmount.Format(amount, 4)} (it may take {MetisAmount.Format(wallet.LockingAllowance, 4)} now): approve, then lock.");
        }
    }

    private static void RequireNotPaused(WalletState wallet)
    {
        if (wallet.Limits.Paused)
        {
            throw new TransactionRefusedException("paused", "LockingPool is paused by the network's governance: locking, relocking, withdrawals and exits wait until it resumes.");
        }
    }

    /// <summary>The quoted bridge fee, which the account must be able to pay; the bridge keeps all it is sent, so exactly this is sent.</summary>
    private BigInteger RequireBridgeFee(WalletState wallet, OperatorState sequencer)
    {
        if (sequencer.BridgeFee is not { } fee)
        {
            // Which of the two is missing: the address manager in configuration, or the oracle in the address manager.
            _ = wallets.Contract(ContractNames.AddressManager);
            throw new TransactionRefusedException("bridge-fee-unknown",
                $"The bridge fee cannot be quoted: no {BridgeFee.OracleName} is registered in the AddressManager. Sending a guess would either fail or overpay (the bridge keeps the difference).");
        }

        if (wallet.L1Balance < fee)
        {
            throw new TransactionRefusedException("insufficient-eth", $"The bridge fee is {MetisAmount.Format(fee, 6, withUnit: false)} ETH; {wallet.Address} has {MetisAmount.Format(wallet.L1Balance, 6, withUnit: false)} ETH.");
        }

        return fee;
    }

    /// <summary>LockingInfo calls the bridge (and needs its fee) only when there is a reward to pay out; otherwise the ETH would stay there.</summary>
    private BigInteger BridgeFeeIfRewardPending(WalletState wallet, OperatorState sequencer) =>
        sequencer.PendingReward.IsZero ? BigInteger.Zero : RequireBridgeFee(wallet, sequencer);

    private static IReadOnlyList<TransactionDetail> BridgeDetails(OperatorState sequencer, BigInteger fee) =>
        fee.IsZero
            ? [new("Bridge fee", "none: there is no pending reward to bridge")]
            :
            [
                new("Bridge fee", $"{MetisAmount.Format(fee, 6, withUnit: false)} ETH, sent with the transaction: rewards are always paid on L2, through the bridge"),
                new("Rewards go to (L2)", sequencer.RewardRecipient.ToString()),
            ];

    private static byte[] Encode<T>(T call) where T : Nethereum.Contracts.FunctionMessage => Calldata.Of(call);

    private static string Name(SequencerDirectory.Snapshot names, long id) => names.NameOf(id) ?? $"sequencer {id}";

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Duration(long seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{Math.Ceiling(span.TotalMinutes):0} minutes";
    }
}
