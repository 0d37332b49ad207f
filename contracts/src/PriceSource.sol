// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./common/Owned.sol";

/// @title WrappedEther
/// @notice Devnet stand-in for WETH9 on L1 (deposit ETH, get the same amount of WETH back), the other side of the
///         METIS/WETH pool the dashboard reads the METIS price from.
contract WrappedEther {
    string public constant name = "Wrapped Ether";
    string public constant symbol = "WETH";
    uint8 public constant decimals = 18;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function totalSupply() external view returns (uint256) {
        return address(this).balance;
    }

    function deposit() external payable {
        balanceOf[msg.sender] += msg.value;
        emit Transfer(address(0), msg.sender, msg.value);
    }

    function withdraw(uint256 amount) external {
        balanceOf[msg.sender] -= amount;
        emit Transfer(msg.sender, address(0), amount);
        payable(msg.sender).transfer(amount);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        return transferFrom(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) public returns (bool) {
        if (from != msg.sender && allowance[from][msg.sender] != type(uint256).max) {
            allowance[from][msg.sender] -= amount;
        }
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        return true;
    }
}

/// @title PricePool
/// @notice Devnet stand-in for a Uniswap V3 pool, with the views a price reader uses: token0/token1 (sorted by
///         address), fee, liquidity() and slot0()'s sqrtPriceX96 (token1 per token0, Q64.96). The owner sets the
///         price; there is no trading. slot0's tick and oracle fields are placeholders.
contract PricePool is Owned {
    address public immutable token0;
    address public immutable token1;
    uint24 public immutable fee;
    uint160 public sqrtPriceX96;
    uint128 public liquidity;

    event PriceSet(uint160 sqrtPriceX96, uint128 liquidity);

    constructor(address initialOwner, address tokenA, address tokenB, uint24 fee_, uint160 sqrtPriceX96_, uint128 liquidity_) Owned(initialOwner) {
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        fee = fee_;
        sqrtPriceX96 = sqrtPriceX96_;
        liquidity = liquidity_;
    }

    function slot0() external view returns (uint160, int24, uint16, uint16, uint16, uint8, bool) {
        return (sqrtPriceX96, 0, 0, 1, 1, 0, true);
    }

    function setPrice(uint160 sqrtPriceX96_, uint128 liquidity_) external onlyOwner {
        sqrtPriceX96 = sqrtPriceX96_;
        liquidity = liquidity_;
        emit PriceSet(sqrtPriceX96_, liquidity_);
    }
}

/// @title PriceFactory
/// @notice Devnet stand-in for Uniswap V3's factory: getPool(tokenA, tokenB, fee) in either token order, for the
///         pools the owner registers.
contract PriceFactory is Owned {
    mapping(address => mapping(address => mapping(uint24 => address))) public getPool;

    constructor(address initialOwner) Owned(initialOwner) {}

    function register(PricePool pool) external onlyOwner {
        getPool[pool.token0()][pool.token1()][pool.fee()] = address(pool);
        getPool[pool.token1()][pool.token0()][pool.fee()] = address(pool);
    }
}
