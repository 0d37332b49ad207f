// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./common/Owned.sol";

/// @title MetisSequencerSet
/// @notice L2 schedule of which signer produces which block range (epoch). The MPC commits the
///         next epoch ahead of time and, when the current producer stalls, recommits: the stalled
///         epoch is cut at `block.number - 1` and a new epoch starts at the recommit block.
/// @dev    External ABI follows the Metis Andromeda MetisSequencerSet at
///         0x0fe382b74C3894B65c10E5C12ae60Bbd8FAf5b48 (its admin functions are spelled
///         `UpdateMpcAddress` / `UpdateEpochLength`; `updateMpc` / `updateEpochLength` are
///         aliases added here). Differences: constructor instead of `initialize`, custom errors
///         instead of require strings, and epoch 0 may start at any block > 0 (mainnet requires
///         a block in the future at initialization).
contract MetisSequencerSet is Owned {
    /// @notice Only the MPC address may call this (reward batches, epoch commits).
    error NotMpc(address caller);
    /// @notice Only the MPC address or the owner may change the epoch length.
    error NotMpcOrOwner(address caller);
    /// @notice Epoch length must be greater than zero.
    error ZeroEpochLength();
    /// @notice endBlock must be greater than startBlock (and startBlock > 0 for epoch 0).
    error InvalidBlockRange(uint256 startBlock, uint256 endBlock);
    /// @notice The new epoch id must be the current epoch id + 1.
    error InvalidEpochId(uint256 epochId, uint256 expected);
    /// @notice A committed epoch must be exactly epochLength blocks long.
    error EpochLengthMismatch(uint256 length, uint256 epochLength);
    /// @notice The new epoch must start right after the current epoch's end block.
    error NonContiguousStart(uint256 startBlock, uint256 expected);
    /// @notice The epoch before the current one has not ended yet; only one epoch may be queued ahead.
    error PreviousEpochNotFinished(uint256 epochId, uint256 endBlock, uint256 blockNumber);
    /// @notice A recommit must start at the block the recommit transaction is mined in.
    error InvalidRecommitStart(uint256 startBlock, uint256 blockNumber);
    /// @notice Only the current or the previous epoch can be recommitted.
    error InvalidOldEpochId(uint256 oldEpochId, uint256 currentEpochId);
    /// @notice The latest epoch cannot be cut on its own first block (its signer never started): recommit it as the queued epoch, (previous, latest).
    error RecommitOnFirstBlock(uint256 epochId, uint256 startBlock);
    /// @notice The queued epoch has already started producing; recommit it as the latest epoch instead.
    error LatestEpochProducing(uint256 epochId, uint256 startBlock);

    struct Epoch {
        uint256 number;
        address signer;
        uint256 startBlock;
        uint256 endBlock;
    }

    event NewEpoch(uint256 indexed epochId, uint256 startBlock, uint256 endBlock, address signer);
    event ReCommitEpoch(
        uint256 indexed oldEpochId,
        uint256 indexed newEpochId,
        uint256 curEpochId,
        uint256 startBlock,
        uint256 endBlock,
        address newSigner
    );
    event MpcAddressUpdated(address _newMpcAddress);
    event EpochUpdated(uint256 _newLength);

    uint256 public epochLength;
    address public mpcAddress;
    mapping(uint256 => Epoch) public epochs;
    uint256 internal currentEpochId; // starts at 0

    modifier onlyMpc() {
        if (msg.sender != mpcAddress) revert NotMpc(msg.sender);
        _;
    }

    modifier onlyMpcOrOwner() {
        if (msg.sender != mpcAddress && msg.sender != owner()) revert NotMpcOrOwner(msg.sender);
        _;
    }

    constructor(
        address _owner,
        address _initialSequencer,
        address _mpcAddress,
        uint256 _firstStartBlock,
        uint256 _firstEndBlock,
        uint256 _epochLength
    ) Owned(_owner) {
        if (_epochLength == 0) revert ZeroEpochLength();
        // epoch 0 is not checked against epochLength (same as mainnet)
        if (_firstStartBlock == 0 || _firstEndBlock <= _firstStartBlock) {
            revert InvalidBlockRange(_firstStartBlock, _firstEndBlock);
        }
        mpcAddress = _mpcAddress;
        epochLength = _epochLength;
        epochs[0] = Epoch({number: 0, signer: _initialSequencer, startBlock: _firstStartBlock, endBlock: _firstEndBlock});
        emit NewEpoch(0, _firstStartBlock, _firstEndBlock, _initialSequencer);
    }

    // ------------------------------------------------------------------ admin

    function UpdateMpcAddress(address _newMpc) public onlyOwner {
        if (_newMpc == address(0)) revert ZeroAddress();
        mpcAddress = _newMpc;
        emit MpcAddressUpdated(_newMpc);
    }

    function UpdateEpochLength(uint256 _newLength) public onlyMpcOrOwner {
        if (_newLength == 0) revert ZeroEpochLength();
        epochLength = _newLength;
        emit EpochUpdated(_newLength);
    }

    /// @notice Alias of UpdateMpcAddress.
    function updateMpc(address _newMpc) external {
        UpdateMpcAddress(_newMpc);
    }

    /// @notice Alias of UpdateEpochLength.
    function updateEpochLength(uint256 _newLength) external {
        UpdateEpochLength(_newLength);
    }

    // ------------------------------------------------------------------ views

    /// @notice Epoch id containing block `_number`, or type(uint256).max if none.
    /// @dev    Linear scan from the newest epoch, like mainnet: the newest epoch wins where a
    ///         recommit left overlapping ranges, and recent blocks are found in a few steps.
    function getEpochByBlock(uint256 _number) public view returns (uint256) {
        uint256 last = currentEpochId + 1;
        for (uint256 i = last; i > 0; i--) {
            Epoch storage e = epochs[i - 1];
            if (e.startBlock <= _number && _number <= e.endBlock) return e.number;
            if (i == last && _number > e.endBlock) return type(uint256).max; // beyond the schedule
        }
        return type(uint256).max;
    }

    function currentEpochNumber() public view returns (uint256) {
        return currentEpochId;
    }

    function currentEpoch() public view returns (Epoch memory epoch) {
        epoch = epochs[currentEpochId];
    }

    /// @notice The newest epoch that has fully ended (block.number > endBlock); such an epoch can
    ///         no longer be recommitted. `exist` is false while even epoch 0 is still running.
    function finalizedEpoch() public view returns (Epoch memory epoch, bool exist) {
        for (uint256 i = currentEpochId + 1; i > 0; i--) {
            epoch = epochs[i - 1];
            if (block.number > epoch.endBlock) return (epoch, true);
        }
        return (epoch, false);
    }

    /// @notice Last block of the finalized epoch (or the block before epoch 0 if none).
    function finalizedBlock() public view returns (uint256) {
        (Epoch memory epoch, bool exist) = finalizedEpoch();
        if (exist) return epoch.endBlock;
        return epoch.startBlock - 1; // startBlock of epoch 0 is > 0
    }

    /// @notice Signer scheduled for block `_number` (address(0) if the block is not scheduled).
    function getMetisSequencer(uint256 _number) public view returns (address) {
        if (_number <= epochs[0].endBlock) return epochs[0].signer;
        uint256 epochId = getEpochByBlock(_number);
        if (epochId == type(uint256).max) return address(0);
        return epochs[epochId].signer;
    }

    // ------------------------------------------------------------------ MPC

    function commitEpoch(uint256 _newEpoch, uint256 _startBlock, uint256 _endBlock, address _signer)
        external
        onlyMpc
    {
        uint256 cur = currentEpochId;
        // at most one epoch may be scheduled beyond the running one
        if (cur > 1 && epochs[cur - 1].endBlock >= block.number) {
            revert PreviousEpochNotFinished(cur - 1, epochs[cur - 1].endBlock, block.number);
        }
        if (_newEpoch != cur + 1) revert InvalidEpochId(_newEpoch, cur + 1);
        if (_endBlock <= _startBlock) revert InvalidBlockRange(_startBlock, _endBlock);
        if (_endBlock - _startBlock + 1 != epochLength) {
            revert EpochLengthMismatch(_endBlock - _startBlock + 1, epochLength);
        }
        uint256 expectedStart = epochs[cur].endBlock + 1;
        if (_startBlock != expectedStart) revert NonContiguousStart(_startBlock, expectedStart);
        if (_signer == address(0)) revert ZeroAddress();

        epochs[_newEpoch] = Epoch({number: _newEpoch, signer: _signer, startBlock: _startBlock, endBlock: _endBlock});
        currentEpochId = _newEpoch;
        emit NewEpoch(_newEpoch, _startBlock, _endBlock, _signer);
    }

    /// @notice Replace a stalled producer from this block on. The new epoch's length is not
    ///         checked against epochLength (Themis uses epochLength + 100 on mainnet).
    function recommitEpoch(
        uint256 _oldEpochId,
        uint256 _newEpochId,
        uint256 _startBlock,
        uint256 _endBlock,
        address _newSigner
    ) external onlyMpc {
        if (_startBlock != block.number) revert InvalidRecommitStart(_startBlock, block.number);
        if (_newSigner == address(0)) revert ZeroAddress();
        if (_endBlock <= _startBlock) revert InvalidBlockRange(_startBlock, _endBlock);

        uint256 cur = currentEpochId;
        if (_oldEpochId == cur) {
            // Case 1: the running (latest) epoch stalled: cut it and append a new epoch. Not on its first block: a
            // signer that never started is replaced through case 2, as Metis' consensus layer does.
            Epoch storage running = epochs[cur];
            if (running.startBlock >= block.number) revert RecommitOnFirstBlock(cur, running.startBlock);
            if (_newEpochId != cur + 1) revert InvalidEpochId(_newEpochId, cur + 1);
            running.endBlock = block.number - 1;
            epochs[_newEpochId] =
                Epoch({number: _newEpochId, signer: _newSigner, startBlock: _startBlock, endBlock: _endBlock});
            currentEpochId = _newEpochId;
        } else if (_oldEpochId + 1 == cur) {
            // Case 2: the queued (latest) epoch is rewritten in place. If the previous epoch is still running it is
            // cut here (it stalled); if it has already ended, it is left untouched (the queued epoch's signer never
            // produced its first block).
            if (_newEpochId != cur) revert InvalidEpochId(_newEpochId, cur);
            Epoch storage old = epochs[_oldEpochId];
            if (old.endBlock >= block.number) old.endBlock = block.number - 1;
            Epoch storage queued = epochs[_newEpochId];
            if (queued.startBlock < block.number) revert LatestEpochProducing(_newEpochId, queued.startBlock);
            queued.signer = _newSigner;
            queued.startBlock = _startBlock;
            queued.endBlock = _endBlock;
        } else {
            revert InvalidOldEpochId(_oldEpochId, cur);
        }

        emit ReCommitEpoch(_oldEpochId, _newEpochId, cur, _startBlock, _endBlock, _newSigner);
    }
}
