// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "../interfaces/IERC20.sol";

/// @notice ERC20 calls that also accept tokens which return nothing (like SafeERC20),
///         and turn every failure into one decodable custom error.
library SafeToken {
    /// @notice An ERC20 transfer/transferFrom/approve call failed (reverted or returned false).
    error TokenCallFailed(address token, address from, address to, uint256 amount);

    function safeTransfer(address token, address to, uint256 amount) internal {
        _call(token, abi.encodeCall(IERC20.transfer, (to, amount)), address(this), to, amount);
    }

    function safeTransferFrom(address token, address from, address to, uint256 amount) internal {
        _call(token, abi.encodeCall(IERC20.transferFrom, (from, to, amount)), from, to, amount);
    }

    function safeApprove(address token, address spender, uint256 amount) internal {
        _call(token, abi.encodeCall(IERC20.approve, (spender, amount)), address(this), spender, amount);
    }

    function _call(address token, bytes memory data, address from, address to, uint256 amount) private {
        (bool ok, bytes memory ret) = token.call(data);
        if (!ok || token.code.length == 0 || (ret.length != 0 && !abi.decode(ret, (bool)))) {
            revert TokenCallFailed(token, from, to, amount);
        }
    }
}
