// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Minimal single-owner access control (same external surface as OpenZeppelin's
///         Ownable: owner(), transferOwnership, renounceOwnership, OwnershipTransferred), so
///         tools that know the real Metis contracts (which use OZ OwnableUpgradeable) see the
///         same functions and event.
abstract contract Owned {
    /// @notice The caller is not the owner of this contract.
    error NotOwner(address caller);
    /// @notice An address argument was the zero address where a real address is required.
    error ZeroAddress();

    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    address private _owner;

    constructor(address initialOwner) {
        if (initialOwner == address(0)) revert ZeroAddress();
        _owner = initialOwner;
        emit OwnershipTransferred(address(0), initialOwner);
    }

    modifier onlyOwner() {
        if (msg.sender != _owner) revert NotOwner(msg.sender);
        _;
    }

    function owner() public view returns (address) {
        return _owner;
    }

    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        emit OwnershipTransferred(_owner, newOwner);
        _owner = newOwner;
    }

    function renounceOwnership() external onlyOwner {
        emit OwnershipTransferred(_owner, address(0));
        _owner = address(0);
    }
}

/// @notice Minimal pause switch with OpenZeppelin's event names (Paused/Unpaused(address)).
///         The error is called ContractPaused because an error may not share the event's name.
abstract contract Pausable {
    /// @notice The contract is paused by its owner; state-changing operator calls are disabled.
    error ContractPaused();
    /// @notice setPause was called with the state the contract is already in.
    error PauseStateUnchanged(bool paused);

    event Paused(address account);
    event Unpaused(address account);

    bool private _paused;

    modifier whenNotPaused() {
        if (_paused) revert ContractPaused();
        _;
    }

    function paused() public view returns (bool) {
        return _paused;
    }

    function _setPaused(bool yes) internal {
        if (_paused == yes) revert PauseStateUnchanged(yes);
        _paused = yes;
        if (yes) emit Paused(msg.sender);
        else emit Unpaused(msg.sender);
    }
}
