// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./common/Owned.sol";
import {SafeToken} from "./common/SafeToken.sol";
import {IL1ERC20Bridge} from "./interfaces/IL1ERC20Bridge.sol";
import {ISequencerTypes} from "./interfaces/ISequencerTypes.sol";

/// @title LockingInfo
/// @notice L1 escrow of the sequencer network: holds every locked METIS, pulls reward funding
///         from `rewardPayer`, pays rewards out through the L1 bridge and emits the staking
///         events the indexers read. Only its manager (the LockingPool) may move funds.
/// @dev    External ABI (functions, events, views) follows the Metis mainnet LockingInfo at
///         0x0fe382b74C3894B65c10E5C12ae60Bbd8FAf5b48. The real contract is an upgradeable
///         proxy set up with `initialize`; this one uses a constructor plus the same
///         `initManager` step (the two contracts reference each other).
contract LockingInfo is Owned {
    /// @notice Only the manager may call this (LockingInfo: the LockingPool; SequencerFeeVault: l2Manager).
    error NotManager(address caller);
    /// @notice initManager was already called; the manager can be set only once.
    error ManagerAlreadySet(address manager);
    /// @notice minLock must be greater than zero.
    error MinLockZero();
    /// @notice maxLock may not be lower than minLock.
    error MaxLockBelowMinLock(uint256 maxLock, uint256 minLock);
    /// @notice The amount to lock is below the minimum lock (minLock).
    error AmountBelowMinLock(uint256 amount, uint256 minLock);
    /// @notice The amount to lock is above the maximum lock (maxLock).
    error AmountAboveMaxLock(uint256 amount, uint256 maxLock);
    /// @notice After this relock the sequencer's total lock would exceed maxLock.
    error TotalAboveMaxLock(uint256 total, uint256 maxLock);
    /// @notice relock would add nothing: amount is 0 and there is no reward to compound.
    error NothingToLock();
    /// @notice A partial withdraw would leave less than minLock locked.
    error RemainingBelowMinLock(uint256 remaining, uint256 minLock);
    /// @notice The amount must be greater than zero.
    error ZeroAmount();
    /// @notice No reward payer is configured, so a reward batch cannot be funded.
    error RewardPayerNotSet();
    /// @notice Sending native coin (ETH on L1, METIS on L2) to the recipient failed.
    error EthTransferFailed(address to, uint256 amount);

    event SetMinLock(uint256 _newMinLock);
    event SetMaxLock(uint256 _newMaxLock);
    event SetRewardPayer(address _payer);

    event Locked(
        address indexed signer,
        uint256 indexed sequencerId,
        uint256 nonce,
        uint256 indexed activationBatch,
        uint256 amount,
        uint256 total,
        bytes signerPubkey
    );
    event Relocked(uint256 indexed sequencerId, uint256 amount, uint256 total);
    event Withdraw(uint256 indexed sequencerId, uint256 amount);
    event LockUpdate(uint256 indexed sequencerId, uint256 indexed nonce, uint256 indexed newAmount);
    event ClaimRewards(
        uint256 indexed sequencerId,
        address recipient,
        uint256 indexed amount,
        uint256 indexed totalAmount
    );
    event UnlockInit(
        address indexed user,
        uint256 indexed sequencerId,
        uint256 nonce,
        uint256 deactivationBatch,
        uint256 deactivationTime,
        uint256 unlockClaimTime,
        uint256 indexed amount
    );
    event Unlocked(address indexed user, uint256 indexed sequencerId, uint256 amount, uint256 total);
    event BatchSubmitReward(uint256 _newBatchId);
    event SignerChange(
        uint256 indexed sequencerId,
        uint256 nonce,
        address indexed oldSigner,
        address indexed newSigner,
        bytes signerPubkey
    );

    address public bridge; // L1 bridge used to pay rewards to L2
    address public l1Token; // METIS on L1
    address public l2Token; // METIS on L2
    uint256 public l2ChainId;

    uint256 public minLock;
    uint256 public maxLock;

    uint256 public totalLocked; // sum of all sequencers' locked amounts
    uint256 public totalRewardsLiquidated; // sum of all rewards paid out through the bridge

    address public manager; // the LockingPool
    address public rewardPayer; // funds reward batches (must approve this contract)

    modifier onlyManager() {
        if (msg.sender != manager) revert NotManager(msg.sender);
        _;
    }

    constructor(address _owner, address _bridge, address _l1Token, address _l2Token, uint256 _l2ChainId)
        Owned(_owner)
    {
        if (_bridge == address(0) || _l1Token == address(0) || _l2Token == address(0)) revert ZeroAddress();
        bridge = _bridge;
        l1Token = _l1Token;
        l2Token = _l2Token;
        l2ChainId = _l2ChainId;
        minLock = 20_000 ether;
        maxLock = 100_000 ether;
    }

    // ------------------------------------------------------------------ admin

    function initManager(address _manager) external onlyOwner {
        if (manager != address(0)) revert ManagerAlreadySet(manager);
        if (_manager == address(0)) revert ZeroAddress();
        manager = _manager;
    }

    function setMinLock(uint256 _minLock) external onlyOwner {
        if (_minLock == 0) revert MinLockZero();
        minLock = _minLock;
        emit SetMinLock(_minLock);
    }

    function setMaxLock(uint256 _maxLock) external onlyOwner {
        if (_maxLock < minLock) revert MaxLockBelowMinLock(_maxLock, minLock);
        maxLock = _maxLock;
        emit SetMaxLock(_maxLock);
    }

    function setRewardPayer(address _payer) external onlyOwner {
        rewardPayer = _payer;
        emit SetRewardPayer(_payer);
    }

    /// @notice Bridge fees sent with an unlock/claim that had no reward to bridge stay here
    ///         (as on mainnet); the owner can sweep them.
    function withdrawStuckEth(address payable to) external onlyOwner {
        uint256 amount = address(this).balance;
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert EthTransferFailed(to, amount);
    }

    // ------------------------------------------------------------------ manager (LockingPool) API
    // Same signatures as the real LockingInfo, so traces/calls decode identically.

    function newSequencer(
        uint256 _id,
        address _owner,
        address _signer,
        uint256 _amount,
        uint256 _batchId,
        bytes calldata _signerPubkey
    ) external onlyManager {
        if (_amount < minLock) revert AmountBelowMinLock(_amount, minLock);
        if (_amount > maxLock) revert AmountAboveMaxLock(_amount, maxLock);

        uint256 total = totalLocked + _amount;
        totalLocked = total;

        SafeToken.safeTransferFrom(l1Token, _owner, address(this), _amount);
        // nonce of a new sequencer is always 1
        emit Locked(_signer, _id, 1, _batchId, _amount, total, _signerPubkey);
    }

    function increaseLocked(
        uint256 _seqId,
        uint256 _nonce,
        address _owner,
        uint256 _locked,
        uint256 _incoming,
        uint256 _fromReward
    ) external onlyManager {
        if (_locked > maxLock) revert TotalAboveMaxLock(_locked, maxLock);
        uint256 increased = _incoming + _fromReward;
        if (increased == 0) revert NothingToLock();

        if (_incoming > 0) SafeToken.safeTransferFrom(l1Token, _owner, address(this), _incoming);

        // _fromReward tokens are already held here (funded by the reward payer); they only
        // change from "reward" to "locked".
        uint256 total = totalLocked + increased;
        totalLocked = total;

        emit Relocked(_seqId, increased, total);
        emit LockUpdate(_seqId, _nonce, _locked);
    }

    function withdrawLocking(uint256 _seqId, address _owner, uint256 _nonce, uint256 _amount, uint256 _locked)
        external
        onlyManager
    {
        if (_amount == 0) revert ZeroAmount();
        if (_locked < minLock) revert RemainingBelowMinLock(_locked, minLock);
        totalLocked -= _amount;

        SafeToken.safeTransfer(l1Token, _owner, _amount);
        emit Withdraw(_seqId, _amount);
        emit LockUpdate(_seqId, _nonce, _locked);
    }

    function initializeUnlock(
        uint256 _seqId,
        uint256 _reward,
        uint32 _l2gas,
        ISequencerTypes.Sequencer calldata _seq
    ) external payable onlyManager {
        _liquidateReward(_seqId, _reward, _seq.rewardRecipient, _l2gas);
        // `amount` of UnlockInit is the reward paid now, not the locked amount (as on mainnet)
        emit UnlockInit(
            _seq.signer,
            _seqId,
            _seq.nonce,
            _seq.deactivationBatch,
            _seq.deactivationTime,
            _seq.unlockClaimTime,
            _reward
        );
    }

    function finalizeUnlock(
        address _operator,
        uint256 _seqId,
        uint256 _amount,
        uint256 _reward,
        address _recipient,
        uint32 _l2gas
    ) external payable onlyManager {
        uint256 total = totalLocked - _amount;
        totalLocked = total;

        SafeToken.safeTransfer(l1Token, _operator, _amount);
        if (_reward > 0) {
            _liquidateReward(_seqId, _reward, _recipient, _l2gas);
        }
        emit Unlocked(_operator, _seqId, _amount, total);
    }

    function liquidateReward(uint256 _seqId, uint256 _amount, address _recipient, uint32 _l2gas)
        external
        payable
        onlyManager
    {
        _liquidateReward(_seqId, _amount, _recipient, _l2gas);
    }

    function distributeReward(uint256 _batchId, uint256 _totalReward) external onlyManager {
        address payer = rewardPayer;
        if (payer == address(0)) revert RewardPayerNotSet();
        SafeToken.safeTransferFrom(l1Token, payer, address(this), _totalReward);
        emit BatchSubmitReward(_batchId);
    }

    function logSignerChange(
        uint256 sequencerId,
        address oldSigner,
        address newSigner,
        uint256 nonce,
        bytes calldata signerPubkey
    ) external onlyManager {
        emit SignerChange(sequencerId, nonce, oldSigner, newSigner, signerPubkey);
    }

    // ------------------------------------------------------------------ internals

    function _liquidateReward(uint256 _seqId, uint256 _amount, address _recipient, uint32 _l2gas) internal {
        if (_amount > 0) {
            SafeToken.safeApprove(l1Token, bridge, _amount);
            // the caller's msg.value is the bridge fee and is forwarded untouched
            IL1ERC20Bridge(bridge).depositERC20ToByChainId{value: msg.value}(
                l2ChainId,
                l1Token,
                l2Token,
                _recipient,
                _amount,
                _l2gas,
                ""
            );
        }
        uint256 total = totalRewardsLiquidated + _amount;
        totalRewardsLiquidated = total;
        emit ClaimRewards(_seqId, _recipient, _amount, total);
    }
}
