// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./common/Owned.sol";

/// @title AddressManager
/// @notice Devnet stand-in for Metis' Lib_AddressManager (mainnet 0x918778e825747a892b17C66fe7D24C618262867d), with its
///         interface: a registry of named addresses (`getAddress("MVM_DiscountOracle")` is where the L1 bridge finds
///         the oracle that prices its fee), set by the owner, and its `AddressSet` event.
contract AddressManager is Owned {
    event AddressSet(string indexed _name, address _newAddress, address _oldAddress);

    mapping(bytes32 => address) private addresses;

    constructor(address initialOwner) Owned(initialOwner) {}

    function setAddress(string memory _name, address _address) external onlyOwner {
        bytes32 nameHash = keccak256(abi.encodePacked(_name));
        address oldAddress = addresses[nameHash];
        addresses[nameHash] = _address;
        emit AddressSet(_name, _address, oldAddress);
    }

    function getAddress(string memory _name) external view returns (address) {
        return addresses[keccak256(abi.encodePacked(_name))];
    }
}
