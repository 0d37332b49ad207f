// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ISequencerTypes} from "./ISequencerTypes.sol";

/// @notice The manager API of LockingInfo (what LockingPool calls) plus the views others read.
interface ILockingInfo {
    function minLock() external view returns (uint256);
    function maxLock() external view returns (uint256);
    function l1Token() external view returns (address);

    function newSequencer(
        uint256 _id,
        address _owner,
        address _signer,
        uint256 _amount,
        uint256 _batchId,
        bytes calldata _signerPubkey
    ) external;

    function increaseLocked(
        uint256 _seqId,
        uint256 _nonce,
        address _owner,
        uint256 _locked,
        uint256 _incoming,
        uint256 _fromReward
    ) external;

    function withdrawLocking(uint256 _seqId, address _owner, uint256 _nonce, uint256 _amount, uint256 _locked)
        external;

    function initializeUnlock(
        uint256 _seqId,
        uint256 _reward,
        uint32 _l2gas,
        ISequencerTypes.Sequencer calldata _seq
    ) external payable;

    function finalizeUnlock(
        address _operator,
        uint256 _seqId,
        uint256 _amount,
        uint256 _reward,
        address _recipient,
        uint32 _l2gas
    ) external payable;

    function liquidateReward(uint256 _seqId, uint256 _amount, address _recipient, uint32 _l2gas)
        external
        payable;

    function distributeReward(uint256 _batchId, uint256 _totalReward) external;

    function logSignerChange(
        uint256 sequencerId,
        address oldSigner,
        address newSigner,
        uint256 nonce,
        bytes calldata signerPubkey
    ) external;
}
