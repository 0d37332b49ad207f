// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title SequencerFeeVault
/// @notice Devnet version of the Metis L2 predeploy at 0x4200000000000000000000000000000000000011
///         (OVM_SequencerFeeVault), the coinbase of every L2 block: all L2 fees (in METIS, the
///         L2 native coin) accumulate here. Inflows emit nothing (block fees are credited by the
///         protocol, plain transfers hit receive()).
/// @dev    Installed with `anvil_setCode` (runtime code only), so there is no constructor and no
///         immutable: state is set by a one-time `initialize(manager)`.
///         Same function names as the real vault: `withdraw(uint256)`, `send(address,uint256)`,
///         `sendBatch`, `l1FeeWallet()`, `l1Manager()`, `l2Manager()`, `getL2Manager()`,
///         `finalizeChainSwitch`, `finalizeChainConfig`, events `ChainSwitch`/`ConfigChange`.
///         Differences (devnet has no cross-domain messenger or L2 bridge):
///         - `withdraw` pays `l1FeeWallet` directly on this chain instead of bridging to L1;
///         - `finalizeChainSwitch`/`finalizeChainConfig` are manager-only instead of
///           "only from the L1 manager through the messenger";
///         - outflows emit `FeeSent` / `FeeWithdrawn`; the real vault emits no event on outflows
///           either, so on mainnet outflows are seen only as balance changes / internal txs.
contract SequencerFeeVault {
    /// @notice initialize was already called.
    error AlreadyInitialized();
    /// @notice Only the manager may call this (LockingInfo: the LockingPool; SequencerFeeVault: l2Manager).
    error NotManager(address caller);
    /// @notice An address argument was the zero address where a real address is required.
    error ZeroAddress();
    /// @notice The vault holds less than the requested amount.
    error InsufficientVaultBalance(uint256 balance, uint256 amount);
    /// @notice Sending native coin (ETH on L1, METIS on L2) to the recipient failed.
    error EthTransferFailed(address to, uint256 amount);
    /// @notice sendBatch got arrays of different lengths.
    error LengthMismatch(uint256 recipients, uint256 amounts);

    event ChainSwitch(address l1Wallet, address l2Manager);
    event ConfigChange(bytes config);
    /// @notice Devnet-only: the manager sent `amount` to `to`.
    event FeeSent(address indexed to, uint256 amount);
    /// @notice Devnet-only: the manager withdrew `amount` to the L1 fee wallet.
    event FeeWithdrawn(address indexed l1FeeWallet, uint256 amount);

    address public l1FeeWallet;
    address public l1Manager;
    address public l2Manager;

    modifier onlyManager() {
        if (msg.sender != l2Manager) revert NotManager(msg.sender);
        _;
    }

    /// @notice One-time setup after anvil_setCode: `_manager` becomes l2Manager, l1Manager and
    ///         l1FeeWallet (change them later with finalizeChainSwitch).
    function initialize(address _manager) external {
        if (l2Manager != address(0)) revert AlreadyInitialized();
        if (_manager == address(0)) revert ZeroAddress();
        l2Manager = _manager;
        l1Manager = _manager;
        l1FeeWallet = _manager;
        emit ChainSwitch(_manager, _manager);
    }

    receive() external payable {}

    // the real vault accepts calls with data too
    fallback() external payable {}

    function getL2Manager() external view returns (address) {
        return l2Manager;
    }

    /// @notice Withdraw `amount` (0 = everything) to the L1 fee wallet.
    function withdraw(uint256 amount) external payable onlyManager {
        uint256 bal = address(this).balance;
        if (bal < amount) revert InsufficientVaultBalance(bal, amount);
        if (amount == 0) amount = bal;
        _pay(l1FeeWallet, amount);
        emit FeeWithdrawn(l1FeeWallet, amount);
    }

    function send(address payable to, uint256 amount) public onlyManager {
        _pay(to, amount);
        emit FeeSent(to, amount);
    }

    function sendBatch(address payable[] calldata tos, uint256[] calldata amounts) external onlyManager {
        if (tos.length != amounts.length) revert LengthMismatch(tos.length, amounts.length);
        for (uint256 i = 0; i < tos.length; i++) send(tos[i], amounts[i]);
    }

    function finalizeChainSwitch(address _FeeWallet, address _L2Manager) external onlyManager {
        if (_FeeWallet == address(0) || _L2Manager == address(0)) revert ZeroAddress();
        l1FeeWallet = _FeeWallet;
        l2Manager = _L2Manager;
        emit ChainSwitch(_FeeWallet, _L2Manager);
    }

    function finalizeChainConfig(bytes calldata values) external onlyManager {
        emit ConfigChange(values);
    }

    function _pay(address to, uint256 amount) private {
        uint256 bal = address(this).balance;
        if (bal < amount) revert InsufficientVaultBalance(bal, amount);
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert EthTransferFailed(to, amount);
    }
}
