// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./common/Owned.sol";

/// @title DiscountOracle
/// @notice Devnet stand-in for Metis' MVM_DiscountOracle, with the views the L1 bridge reads: the fee of a deposit to
///         L2 is max(l2Gas, getMinL2Gas()) × getDiscount() wei. minL2Gas starts at 200,000 as on Metis; the owner
///         (METIS_MANAGER there) changes either.
contract DiscountOracle is Owned {
    uint256 public discount;
    uint256 public minL2Gas;

    constructor(address initialOwner, uint256 _initialDiscount) Owned(initialOwner) {
        discount = _initialDiscount;
        minL2Gas = 200_000;
    }

    function getMinL2Gas() external view returns (uint256) {
        return minL2Gas;
    }

    function getDiscount() external view returns (uint256) {
        return discount;
    }

    function setDiscount(uint256 _discount) external onlyOwner {
        discount = _discount;
    }

    function setMinL2Gas(uint256 _minL2Gas) external onlyOwner {
        minL2Gas = _minL2Gas;
    }
}
