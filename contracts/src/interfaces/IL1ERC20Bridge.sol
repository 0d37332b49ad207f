// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The one L1StandardBridge function that LockingInfo calls (same signature as the
///         Metis L1StandardBridge at 0x3980c9ed79d2c191A89E02Fa3529C60eD6e9c04b).
interface IL1ERC20Bridge {
    function depositERC20ToByChainId(
        uint256 _chainid,
        address _l1Token,
        address _l2Token,
        address _to,
        uint256 _amount,
        uint32 _l2Gas,
        bytes calldata _data
    ) external payable;
}
