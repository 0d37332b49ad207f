// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./common/Owned.sol";
import {SafeToken} from "./common/SafeToken.sol";
import {IL1ERC20Bridge} from "./interfaces/IL1ERC20Bridge.sol";

/// @notice The two Metis contracts the bridge reads its fee from: Lib_AddressManager and MVM_DiscountOracle.
interface IAddressManager {
    function getAddress(string memory _name) external view returns (address);
}

interface IDiscountOracle {
    function getMinL2Gas() external view returns (uint256);
    function getDiscount() external view returns (uint256);
}

/// @title L1Bridge
/// @notice Devnet stand-in for the Metis L1StandardBridge. It implements only the deposit path
///         that LockingInfo uses to pay rewards (`depositERC20ToByChainId`), with the real
///         function signature and the real events (`ERC20ChainID`, `ERC20DepositInitiated`).
///         Nothing is relayed to an L2: the tokens stay in this contract and every deposit is
///         recorded (`depositRecords`, `l2Balances`) so tests can see what was "bridged to L2".
/// @dev    Fee as the real bridge charges it: the oracle is looked up by name in the address manager
///         (`getAddress("MVM_DiscountOracle")`) at every deposit, and msg.value must be at least
///         max(l2Gas, oracle.getMinL2Gas()) * oracle.getDiscount(). All of msg.value is kept: an
///         overpayment is not refunded.
contract L1Bridge is IL1ERC20Bridge, Owned {
    /// @notice msg.value is below the bridge fee: max(l2Gas, the oracle's minL2Gas) × its discount.
    error InsufficientBridgeFee(uint256 sent, uint256 required);
    /// @notice Sending native coin (ETH on L1, METIS on L2) to the recipient failed.
    error EthTransferFailed(address to, uint256 amount);

    event ERC20ChainID(uint256 _chainid);
    event ERC20DepositInitiated(
        address indexed _l1Token,
        address indexed _l2Token,
        address indexed _from,
        address _to,
        uint256 _amount,
        bytes _data
    );
    /// @notice Devnet-only: one per deposit, with everything a test needs in one log.
    event DepositRecorded(
        uint256 indexed index,
        address indexed from,
        address indexed to,
        uint256 chainId,
        uint256 amount,
        uint32 l2Gas,
        uint256 fee
    );

    struct DepositRecord {
        uint256 chainId;
        address l1Token;
        address l2Token;
        address from;
        address to;
        uint256 amount;
        uint32 l2Gas;
        uint256 fee;
        uint256 blockNumber;
        uint256 timestamp;
    }

    /// @notice Metis' Lib_AddressManager, where the fee oracle is found (as the real bridge's `addressmgr`).
    address public addressmgr;

    /// @notice Same shape as the real bridge: l1Token => chainId => l2Token => total deposited.
    mapping(address => mapping(uint256 => mapping(address => uint256))) public deposits;
    /// @notice Devnet-only: what each L2 recipient would have received (all tokens summed).
    mapping(address => uint256) public l2Balances;
    DepositRecord[] public depositRecords;

    constructor(address initialOwner, address _addressmgr) Owned(initialOwner) {
        if (_addressmgr == address(0)) revert ZeroAddress();
        addressmgr = _addressmgr;
    }

    function depositCount() external view returns (uint256) {
        return depositRecords.length;
    }

    function withdrawFees(address payable to) external onlyOwner {
        uint256 amount = address(this).balance;
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert EthTransferFailed(to, amount);
    }

    function depositERC20ToByChainId(
        uint256 _chainid,
        address _l1Token,
        address _l2Token,
        address _to,
        uint256 _amount,
        uint32 _l2Gas,
        bytes calldata _data
    ) external payable override {
        IDiscountOracle oracle = IDiscountOracle(IAddressManager(addressmgr).getAddress("MVM_DiscountOracle"));
        uint256 gas = _l2Gas < oracle.getMinL2Gas() ? oracle.getMinL2Gas() : _l2Gas;
        uint256 fee = gas * oracle.getDiscount();
        if (fee > msg.value) revert InsufficientBridgeFee(msg.value, fee);

        SafeToken.safeTransferFrom(_l1Token, msg.sender, address(this), _amount);

        deposits[_l1Token][_chainid][_l2Token] += _amount;
        l2Balances[_to] += _amount;
        uint256 index = depositRecords.length;
        depositRecords.push(
            DepositRecord({
                chainId: _chainid,
                l1Token: _l1Token,
                l2Token: _l2Token,
                from: msg.sender,
                to: _to,
                amount: _amount,
                l2Gas: _l2Gas,
                fee: msg.value,
                blockNumber: block.number,
                timestamp: block.timestamp
            })
        );

        emit ERC20ChainID(_chainid);
        emit ERC20DepositInitiated(_l1Token, _l2Token, msg.sender, _to, _amount, _data);
        emit DepositRecorded(index, msg.sender, _to, _chainid, _amount, _l2Gas, msg.value);
    }
}
