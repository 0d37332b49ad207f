// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title L2StandardBridge
/// @notice Devnet version of the Metis L2 predeploy at 0x4200000000000000000000000000000000000010: the L2 end of
///         the standard bridge, where a deposit made on L1 (`depositERC20ToByChainId`) arrives. On Metis the
///         L2CrossDomainMessenger relays the L1 message in a deposit transaction (queue origin L1) and the bridge
///         emits `DepositFinalized` with the same token, sender, recipient and amount as the L1 deposit; METIS, the
///         L2 native coin, reaches the recipient's balance.
/// @dev    Installed with `anvil_setCode` (runtime code only), funded with `anvil_setBalance`; state set by a
///         one-time `initialize(relayer)`. Differences: the devnet has no messenger, so a relayer account (the
///         simulator, playing the messenger) calls `finalizeDeposit`; it pays native coin from its own balance.
///         Same function and event as the real bridge (`finalizeDeposit`, `DepositFinalized`).
contract L2StandardBridge {
    /// @notice initialize was already called.
    error AlreadyInitialized();
    /// @notice Only the relayer (on Metis: the cross-domain messenger) may finalize a deposit.
    error NotRelayer(address caller);
    /// @notice Sending native coin to the recipient failed.
    error EthTransferFailed(address to, uint256 amount);

    event DepositFinalized(
        address indexed _l1Token,
        address indexed _l2Token,
        address indexed _from,
        address _to,
        uint256 _amount,
        bytes _data
    );

    address public relayer;

    /// @notice Devnet-only: how many deposits arrived (the relayer's progress through the L1 bridge's records).
    uint256 public finalizedCount;

    function initialize(address _relayer) external {
        if (relayer != address(0)) revert AlreadyInitialized();
        relayer = _relayer;
    }

    function finalizeDeposit(
        address _l1Token,
        address _l2Token,
        address _from,
        address _to,
        uint256 _amount,
        bytes calldata _data
    ) external {
        if (msg.sender != relayer) revert NotRelayer(msg.sender);
        finalizedCount += 1;
        (bool ok, ) = payable(_to).call{value: _amount}("");
        if (!ok) revert EthTransferFailed(_to, _amount);
        emit DepositFinalized(_l1Token, _l2Token, _from, _to, _amount, _data);
    }

    receive() external payable {}
}
