using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Contracts.Bridge;

/// <summary>
/// The fee Metis' L1 standard bridge charges for a deposit to L2 (what withdrawRewards, unlock and unlockClaim must
/// send as msg.value): max(l2Gas, minL2Gas) × discount wei, both read from MVM_DiscountOracle, which the bridge finds
/// in Lib_AddressManager under "MVM_DiscountOracle" (MetisProtocol/mvm, L1StandardBridge._initiateERC20DepositByChainId).
/// The bridge keeps all of msg.value: send exactly the quote.
/// </summary>
public static class BridgeFee
{
    /// <summary>The name the bridge looks the oracle up by.</summary>
    public const string OracleName = "MVM_DiscountOracle";

    public static BigInteger Quote(uint l2Gas, BigInteger minL2Gas, BigInteger discount) => BigInteger.Max(l2Gas, minL2Gas) * discount;

    /// <summary>The quote read live: the oracle from the address manager, then its two views.</summary>
    public static async Task<BigInteger> ReadAsync(EthRpcClient rpc, Address addressManager, uint l2Gas, CancellationToken cancellationToken = default)
    {
        var oracle = Address.Parse(await rpc.ReadValueAsync<GetAddressFunction, string>(addressManager, new GetAddressFunction { Name = OracleName }, cancellationToken));
        var batch = new ViewBatch(rpc);
        var minL2Gas = batch.Value<GetMinL2GasFunction, BigInteger>(oracle);
        var discount = batch.Value<GetDiscountFunction, BigInteger>(oracle);
        await batch.SendAsync(cancellationToken);
        return Quote(l2Gas, minL2Gas.Value, discount.Value);
    }
}
