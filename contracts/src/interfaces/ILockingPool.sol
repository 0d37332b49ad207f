// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The subset of the real Metis LockingPool ABI that DelegationPool uses. Everything here
///         exists with the same signature on mainnet, so a DelegationPool works there too.
interface ILockingPool {
    function escrow() external view returns (address);
    function currentBatch() external view returns (uint256);
    function exitDelayPeriod() external view returns (uint256);
    function seqOwners(address owner) external view returns (uint256);

    function lockWithRewardRecipient(
        address _signer,
        address _rewardRecipient,
        uint256 _amount,
        bytes calldata _signerPubkey
    ) external;
    function relock(uint256 _seqId, uint256 _amount, bool _lockReward) external;
    function withdraw(uint256 _seqId, uint256 _amount) external;
    function unlock(uint256 _seqId, uint32 _l2Gas) external payable;
    function unlockClaim(uint256 _seqId, uint32 _l2Gas) external payable;
    function setSequencerRewardRecipient(uint256 _seqId, address _recipient) external;
}
