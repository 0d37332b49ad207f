// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeToken} from "./common/SafeToken.sol";
import {ILockingPool} from "./interfaces/ILockingPool.sol";
import {ILockingInfo} from "./interfaces/ILockingInfo.sol";

/// @title DelegationPool
/// @notice One pool per sequencer. The pool contract is the sequencer's `owner` in LockingPool;
///         the operator runs the node (signer key) and earns a commission; token holders
///         delegate METIS to the pool and receive transferable shares (ERC20 "dMETIS").
///         Modelled on Polygon's ValidatorShare (shares + reward-per-share accumulator,
///         unbonding entries with nonces) and on liquid-staking vaults that are the whitelisted
///         owner of a Metis sequencer. Uses only functions that exist on the real Metis
///         LockingPool, so the same contract works on mainnet.
///
/// DESIGN (why it looks like this)
/// 1. How rewards reach the pool. On Metis, `withdrawRewards`/`unlock` always bridge rewards to
///    the L2 `rewardRecipient`; an L1 contract can never receive them that way. The only L1 path
///    is to COMPOUND them: `relock(seqId, 0, lockReward=true)` turns the pending reward into
///    locked principal owned by the pool. So a "harvest" = relock with lockReward, and the
///    harvested amount is credited to shareholders through a reward-per-share accumulator
///    (operator commission cut first). Harvest runs at the start of every state-changing call.
///    Consequences: (a) the exchange rate principal/share stays 1:1 (no slashing on Metis;
///    the rate only exists so the math and UI are ready for it); (b) `restake()` is free: the
///    reward tokens are already locked, we only mint shares for them; (c) `claimRewards()`
///    must get the tokens OUT of LockingPool, which goes through the withdrawal queue below.
///    Harvest is skipped (rewards stay pending on LockingPool, still owned by the pool) when
///    compounding would exceed maxLock; `capacity()` keeps a headroom (1% of maxLock) and counts
///    the pending reward so that this does not happen in practice. Rewards that can not be
///    compounded before an unlock (e.g. a forceUnlock by the admin) are bridged by LockingPool
///    to the L2 `rewardRecipient` chosen by the operator - outside this pool's accounting.
/// 2. How principal leaves. LockingPool.withdraw is immediate but allowed only once per reward
///    batch and only while the remaining lock stays >= minLock. Therefore `undelegate` and
///    `claimRewards` open an entry in a FIFO queue (cumulative positions, like Lido's
///    withdrawal queue); anyone may call `processWithdrawals()` (it also runs inside every
///    undelegate/claim/withdraw) which pulls min(outstanding, locked - minLock) from LockingPool
///    when the batch throttle allows. An entry is paid by `withdraw(nonce)` once it is both
///    mature (withdrawableAt = time of undelegate + unbondingDelay; immediately for rewards)
///    and funded (the queue has been pulled past its position). The minLock floor is covered
///    by the operator: while the sequencer is active the operator cannot undelegate or transfer
///    below minLock worth of shares, so delegators' principal is always pullable.
/// 3. Exit. The operator may `exitSequencer` (LockingPool.unlock, after a last harvest); after
///    exitDelayPeriod anyone calls `finalizeExit` (unlockClaim), all principal returns to the
///    pool and every entry (old and new) is funded; new undelegations are then immediate.
/// 4. Commission: basis points, changed only by `proposeCommissionRate` (at most
///    `maxCommissionStep` away from the current rate, one pending proposal at a time) and
///    effective `commissionNoticePeriod` later via `applyCommissionRate` (anyone; harvest
///    first, so rewards accrued before the switch use the old rate).
contract DelegationPool {
    // ------------------------------------------------------------------ errors
    /// @notice Only the pool operator may do this.
    error NotOperator(address caller);
    /// @notice An address argument was the zero address where a real address is required.
    error ZeroAddress();
    /// @notice The amount must be greater than zero.
    error ZeroAmount();
    /// @notice The amount converts to zero shares (too small).
    error ZeroShares();
    /// @notice initializeSequencer was already called; this pool already has a sequencer.
    error SequencerAlreadyInitialized(uint256 seqId);
    /// @notice The operator has not created the sequencer yet (initializeSequencer).
    error SequencerNotInitialized();
    /// @notice The sequencer is not Active (status: 0 none, 1 Inactive, 2 Active, 3 Unlocked).
    error SequencerNotActive(uint256 seqId, uint8 status);
    /// @notice The delegation is smaller than the pool's minimum delegation.
    error BelowMinDelegation(uint256 amount, uint256 minDelegation);
    /// @notice The delegation does not fit under the sequencer's maxLock; `available` is the room left.
    error CapacityExceeded(uint256 requested, uint256 available);
    /// @notice The share amount moved past the caller's limit (minShares / maxShares).
    error SlippageExceeded(uint256 shares, uint256 limit);
    /// @notice The account holds fewer shares than needed.
    error InsufficientShares(uint256 balance, uint256 needed);
    /// @notice The spender's allowance from the token holder is lower than the amount.
    error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    /// @notice The operator must keep at least minLock worth of stake while the sequencer is active.
    error OperatorStakeLocked(uint256 remainingStake, uint256 minLock);
    /// @notice There are no rewards to claim or restake.
    error NoRewards();
    /// @notice No open unbonding/claim entry with this nonce for this account.
    error UnbondNotFound(address user, uint256 nonce);
    /// @notice The unbonding period of this entry has not ended yet.
    error UnbondNotMature(uint256 nonce, uint256 withdrawableAt, uint256 nowTime);
    /// @notice The pool has not yet pulled this entry's tokens out of LockingPool (once per batch); try after the next reward batch.
    error UnbondNotFunded(uint256 nonce, uint256 queuePosition, uint256 fundedUpTo);
    /// @notice The commission rate is above the maximum (10000 bps = 100%).
    error CommissionTooHigh(uint256 rate, uint256 max);
    /// @notice The commission may change by at most maxStep basis points per proposal.
    error CommissionChangeTooLarge(uint256 currentRate, uint256 newRate, uint256 maxStep);
    /// @notice A commission change is already scheduled; apply or cancel it first.
    error CommissionChangePending(uint256 pendingRate, uint256 effectiveAt);
    /// @notice No commission change is scheduled.
    error NoPendingCommissionChange();
    /// @notice The scheduled commission change is not effective yet.
    error CommissionNotYetEffective(uint256 effectiveAt, uint256 nowTime);
    /// @notice The unbonding delay is above the allowed maximum (30 days).
    error UnbondingDelayTooLong(uint256 delay, uint256 max);
    /// @notice Reentrant call.
    error Reentrancy();

    // ------------------------------------------------------------------ events
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event ShareMinted(address indexed user, uint256 indexed amount, uint256 shares);
    event ShareBurnedWithId(address indexed user, uint256 indexed amount, uint256 shares, uint256 nonce);
    /// @notice Rewards moved from the accumulator into withdrawal entry `nonce`.
    event DelegatorClaimedRewards(address indexed user, uint256 indexed rewards, uint256 nonce);
    event DelegatorRestaked(address indexed user, uint256 amount, uint256 totalStaked);
    /// @notice Entry `nonce` (principal or rewards) was paid out to `user`.
    event DelegatorUnstakeWithId(address indexed user, uint256 amount, uint256 nonce);
    event UpdateCommissionRate(uint256 indexed newCommissionRate, uint256 indexed oldCommissionRate);
    event CommissionChangeScheduled(uint256 newCommissionRate, uint256 effectiveAt);
    event CommissionChangeCancelled(uint256 cancelledRate);
    event RewardsHarvested(uint256 reward, uint256 commission, uint256 rewardPerShare);
    event WithdrawalsPulled(uint256 amount, uint256 cumulativePulled);
    event SequencerInitialized(uint256 indexed seqId, address signer, uint256 selfStake);
    event SequencerExitStarted(uint256 indexed seqId, uint256 unlockClaimTime);
    event SequencerExitFinalized(uint256 indexed seqId, uint256 amountReturned);
    event MinDelegationChanged(uint256 minDelegation);
    event UnbondingDelayChanged(uint256 unbondingDelay);

    // ------------------------------------------------------------------ constants / config
    string public constant name = "Metis Delegation Pool Share";
    string public constant symbol = "dMETIS";
    uint8 public constant decimals = 18;
    uint256 public constant MAX_COMMISSION_RATE = 10_000; // bps
    uint256 public constant MAX_UNBONDING_DELAY = 30 days;
    uint256 public constant REWARD_HEADROOM_BPS = 100; // of maxLock, kept free for compounding
    uint256 private constant PRECISION = 1e18;

    uint8 private constant STATUS_INACTIVE = 1;
    uint8 private constant STATUS_ACTIVE = 2;

    ILockingPool public immutable lockingPool;
    address public immutable escrow; // LockingInfo: holds the tokens, knows minLock/maxLock
    address public immutable token; // METIS on L1
    uint256 public immutable commissionNoticePeriod;
    uint256 public immutable maxCommissionStep;

    address public immutable operator;
    uint256 public sequencerId; // 0 until initializeSequencer
    bool public exitStarted;
    bool public exitFinalized;

    // shares (ERC20)
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    /// @notice Principal backing the shares (delegations + restaked rewards - undelegations).
    uint256 public totalStaked;

    // rewards
    uint256 public rewardPerShare; // scaled by 1e18
    uint256 private undistributed; // rounding remainder carried to the next harvest
    mapping(address => uint256) public userRewardPerShare;
    mapping(address => uint256) private storedRewards;
    uint256 public totalRewardsHarvested;
    uint256 public totalCommissionEarned;

    // commission
    uint256 public commissionRate; // bps
    uint256 public pendingCommissionRate;
    uint256 public commissionEffectiveAt; // 0 = nothing scheduled

    uint256 public minDelegation;
    uint256 public unbondingDelay;

    // withdrawal queue
    struct Unbond {
        uint256 amount;
        uint256 withdrawableAt;
        uint256 queueEnd; // cumulative queue position; funded when cumulativePulled >= queueEnd
        bool isReward; // reward claim (true) or undelegated principal (false)
    }

    mapping(address => mapping(uint256 => Unbond)) public unbonds;
    mapping(address => uint256) public unbondNonces; // last nonce used per account
    uint256 public cumulativeQueued;
    uint256 public cumulativePulled;

    uint256 private _lock = 1;

    struct SeqView {
        uint256 amount;
        uint256 reward;
        uint256 updatedBatch;
        uint256 unlockClaimTime;
        uint8 status;
    }

    modifier onlyOperator() {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        _;
    }

    modifier nonReentrant() {
        if (_lock != 1) revert Reentrancy();
        _lock = 2;
        _;
        _lock = 1;
    }

    constructor(
        address _lockingPool,
        address _operator,
        uint256 _commissionRate,
        uint256 _commissionNoticePeriod,
        uint256 _maxCommissionStep,
        uint256 _unbondingDelay,
        uint256 _minDelegation
    ) {
        if (_lockingPool == address(0) || _operator == address(0)) revert ZeroAddress();
        if (_commissionRate > MAX_COMMISSION_RATE) revert CommissionTooHigh(_commissionRate, MAX_COMMISSION_RATE);
        if (_unbondingDelay > MAX_UNBONDING_DELAY) revert UnbondingDelayTooLong(_unbondingDelay, MAX_UNBONDING_DELAY);
        lockingPool = ILockingPool(_lockingPool);
        escrow = ILockingPool(_lockingPool).escrow();
        token = ILockingInfo(escrow).l1Token();
        operator = _operator;
        commissionRate = _commissionRate;
        commissionNoticePeriod = _commissionNoticePeriod;
        maxCommissionStep = _maxCommissionStep;
        unbondingDelay = _unbondingDelay;
        minDelegation = _minDelegation;
    }

    // ================================================================== operator

    /// @notice Create the sequencer with the operator's self-stake (>= minLock, approved to this
    ///         pool). The pool becomes its owner in LockingPool; the pool must be whitelisted.
    ///         `l2RewardRecipient` only receives rewards that could not be compounded (see design).
    function initializeSequencer(address signer, uint256 amount, bytes calldata signerPubkey, address l2RewardRecipient)
        external
        onlyOperator
        nonReentrant
    {
        if (sequencerId != 0) revert SequencerAlreadyInitialized(sequencerId);
        if (l2RewardRecipient == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();

        SafeToken.safeTransferFrom(token, msg.sender, address(this), amount);
        SafeToken.safeApprove(token, escrow, amount);
        lockingPool.lockWithRewardRecipient(signer, l2RewardRecipient, amount, signerPubkey);
        uint256 seqId = lockingPool.seqOwners(address(this));
        sequencerId = seqId;

        userRewardPerShare[msg.sender] = rewardPerShare;
        _mint(msg.sender, amount); // first shares are 1:1
        totalStaked = amount;
        emit SequencerInitialized(seqId, signer, amount);
        emit ShareMinted(msg.sender, amount, amount);
    }

    function proposeCommissionRate(uint256 newRate) external onlyOperator {
        if (newRate > MAX_COMMISSION_RATE) revert CommissionTooHigh(newRate, MAX_COMMISSION_RATE);
        if (commissionEffectiveAt != 0) revert CommissionChangePending(pendingCommissionRate, commissionEffectiveAt);
        uint256 cur = commissionRate;
        uint256 diff = newRate > cur ? newRate - cur : cur - newRate;
        if (diff > maxCommissionStep) revert CommissionChangeTooLarge(cur, newRate, maxCommissionStep);
        pendingCommissionRate = newRate;
        commissionEffectiveAt = block.timestamp + commissionNoticePeriod;
        emit CommissionChangeScheduled(newRate, commissionEffectiveAt);
    }

    function cancelCommissionChange() external onlyOperator {
        if (commissionEffectiveAt == 0) revert NoPendingCommissionChange();
        emit CommissionChangeCancelled(pendingCommissionRate);
        pendingCommissionRate = 0;
        commissionEffectiveAt = 0;
    }

    /// @notice Make a scheduled commission change effective (anyone, once its time has come).
    function applyCommissionRate() external nonReentrant {
        if (commissionEffectiveAt == 0) revert NoPendingCommissionChange();
        if (block.timestamp < commissionEffectiveAt) {
            revert CommissionNotYetEffective(commissionEffectiveAt, block.timestamp);
        }
        _harvest(); // also applies the due change after distributing at the old rate
    }

    function setMinDelegation(uint256 _minDelegation) external onlyOperator {
        minDelegation = _minDelegation;
        emit MinDelegationChanged(_minDelegation);
    }

    /// @notice Applies to entries opened after the change only.
    function setUnbondingDelay(uint256 _delay) external onlyOperator {
        if (_delay > MAX_UNBONDING_DELAY) revert UnbondingDelayTooLong(_delay, MAX_UNBONDING_DELAY);
        unbondingDelay = _delay;
        emit UnbondingDelayChanged(_delay);
    }

    function setL2RewardRecipient(address recipient) external onlyOperator {
        lockingPool.setSequencerRewardRecipient(_requireSeq(), recipient);
    }

    /// @notice Start the sequencer exit (LockingPool.unlock). msg.value = bridge fee for any
    ///         reward that could not be compounded first.
    function exitSequencer(uint32 l2Gas) external payable onlyOperator nonReentrant {
        uint256 seqId = _requireSeq();
        _harvest();
        lockingPool.unlock{value: msg.value}(seqId, l2Gas);
        exitStarted = true;
        emit SequencerExitStarted(seqId, _seq().unlockClaimTime);
    }

    /// @notice After exitDelayPeriod (operator exit or admin forceUnlock): claim all principal
    ///         back into the pool. Anyone may call it.
    function finalizeExit(uint32 l2Gas) external payable nonReentrant {
        uint256 seqId = _requireSeq();
        uint256 before = _tokenBalance();
        lockingPool.unlockClaim{value: msg.value}(seqId, l2Gas);
        uint256 received = _tokenBalance() - before;
        exitStarted = true;
        exitFinalized = true;
        cumulativePulled = cumulativeQueued; // everything queued so far is now liquid
        emit SequencerExitFinalized(seqId, received);
    }

    // ================================================================== delegators

    /// @notice Delegate `amount` METIS (approved to this pool); mints at least `minShares`.
    function delegate(uint256 amount, uint256 minShares) external nonReentrant returns (uint256 shares) {
        uint256 seqId = _requireSeq();
        SeqView memory s = _seq();
        if (s.status != STATUS_ACTIVE || exitStarted) revert SequencerNotActive(seqId, s.status);
        if (amount == 0) revert ZeroAmount();
        if (amount < minDelegation) revert BelowMinDelegation(amount, minDelegation);
        uint256 room = _capacity(s);
        if (amount > room) revert CapacityExceeded(amount, room);

        SafeToken.safeTransferFrom(token, msg.sender, address(this), amount);
        SafeToken.safeApprove(token, escrow, amount);
        // one relock adds the new tokens and compounds the pending reward (= harvest)
        lockingPool.relock(seqId, amount, s.reward > 0);
        _distribute(s.reward);
        _applyCommissionIfDue();

        _settle(msg.sender);
        shares = _toSharesDown(amount);
        if (shares == 0) revert ZeroShares();
        if (shares < minShares) revert SlippageExceeded(shares, minShares);
        _mint(msg.sender, shares);
        totalStaked += amount;
        emit ShareMinted(msg.sender, amount, shares);
    }

    /// @notice Undelegate `amount` METIS, burning at most `maxShares`; opens unbonding entry
    ///         `nonce`, payable by withdraw(nonce) after unbondingDelay once funded.
    function undelegate(uint256 amount, uint256 maxShares) external nonReentrant returns (uint256 nonce) {
        _requireSeq();
        _harvest();
        _settle(msg.sender);
        if (amount == 0) revert ZeroAmount();
        uint256 shares = _toSharesUp(amount);
        if (shares > maxShares) revert SlippageExceeded(shares, maxShares);
        uint256 bal = balanceOf[msg.sender];
        if (shares > bal) revert InsufficientShares(bal, shares);
        if (msg.sender == operator) _checkOperatorStake(bal - shares);

        _burn(msg.sender, shares);
        totalStaked -= amount;
        nonce = _enqueue(msg.sender, amount, exitFinalized ? block.timestamp : block.timestamp + unbondingDelay, false);
        emit ShareBurnedWithId(msg.sender, amount, shares, nonce);
        _tryPull();
    }

    /// @notice Claim all accrued rewards. Paid at once when the pool already holds the tokens,
    ///         otherwise queued as entry `nonce` (no unbonding delay) for withdraw(nonce).
    function claimRewards() external nonReentrant returns (uint256 amount, uint256 nonce) {
        _requireSeq();
        _harvest();
        _settle(msg.sender);
        amount = storedRewards[msg.sender];
        if (amount == 0) revert NoRewards();
        storedRewards[msg.sender] = 0;
        nonce = _enqueue(msg.sender, amount, block.timestamp, true);
        emit DelegatorClaimedRewards(msg.sender, amount, nonce);
        _tryPull();
        if (_isFunded(unbonds[msg.sender][nonce])) _pay(msg.sender, nonce);
    }

    /// @notice Turn all accrued rewards into shares (the tokens are already locked).
    function restake() external nonReentrant returns (uint256 amount, uint256 shares) {
        _requireSeq();
        _harvest();
        _settle(msg.sender);
        amount = storedRewards[msg.sender];
        if (amount == 0) revert NoRewards();
        shares = _toSharesDown(amount);
        if (shares == 0) revert ZeroShares();
        storedRewards[msg.sender] = 0;
        _mint(msg.sender, shares);
        totalStaked += amount;
        emit DelegatorRestaked(msg.sender, amount, totalStaked);
    }

    /// @notice Pay out entry `nonce` (undelegated principal or claimed rewards).
    function withdraw(uint256 nonce) external nonReentrant {
        Unbond storage e = unbonds[msg.sender][nonce];
        if (e.amount == 0) revert UnbondNotFound(msg.sender, nonce);
        if (block.timestamp < e.withdrawableAt) revert UnbondNotMature(nonce, e.withdrawableAt, block.timestamp);
        if (!_isFunded(e)) {
            _harvest();
            _tryPull();
            if (!_isFunded(e)) revert UnbondNotFunded(nonce, e.queueEnd, cumulativePulled);
        }
        _pay(msg.sender, nonce);
    }

    /// @notice Pull queued withdrawals out of LockingPool if the batch throttle allows.
    ///         Anyone may call it (keepers, the UI after a reward batch).
    function processWithdrawals() external nonReentrant returns (uint256 pulled) {
        _requireSeq();
        _harvest();
        pulled = _tryPull();
    }

    /// @notice Compound the sequencer's pending reward into the pool now (anyone).
    function harvest() external nonReentrant returns (uint256 harvested) {
        _requireSeq();
        harvested = _harvest();
    }

    // ---- ERC20 share transfers (rewards are settled for both sides first)

    function approve(address spender, uint256 value) external returns (bool) {
        if (spender == address(0)) revert ZeroAddress();
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transfer(address to, uint256 value) external nonReentrant returns (bool) {
        _transferShares(msg.sender, to, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external nonReentrant returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert InsufficientAllowance(msg.sender, allowed, value);
            allowance[from][msg.sender] = allowed - value;
        }
        _transferShares(from, to, value);
        return true;
    }

    // ================================================================== views

    /// @notice METIS per share, scaled by 1e18 (1e18 = 1:1).
    function exchangeRate() public view returns (uint256) {
        return totalSupply == 0 ? PRECISION : (totalStaked * PRECISION) / totalSupply;
    }

    function sharesOf(address user) external view returns (uint256) {
        return balanceOf[user];
    }

    /// @notice Principal of `user` in METIS at the current exchange rate.
    function stakeOf(address user) external view returns (uint256) {
        return _toAmountDown(balanceOf[user]);
    }

    /// @notice Rewards `user` could claim or restake now, including an estimate of the
    ///         sequencer's not-yet-harvested reward on LockingPool.
    function pendingRewards(address user) external view returns (uint256) {
        uint256 rps = rewardPerShare;
        uint256 extra = 0;
        if (sequencerId != 0 && totalSupply > 0 && !exitStarted) {
            SeqView memory s = _seq();
            if (s.status == STATUS_ACTIVE && s.reward > 0) {
                uint256 commission = (s.reward * commissionRate) / MAX_COMMISSION_RATE;
                rps += ((s.reward - commission + undistributed) * PRECISION) / totalSupply;
                if (user == operator) extra = commission;
            }
        }
        return storedRewards[user] + extra + (balanceOf[user] * (rps - userRewardPerShare[user])) / PRECISION;
    }

    /// @notice How much more METIS the pool can accept now (0 when not active).
    function capacity() external view returns (uint256) {
        if (sequencerId == 0 || exitStarted) return 0;
        SeqView memory s = _seq();
        if (s.status != STATUS_ACTIVE) return 0;
        return _capacity(s);
    }

    /// @notice Everything a UI needs about one entry.
    function unbondStatus(address user, uint256 nonce)
        external
        view
        returns (uint256 amount, uint256 withdrawableAt, bool isReward, bool mature, bool funded)
    {
        Unbond storage e = unbonds[user][nonce];
        amount = e.amount;
        withdrawableAt = e.withdrawableAt;
        isReward = e.isReward;
        mature = amount > 0 && block.timestamp >= e.withdrawableAt;
        funded = amount > 0 && _isFunded(e);
    }

    /// @notice Tokens queued for withdrawal but not yet pulled out of LockingPool.
    function outstandingWithdrawals() external view returns (uint256) {
        return exitFinalized ? 0 : cumulativeQueued - cumulativePulled;
    }

    /// @notice First reward batch id in which processWithdrawals can pull again.
    function nextPullBatch() external view returns (uint256) {
        if (sequencerId == 0) return 0;
        return _seq().updatedBatch + 1;
    }

    /// @notice Sequencer status in LockingPool (0 none, 1 Inactive, 2 Active, 3 Unlocked).
    function sequencerStatus() external view returns (uint8) {
        return sequencerId == 0 ? 0 : _seq().status;
    }

    /// @notice Locked amount and not-yet-harvested reward of the sequencer in LockingPool.
    function sequencerLocked() external view returns (uint256 locked, uint256 pendingReward) {
        if (sequencerId == 0) return (0, 0);
        SeqView memory s = _seq();
        return (s.amount, s.reward);
    }

    // ================================================================== internals

    function _requireSeq() internal view returns (uint256 seqId) {
        seqId = sequencerId;
        if (seqId == 0) revert SequencerNotInitialized();
    }

    /// @dev Reads the fields we need from the 13-field `sequencers(uint256)` getter without
    ///      decoding all of them (the tuple has a dynamic `bytes` member; its head is 13 words).
    function _seq() internal view returns (SeqView memory v) {
        (bool ok, bytes memory ret) =
            address(lockingPool).staticcall(abi.encodeWithSignature("sequencers(uint256)", sequencerId));
        if (!ok || ret.length < 13 * 32) revert SequencerNotInitialized();
        uint256 amount;
        uint256 reward;
        uint256 updatedBatch;
        uint256 unlockClaimTime;
        uint256 status;
        assembly {
            let p := add(ret, 0x20)
            amount := mload(p)
            reward := mload(add(p, 0x20))
            updatedBatch := mload(add(p, 0x60))
            unlockClaimTime := mload(add(p, 0xc0))
            status := mload(add(p, 0x180))
        }
        v = SeqView(amount, reward, updatedBatch, unlockClaimTime, uint8(status));
    }

    function _capacity(SeqView memory s) internal view returns (uint256) {
        uint256 maxLock = ILockingInfo(escrow).maxLock();
        uint256 used = s.amount + s.reward + (maxLock * REWARD_HEADROOM_BPS) / MAX_COMMISSION_RATE;
        return used >= maxLock ? 0 : maxLock - used;
    }

    /// @dev Compound the pending reward (relock with lockReward) and credit it. Never reverts:
    ///      if compounding is impossible right now (paused, would exceed maxLock, not active)
    ///      the reward simply stays pending on LockingPool for a later harvest.
    function _harvest() internal returns (uint256 harvested) {
        if (!exitStarted) {
            SeqView memory s = _seq();
            if (s.status == STATUS_ACTIVE && s.reward > 0 && s.amount + s.reward <= ILockingInfo(escrow).maxLock()) {
                try lockingPool.relock(sequencerId, 0, true) {
                    harvested = s.reward;
                    _distribute(harvested);
                } catch {}
            }
        }
        _applyCommissionIfDue();
    }

    function _distribute(uint256 reward) internal {
        if (reward == 0) return;
        uint256 commission = (reward * commissionRate) / MAX_COMMISSION_RATE;
        storedRewards[operator] += commission;
        totalCommissionEarned += commission;
        totalRewardsHarvested += reward;

        uint256 rest = reward - commission + undistributed;
        uint256 supply = totalSupply;
        uint256 inc = supply == 0 ? 0 : (rest * PRECISION) / supply;
        rewardPerShare += inc;
        undistributed = rest - (inc * supply) / PRECISION;
        emit RewardsHarvested(reward, commission, rewardPerShare);
    }

    function _applyCommissionIfDue() internal {
        uint256 effectiveAt = commissionEffectiveAt;
        if (effectiveAt != 0 && block.timestamp >= effectiveAt) {
            uint256 old = commissionRate;
            commissionRate = pendingCommissionRate;
            pendingCommissionRate = 0;
            commissionEffectiveAt = 0;
            emit UpdateCommissionRate(commissionRate, old);
        }
    }

    function _settle(address user) internal {
        uint256 rps = rewardPerShare;
        uint256 paid = userRewardPerShare[user];
        if (rps != paid) {
            storedRewards[user] += (balanceOf[user] * (rps - paid)) / PRECISION;
            userRewardPerShare[user] = rps;
        }
    }

    function _checkOperatorStake(uint256 remainingShares) internal view {
        if (exitStarted) return;
        uint256 remaining = _toAmountDown(remainingShares);
        uint256 minLock = ILockingInfo(escrow).minLock();
        if (remaining < minLock) revert OperatorStakeLocked(remaining, minLock);
    }

    function _enqueue(address user, uint256 amount, uint256 withdrawableAt, bool isReward)
        internal
        returns (uint256 nonce)
    {
        nonce = ++unbondNonces[user];
        uint256 end = cumulativeQueued + amount;
        cumulativeQueued = end;
        unbonds[user][nonce] = Unbond({amount: amount, withdrawableAt: withdrawableAt, queueEnd: end, isReward: isReward});
    }

    function _isFunded(Unbond storage e) internal view returns (bool) {
        return exitFinalized || e.queueEnd <= cumulativePulled;
    }

    /// @dev Pull min(outstanding, locked - minLock) via LockingPool.withdraw when allowed
    ///      (sequencer active, a new batch since the last withdraw/signer update).
    function _tryPull() internal returns (uint256 pulled) {
        if (exitStarted) return 0;
        uint256 need = cumulativeQueued - cumulativePulled;
        if (need == 0) return 0;
        SeqView memory s = _seq();
        if (s.status != STATUS_ACTIVE) return 0;
        if (lockingPool.currentBatch() <= s.updatedBatch) return 0;
        uint256 minLock = ILockingInfo(escrow).minLock();
        uint256 avail = s.amount > minLock ? s.amount - minLock : 0;
        uint256 x = need < avail ? need : avail;
        if (x == 0) return 0;
        try lockingPool.withdraw(sequencerId, x) {
            cumulativePulled += x;
            pulled = x;
            emit WithdrawalsPulled(x, cumulativePulled);
        } catch {}
    }

    function _pay(address user, uint256 nonce) internal {
        uint256 amount = unbonds[user][nonce].amount;
        delete unbonds[user][nonce];
        SafeToken.safeTransfer(token, user, amount);
        emit DelegatorUnstakeWithId(user, amount, nonce);
    }

    function _transferShares(address from, address to, uint256 value) internal {
        if (to == address(0)) revert ZeroAddress();
        if (sequencerId != 0) _harvest();
        _settle(from);
        _settle(to);
        uint256 bal = balanceOf[from];
        if (bal < value) revert InsufficientShares(bal, value);
        if (from == operator) _checkOperatorStake(bal - value);
        balanceOf[from] = bal - value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }

    function _mint(address to, uint256 shares) internal {
        totalSupply += shares;
        balanceOf[to] += shares;
        emit Transfer(address(0), to, shares);
    }

    function _burn(address from, uint256 shares) internal {
        balanceOf[from] -= shares;
        totalSupply -= shares;
        emit Transfer(from, address(0), shares);
    }

    function _toSharesDown(uint256 amount) internal view returns (uint256) {
        return totalStaked == 0 || totalSupply == 0 ? amount : (amount * totalSupply) / totalStaked;
    }

    function _toSharesUp(uint256 amount) internal view returns (uint256) {
        if (totalStaked == 0 || totalSupply == 0) return amount;
        return (amount * totalSupply + totalStaked - 1) / totalStaked;
    }

    function _toAmountDown(uint256 shares) internal view returns (uint256) {
        return totalSupply == 0 ? shares : (shares * totalStaked) / totalSupply;
    }

    function _tokenBalance() internal view returns (uint256) {
        (bool ok, bytes memory ret) = token.staticcall(abi.encodeWithSignature("balanceOf(address)", address(this)));
        return ok && ret.length >= 32 ? abi.decode(ret, (uint256)) : 0;
    }
}
