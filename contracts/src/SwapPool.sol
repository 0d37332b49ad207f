// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeToken} from "./common/SafeToken.sol";

/// @title SwapPool
/// @notice Devnet AMM: a constant-product pool (x·y = k, 0.3 % fee) of METIS, the L2 native coin, and one ERC-20,
///         so the devnet's users trade and a misbehaving sequencer can sandwich them. It emits Uniswap V2's `Swap`
///         and `Sync` events with their exact signatures — token0 is METIS (amounts in wei of the native coin),
///         token1 the ERC-20 — so the dashboard reads it as it reads any V2-style pool on Metis (Netswap, Hermes…).
/// @dev    Installed with `anvil_setCode` and funded with `anvil_setBalance`; `initialize(token)` once, after the
///         token was sent to it, takes both balances as the reserves. No router, no LP token: traders call it.
contract SwapPool {
    /// @notice initialize was already called.
    error AlreadyInitialized();
    /// @notice The output is below the trader's minimum.
    error InsufficientOutput(uint256 out, uint256 minOut);
    /// @notice Nothing to swap.
    error ZeroInput();
    /// @notice Sending native coin to the recipient failed.
    error EthTransferFailed(address to, uint256 amount);

    event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to);
    event Sync(uint112 reserve0, uint112 reserve1);

    address public token1;
    uint112 private _reserve0;
    uint112 private _reserve1;

    function initialize(address token) external {
        if (token1 != address(0)) revert AlreadyInitialized();
        token1 = token;
        _sync();
    }

    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast) {
        return (_reserve0, _reserve1, uint32(block.timestamp));
    }

    /// @notice What `amountIn` buys against reserves `reserveIn`/`reserveOut` (Uniswap V2's getAmountOut).
    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) public pure returns (uint256) {
        uint256 withFee = amountIn * 997;
        return (withFee * reserveOut) / (reserveIn * 1000 + withFee);
    }

    /// @notice Sells the METIS sent for the token.
    function swapNativeForToken(uint256 minOut, address to) external payable returns (uint256 out) {
        if (msg.value == 0) revert ZeroInput();
        out = getAmountOut(msg.value, _reserve0, _reserve1);
        if (out < minOut) revert InsufficientOutput(out, minOut);
        SafeToken.safeTransfer(token1, to, out);
        _sync();
        emit Swap(msg.sender, msg.value, 0, 0, out, to);
    }

    /// @notice Sells `amountIn` of the token (approved to the pool) for METIS.
    function swapTokenForNative(uint256 amountIn, uint256 minOut, address to) external returns (uint256 out) {
        if (amountIn == 0) revert ZeroInput();
        out = getAmountOut(amountIn, _reserve1, _reserve0);
        if (out < minOut) revert InsufficientOutput(out, minOut);
        SafeToken.safeTransferFrom(token1, msg.sender, address(this), amountIn);
        (bool ok, ) = payable(to).call{value: out}("");
        if (!ok) revert EthTransferFailed(to, out);
        _sync();
        emit Swap(msg.sender, 0, amountIn, out, 0, to);
    }

    function _sync() private {
        _reserve0 = uint112(address(this).balance);
        _reserve1 = uint112(IBalance(token1).balanceOf(address(this)));
        emit Sync(_reserve0, _reserve1);
    }

    receive() external payable {}
}

interface IBalance {
    function balanceOf(address account) external view returns (uint256);
}
