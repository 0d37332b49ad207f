// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./common/Owned.sol";
import {SafeToken} from "./common/SafeToken.sol";
import {IL1ERC20Bridge} from "./interfaces/IL1ERC20Bridge.sol";

/// @title L1Bridge
/// @notice Devnet stand-in for the Metis L1StandardBridge. It implements only the deposit path
///         that LockingInfo uses to pay rewards (`depositERC20ToByChainId`), with the real
///         function signature and the real events (`ERC20ChainID`, `ERC20DepositInitiated`).
///         Nothing is relayed to an L2: the tokens stay in this contract and every deposit is
///         recorded (`depositRecords`, `l2Balances`) so tests can see what was "bridged to L2".
/// @dev    Fee model follows the real bridge: required fee = max(l2Gas, minL2Gas) * feePerL2Gas
///         (on mainnet the "discount" comes from MVM_DiscountOracle). Both default to 0, so the
///         devnet needs no fee unless the owner configures one.
contract L1Bridge is IL1ERC20Bridge, Owned {
    /// @notice msg.value is below the bridge fee for this l2Gas (see requiredFee).
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
    /// @notice Devnet-only: emitted when the owner changes the fee parameters.
    event FeeParamsChanged(uint256 minL2Gas, uint256 feePerL2Gas);
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

    uint256 public minL2Gas;
    uint256 public feePerL2Gas;

    /// @notice Same shape as the real bridge: l1Token => chainId => l2Token => total deposited.
    mapping(address => mapping(uint256 => mapping(address => uint256))) public deposits;
    /// @notice Devnet-only: what each L2 recipient would have received (all tokens summed).
    mapping(address => uint256) public l2Balances;
    DepositRecord[] public depositRecords;

    constructor(address initialOwner) Owned(initialOwner) {}

    function depositCount() external view returns (uint256) {
        return depositRecords.length;
    }

    /// @notice The fee (in wei, msg.value) a deposit with this l2Gas must carry.
    function requiredFee(uint32 l2Gas) public view returns (uint256) {
        uint256 gas = l2Gas < minL2Gas ? minL2Gas : l2Gas;
        return gas * feePerL2Gas;
    }

    function setFeeParams(uint256 _minL2Gas, uint256 _feePerL2Gas) external onlyOwner {
        minL2Gas = _minL2Gas;
        feePerL2Gas = _feePerL2Gas;
        emit FeeParamsChanged(_minL2Gas, _feePerL2Gas);
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
        uint256 fee = requiredFee(_l2Gas);
        if (msg.value < fee) revert InsufficientBridgeFee(msg.value, fee);

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
