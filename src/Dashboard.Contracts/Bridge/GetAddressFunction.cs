using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Bridge;

/// <summary>Lib_AddressManager.getAddress(name): a registered address (zero when none).</summary>
[Function("getAddress", "address")]
public sealed class GetAddressFunction : FunctionMessage
{
    [Parameter("string", "_name", 1)]
    public string Name { get; set; } = "";
}
