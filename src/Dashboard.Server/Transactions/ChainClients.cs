using Dashboard.Core.Chains;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;

namespace Dashboard.Server.Transactions;

/// <summary>
/// JSON-RPC clients for answering users (reads for their wallet, checks of their transactions): short timeouts and
/// one retry, since a person is waiting. The indexers keep their own, more patient clients.
/// </summary>
public sealed class ChainClients(IHttpClientFactory httpClients, ResolvedNetwork network)
{
    private static readonly RpcClientOptions Options = new() { AttemptTimeout = TimeSpan.FromSeconds(8), MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(200) };

    public EthRpcClient For(ChainRole role, RpcClientOptions? options = null) => new(httpClients.CreateClient("rpc"), network.Chain(role).RpcUrl, options ?? Options);
}
