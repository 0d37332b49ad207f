using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Whether an account may lock (LockingPool's whitelist).</summary>
[Function("whitelist", "bool")]
public sealed class WhitelistFunction : FunctionMessage
{
    [Parameter("address", "user", 1)]
    public string User { get; set; } = "";
}
