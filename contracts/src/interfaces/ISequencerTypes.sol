// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Shared types of LockingPool and LockingInfo. The field order of `Sequencer` is the
///         order of the real Metis `sequencers(uint256)` getter and must not change.
interface ISequencerTypes {
    enum Status {
        Unavailable, // 0: default value, no such sequencer
        Inactive, // 1: unlock started, waiting for the exit delay
        Active, // 2: locked and producing blocks
        Unlocked // 3: exited, principal claimed
    }

    struct Sequencer {
        uint256 amount; // currently locked
        uint256 reward; // accrued, not yet paid out
        uint256 activationBatch; // batch id at lock time
        uint256 updatedBatch; // batch id of the last signer update / partial withdraw
        uint256 deactivationBatch; // batch id at unlock
        uint256 deactivationTime; // timestamp of unlock
        uint256 unlockClaimTime; // deactivationTime + exitDelayPeriod
        uint256 nonce; // operation counter shared with Themis, starts at 1
        address owner; // operator address controlling lock/relock/withdraw/unlock
        address signer; // L2 block signer
        bytes pubkey; // 64-byte uncompressed secp256k1 key of the signer (no 0x04 prefix)
        address rewardRecipient; // L2 address receiving bridged rewards
        Status status;
    }
}
