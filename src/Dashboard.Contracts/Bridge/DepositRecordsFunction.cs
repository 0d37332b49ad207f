using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Bridge;

/// <summary>Devnet L1Bridge only: how many deposits it recorded.</summary>
[Function("depositCount", "uint256")]
public sealed class DepositCountFunction : FunctionMessage;

/// <summary>Devnet L1Bridge only: one recorded deposit; answers <see cref="DepositRecordOutput"/>.</summary>
[Function("depositRecords", typeof(DepositRecordOutput))]
public sealed class DepositRecordsFunction : FunctionMessage
{
    [Parameter("uint256", "", 1)]
    public BigInteger Index { get; set; }
}

/// <summary>Devnet L1Bridge's DepositRecord struct.</summary>
[FunctionOutput]
public sealed class DepositRecordOutput : IFunctionOutputDTO
{
    [Parameter("uint256", "chainId", 1)]
    public BigInteger ChainId { get; set; }

    [Parameter("address", "l1Token", 2)]
    public string L1Token { get; set; } = "";

    [Parameter("address", "l2Token", 3)]
    public string L2Token { get; set; } = "";

    [Parameter("address", "from", 4)]
    public string From { get; set; } = "";

    [Parameter("address", "to", 5)]
    public string To { get; set; } = "";

    [Parameter("uint256", "amount", 6)]
    public BigInteger Amount { get; set; }

    [Parameter("uint32", "l2Gas", 7)]
    public uint L2Gas { get; set; }

    [Parameter("uint256", "fee", 8)]
    public BigInteger Fee { get; set; }

    [Parameter("uint256", "blockNumber", 9)]
    public BigInteger BlockNumber { get; set; }

    [Parameter("uint256", "timestamp", 10)]
    public BigInteger Timestamp { get; set; }
}
