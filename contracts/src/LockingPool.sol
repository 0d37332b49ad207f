// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned, Pausable} from "./common/Owned.sol";
import {ILockingInfo} from "./interfaces/ILockingInfo.sol";
import {ISequencerTypes} from "./interfaces/ISequencerTypes.sol";

/// @title LockingPool
/// @notice The sequencer registry of the network on L1: operators lock, relock, withdraw and
///         unlock here; the MPC submits reward batches here. Token movements and most staking
///         events happen in LockingInfo (the escrow), which only accepts calls from this contract.
/// @dev    External ABI follows the Metis mainnet LockingPool at
///         0xD54c868362C2098E0E46F12E7D924C6A332952Dd (LockingPool + SequencerInfo). Differences:
///         constructor instead of `initialize`; reverts are custom errors with arguments (mainnet
///         uses argument-less errors and require strings); the first reward batch may start at
///         any epoch and a batch may cover a single epoch (mainnet: startEpoch must be
///         previous endEpoch + 1 from epoch 1 on, and startEpoch < endEpoch);
///         setSequencerOwner refuses a new owner that already owns a sequencer.
contract LockingPool is ISequencerTypes, Owned, Pausable {
    /// @notice The caller is not on the owner's whitelist of operators.
    error NotWhitelisted(address account);
    /// @notice The signer public key must be exactly 64 bytes (uncompressed, without the 0x04 prefix).
    error InvalidPubkeyLength(uint256 length);
    /// @notice The public key does not belong to the given signer address.
    error PubkeySignerMismatch(address signer, address pubkeySigner);
    /// @notice This owner address already owns a sequencer (one sequencer per owner).
    error OwnerHasSequencer(address owner, uint256 seqId);
    /// @notice The signer address is already used by another sequencer.
    error SignerInUse(address signer, uint256 seqId);
    /// @notice The signer address was used before (exited or replaced) and can never be reused.
    error SignerRetired(address signer);
    /// @notice No sequencer with this id exists.
    error NoSuchSequencer(uint256 seqId);
    /// @notice A reward batch names a signer that belongs to no sequencer.
    error UnknownSigner(address signer);
    /// @notice The sequencer is not Active (status: 0 none, 1 Inactive, 2 Active, 3 Unlocked).
    error SequencerNotActive(uint256 seqId, uint8 status);
    /// @notice unlockClaim needs an Inactive sequencer (one whose unlock has started).
    error SequencerNotInactive(uint256 seqId, uint8 status);
    /// @notice Only the sequencer's owner may do this.
    error NotSequencerOwner(uint256 seqId, address caller);
    /// @notice Only the sequencer's current signer key may do this.
    error NotSequencerSigner(uint256 seqId, address caller);
    /// @notice The sequencer has no reward recipient; set one with setSequencerRewardRecipient.
    error NoRewardRecipient(uint256 seqId);
    /// @notice The signer was updated too recently; wait until batch `allowedFromBatch`.
    error SignerUpdateThrottled(uint256 seqId, uint256 currentBatch, uint256 allowedFromBatch);
    /// @notice Only one partial withdraw (or lock/signer change) per reward batch; wait for the next batch.
    error WithdrawTooSoon(uint256 seqId, uint256 currentBatch, uint256 lastUpdatedBatch);
    /// @notice The withdraw amount is larger than the locked amount.
    error WithdrawExceedsLocked(uint256 amount, uint256 locked);
    /// @notice Unlocking would make more than 1/3 of the not-yet-exited sequencers inactive (BFT rule); wait until others finish unlockClaim.
    error BftRestriction(uint256 active, uint256 inactive);
    /// @notice The exit delay has not passed yet; claim from `unlockClaimTime`.
    error UnlockClaimTooEarly(uint256 seqId, uint256 unlockClaimTime, uint256 nowTime);
    /// @notice Only the MPC address may call this (reward batches, epoch commits).
    error NotMpc(address caller);
    /// @notice seqs and blocks must be non-empty and of equal length.
    error InvalidBatchArrays(uint256 seqsLength, uint256 blocksLength);
    /// @notice The batch id must be currentBatch + 1.
    error InvalidBatchId(uint256 batchId, uint256 expected);
    /// @notice The batch must start right after the previous batch's last epoch.
    error InvalidStartEpoch(uint256 startEpoch, uint256 expected);
    /// @notice endEpoch must not be lower than startEpoch.
    error InvalidEpochRange(uint256 startEpoch, uint256 endEpoch);
    /// @notice The value must be greater than zero.
    error ZeroValue();

    struct BatchState {
        uint256 id; // current batch id (starts at 1)
        uint256 number; // L1 block number of the last batch submission
        uint256 startEpoch; // first epoch of the last batch
        uint256 endEpoch; // last epoch of the last batch
    }

    // ---- events emitted by this contract (LockingPool side of the real ABI)
    event SetWhitelist(address _user, bool _yes);
    event SequencerRewardRecipientChanged(uint256 _seqId, address _recipient);
    event SequencerOwnerChanged(uint256 _seqId, address _owner);
    event WithrawDelayTimeChange(uint256 _cur, uint256 _prev); // sic, as on mainnet
    event RewardUpdate(uint256 newReward, uint256 oldReward);
    event UpdateMpc(address _newMpc);
    event SetSignerUpdateThrottle(uint256 _n);
    event DistributeReward(uint256 indexed batchId, uint256 startEpoch, uint256 endEpoch, uint256 amount, uint256 rpb);

    uint256 private constant RETIRED = type(uint256).max;

    // ---- SequencerInfo storage
    uint256 public totalSequencers;
    mapping(address => bool) public whitelist;
    mapping(uint256 => Sequencer) public sequencers;
    mapping(address => uint256) public seqOwners; // owner => seqId (0 = none)
    mapping(address => uint256) public seqSigners; // signer => seqId (max = retired forever)
    mapping(Status => uint256) public seqStatuses; // status => number of sequencers

    // ---- LockingPool storage
    ILockingInfo public escrow;
    uint256 public exitDelayPeriod;
    uint256 public rewardPerBlock;
    address public mpcAddress;
    BatchState public curBatchState;
    uint256 public signerUpdateThrottle; // batches between two signer updates

    modifier whitelistRequired() {
        if (!whitelist[msg.sender]) revert NotWhitelisted(msg.sender);
        _;
    }

    constructor(address _owner, address _escrow) Owned(_owner) {
        if (_escrow == address(0)) revert ZeroAddress();
        escrow = ILockingInfo(_escrow);
        exitDelayPeriod = 21 days;
        rewardPerBlock = 761_000 gwei;
        curBatchState = BatchState({id: 1, number: block.number, startEpoch: 0, endEpoch: 0});
        signerUpdateThrottle = 1;
    }

    // ------------------------------------------------------------------ views

    function currentBatch() external view returns (uint256) {
        return curBatchState.id;
    }

    /// @notice Legacy name of exitDelayPeriod (kept on mainnet for compatibility).
    function WITHDRAWAL_DELAY() external view returns (uint256) {
        return exitDelayPeriod;
    }

    /// @notice Legacy name of rewardPerBlock (kept on mainnet for compatibility).
    function BLOCK_REWARD() external view returns (uint256) {
        return rewardPerBlock;
    }

    // ------------------------------------------------------------------ admin

    function setWhitelist(address _addr, bool _yes) external onlyOwner {
        whitelist[_addr] = _yes;
        emit SetWhitelist(_addr, _yes);
    }

    function updateMpc(address _newMpc) external onlyOwner {
        mpcAddress = _newMpc;
        emit UpdateMpc(_newMpc);
    }

    function setPause(bool _yes) external onlyOwner {
        _setPaused(_yes);
    }

    function updateWithdrawDelayTimeValue(uint256 _time) external onlyOwner {
        if (_time == 0) revert ZeroValue();
        uint256 pre = exitDelayPeriod;
        exitDelayPeriod = _time;
        emit WithrawDelayTimeChange(_time, pre);
    }

    function updateBlockReward(uint256 newReward) external onlyOwner {
        if (newReward == 0) revert ZeroValue();
        uint256 pre = rewardPerBlock;
        rewardPerBlock = newReward;
        emit RewardUpdate(newReward, pre);
    }

    /// @dev 0 is allowed (no throttle), as on mainnet.
    function setSignerUpdateThrottle(uint256 _n) external onlyOwner {
        signerUpdateThrottle = _n;
        emit SetSignerUpdateThrottle(_n);
    }

    function forceUnlock(uint256 _seqId, uint32 _l2Gas) external payable onlyOwner {
        _unlock(_seqId, true, _l2Gas);
    }

    // ------------------------------------------------------------------ operator: lock

    /// @notice Lock METIS and register a sequencer owned by msg.sender. Approve the METIS to
    ///         LockingInfo (the escrow), not to this contract. Reward recipient starts empty.
    function lockFor(address _signer, uint256 _amount, bytes calldata _signerPubkey)
        external
        whenNotPaused
        whitelistRequired
    {
        _lockWithRecipient(_signer, address(0), _amount, _signerPubkey);
    }

    function lockWithRewardRecipient(
        address _signer,
        address _rewardRecipient,
        uint256 _amount,
        bytes calldata _signerPubkey
    ) external whenNotPaused whitelistRequired {
        _lockWithRecipient(_signer, _rewardRecipient, _amount, _signerPubkey);
    }

    /// @notice Add `_amount` new tokens and/or compound the pending reward (`_lockReward`).
    function relock(uint256 _seqId, uint256 _amount, bool _lockReward) external whenNotPaused whitelistRequired {
        Sequencer storage seq = _activeOwned(_seqId);

        uint256 fromReward = 0;
        if (_lockReward) {
            fromReward = seq.reward;
            seq.reward = 0;
        }
        uint256 locked = seq.amount + _amount + fromReward;
        uint256 nonce = seq.nonce + 1;
        seq.nonce = nonce;
        seq.amount = locked;

        escrow.increaseLocked(_seqId, nonce, msg.sender, locked, _amount, fromReward);
    }

    /// @notice Partial withdraw of locked principal to the owner on L1. Immediate, at most once
    ///         per reward batch, and the remaining lock must stay >= minLock.
    function withdraw(uint256 _seqId, uint256 _amount) external whenNotPaused whitelistRequired {
        Sequencer storage seq = _activeOwned(_seqId);

        uint256 cur = curBatchState.id;
        if (cur <= seq.updatedBatch) revert WithdrawTooSoon(_seqId, cur, seq.updatedBatch);
        if (_amount > seq.amount) revert WithdrawExceedsLocked(_amount, seq.amount);

        uint256 locked = seq.amount - _amount;
        uint256 nonce = seq.nonce + 1;
        seq.nonce = nonce;
        seq.amount = locked;
        seq.updatedBatch = cur;

        escrow.withdrawLocking(_seqId, msg.sender, nonce, _amount, locked);
    }

    /// @notice Pay the pending reward to the L2 reward recipient through the bridge.
    ///         msg.value is the bridge fee and is forwarded.
    function withdrawRewards(uint256 _seqId, uint32 _l2Gas) external payable whenNotPaused whitelistRequired {
        Sequencer storage seq = _activeOwned(_seqId);
        address recipient = seq.rewardRecipient;
        if (recipient == address(0)) revert NoRewardRecipient(_seqId);

        uint256 reward = seq.reward;
        if (reward > 0) {
            seq.reward = 0;
            escrow.liquidateReward{value: msg.value}(_seqId, reward, recipient, _l2Gas);
        }
    }

    /// @notice Start the exit: status Inactive, pending reward bridged to L2, principal claimable
    ///         with unlockClaim after exitDelayPeriod.
    function unlock(uint256 _seqId, uint32 _l2Gas) external payable whenNotPaused whitelistRequired {
        _unlock(_seqId, false, _l2Gas);
    }

    /// @notice Finish the exit after the delay: principal back to the owner on L1, any reward
    ///         accrued since unlock bridged to L2, status Unlocked, signer retired.
    function unlockClaim(uint256 _seqId, uint32 _l2Gas) external payable whenNotPaused whitelistRequired {
        Sequencer storage seq = sequencers[_seqId];
        if (seq.status == Status.Unavailable) revert NoSuchSequencer(_seqId);
        if (seq.owner != msg.sender) revert NotSequencerOwner(_seqId, msg.sender);
        address recipient = seq.rewardRecipient;
        if (recipient == address(0)) revert NoRewardRecipient(_seqId);
        if (seq.status != Status.Inactive) revert SequencerNotInactive(_seqId, uint8(seq.status));
        if (block.timestamp < seq.unlockClaimTime) {
            revert UnlockClaimTooEarly(_seqId, seq.unlockClaimTime, block.timestamp);
        }

        uint256 amount = seq.amount;
        uint256 reward = seq.reward;
        seq.amount = 0;
        seq.reward = 0;
        seq.nonce++;
        seq.status = Status.Unlocked;
        seqStatuses[Status.Inactive]--;
        seqStatuses[Status.Unlocked]++;

        // the owner may register a new sequencer later; the signer may never be used again
        delete seqOwners[seq.owner];
        seqSigners[seq.signer] = RETIRED;

        escrow.finalizeUnlock{value: msg.value}(msg.sender, _seqId, amount, reward, recipient, _l2Gas);
    }

    function setSequencerRewardRecipient(uint256 _seqId, address _recipient) external whitelistRequired {
        Sequencer storage seq = _activeOwned(_seqId);
        if (_recipient == address(0)) revert ZeroAddress();
        seq.rewardRecipient = _recipient;
        emit SequencerRewardRecipientChanged(_seqId, _recipient);
    }

    function setSequencerOwner(uint256 _seqId, address _owner) external whitelistRequired {
        if (_owner == address(0)) revert ZeroAddress();
        Sequencer storage seq = _activeOwned(_seqId);
        uint256 owned = seqOwners[_owner];
        if (owned != 0) revert OwnerHasSequencer(_owner, owned);

        delete seqOwners[seq.owner];
        seq.owner = _owner;
        seqOwners[_owner] = _seqId;
        emit SequencerOwnerChanged(_seqId, _owner);
    }

    // ------------------------------------------------------------------ signer key

    /// @notice Rotate the signer key. Must be sent by the current signer (not the owner); the
    ///         old signer address is retired for good.
    function updateSigner(uint256 _seqId, bytes calldata _signerPubkey) external whenNotPaused {
        Sequencer storage seq = sequencers[_seqId];
        if (seq.status != Status.Active) revert SequencerNotActive(_seqId, uint8(seq.status));
        address signer = seq.signer;
        if (signer != msg.sender) revert NotSequencerSigner(_seqId, msg.sender);

        uint256 cur = curBatchState.id;
        uint256 allowedFrom = seq.updatedBatch + signerUpdateThrottle;
        if (cur < allowedFrom) revert SignerUpdateThrottled(_seqId, cur, allowedFrom);

        address newSigner = _pubkeyToAddress(_signerPubkey);
        _requireFreshSigner(newSigner);

        seq.pubkey = _signerPubkey;
        seq.signer = newSigner;
        seqSigners[newSigner] = _seqId;
        seqSigners[signer] = RETIRED;
        seq.updatedBatch = cur;

        uint256 nonce = seq.nonce + 1;
        seq.nonce = nonce;
        escrow.logSignerChange(_seqId, signer, newSigner, nonce, _signerPubkey);
    }

    // ------------------------------------------------------------------ MPC

    /// @notice Credit `blocks[i] * rewardPerBlock` to the sequencer of signer `seqs[i]` for the
    ///         epoch range, pull the total from the reward payer, advance the batch id.
    function batchSubmitRewards(
        uint256 _batchId,
        uint256 _startEpoch,
        uint256 _endEpoch,
        address[] calldata _seqs,
        uint256[] calldata _blocks
    ) external {
        if (msg.sender != mpcAddress) revert NotMpc(msg.sender);
        if (_seqs.length != _blocks.length || _seqs.length == 0) {
            revert InvalidBatchArrays(_seqs.length, _blocks.length);
        }

        BatchState storage bs = curBatchState;
        uint256 nextBatch = bs.id + 1;
        if (_batchId != nextBatch) revert InvalidBatchId(_batchId, nextBatch);
        // the very first batch (id 1 -> 2) may start anywhere; later ones must be contiguous
        if (bs.id > 1 && _startEpoch != bs.endEpoch + 1) revert InvalidStartEpoch(_startEpoch, bs.endEpoch + 1);
        if (_endEpoch < _startEpoch) revert InvalidEpochRange(_startEpoch, _endEpoch);
        bs.id = nextBatch;

        uint256 rpb = rewardPerBlock;
        uint256 totalReward = 0;
        for (uint256 i = 0; i < _seqs.length; i++) {
            uint256 seqId = seqSigners[_seqs[i]];
            if (seqId == 0 || seqId == RETIRED) revert UnknownSigner(_seqs[i]);
            uint256 reward = _blocks[i] * rpb;
            sequencers[seqId].reward += reward;
            totalReward += reward;
        }
        bs.number = block.number;
        bs.startEpoch = _startEpoch;
        bs.endEpoch = _endEpoch;

        escrow.distributeReward(_batchId, totalReward);
        emit DistributeReward(_batchId, _startEpoch, _endEpoch, totalReward, rpb);
    }

    // ------------------------------------------------------------------ internals

    function _lockWithRecipient(
        address _signer,
        address _rewardRecipient,
        uint256 _amount,
        bytes calldata _signerPubkey
    ) internal {
        address derived = _pubkeyToAddress(_signerPubkey);
        if (derived != _signer) revert PubkeySignerMismatch(_signer, derived);
        uint256 owned = seqOwners[msg.sender];
        if (owned != 0) revert OwnerHasSequencer(msg.sender, owned);
        _requireFreshSigner(_signer);

        uint256 batchId = curBatchState.id;
        uint256 seqId = totalSequencers + 1; // ids start at 1
        totalSequencers = seqId;
        seqOwners[msg.sender] = seqId;
        seqSigners[_signer] = seqId;
        seqStatuses[Status.Active]++;

        Sequencer storage seq = sequencers[seqId];
        seq.amount = _amount;
        seq.activationBatch = batchId;
        seq.updatedBatch = batchId;
        seq.nonce = 1;
        seq.owner = msg.sender;
        seq.signer = _signer;
        seq.pubkey = _signerPubkey;
        seq.rewardRecipient = _rewardRecipient;
        seq.status = Status.Active;

        // escrow checks minLock <= amount <= maxLock and pulls the tokens from msg.sender
        escrow.newSequencer(seqId, msg.sender, _signer, _amount, batchId, _signerPubkey);
        emit SequencerOwnerChanged(seqId, msg.sender);
        emit SequencerRewardRecipientChanged(seqId, _rewardRecipient);
    }

    function _unlock(uint256 _seqId, bool _force, uint32 _l2Gas) internal {
        Sequencer storage seq = sequencers[_seqId];
        if (seq.status != Status.Active) revert SequencerNotActive(_seqId, uint8(seq.status));

        uint256 active = --seqStatuses[Status.Active];
        uint256 inactive = ++seqStatuses[Status.Inactive];
        if (!_force) {
            if (seq.owner != msg.sender) revert NotSequencerOwner(_seqId, msg.sender);
            // keep more than 2/3 of the registered, not yet exited sequencers active
            if (inactive * 3 > active + inactive) revert BftRestriction(active, inactive);
        }
        if (seq.rewardRecipient == address(0)) revert NoRewardRecipient(_seqId);

        seq.status = Status.Inactive;
        seq.deactivationBatch = curBatchState.id;
        seq.deactivationTime = block.timestamp;
        seq.unlockClaimTime = block.timestamp + exitDelayPeriod;
        seq.nonce++;

        uint256 unclaimed = seq.reward;
        seq.reward = 0;
        escrow.initializeUnlock{value: msg.value}(_seqId, unclaimed, _l2Gas, seq);
    }

    function _activeOwned(uint256 _seqId) internal view returns (Sequencer storage seq) {
        seq = sequencers[_seqId];
        if (seq.status != Status.Active) revert SequencerNotActive(_seqId, uint8(seq.status));
        if (seq.owner != msg.sender) revert NotSequencerOwner(_seqId, msg.sender);
    }

    function _requireFreshSigner(address _signer) internal view {
        uint256 used = seqSigners[_signer];
        if (used == RETIRED) revert SignerRetired(_signer);
        if (used != 0) revert SignerInUse(_signer, used);
    }

    function _pubkeyToAddress(bytes calldata _pubkey) internal pure returns (address addr) {
        if (_pubkey.length != 64) revert InvalidPubkeyLength(_pubkey.length);
        addr = address(uint160(uint256(keccak256(_pubkey))));
    }
}
