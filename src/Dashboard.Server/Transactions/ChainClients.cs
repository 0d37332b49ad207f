using Dashboard.Core.Chains;
using Dashboard.Ethereum;
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

    /// <summary>A hash that may not be ours is looked up once, briefly: the page asking answers either way.</summary>
    private static readonly RpcClientOptions Glance = new() { MaxRetries = 0, AttemptTimeout = TimeSpan.FromSeconds(5) };

    public EthRpcClient For(ChainRole role, RpcClientOptions? options = null) => new(httpClients.CreateClient("rpc"), network.Chain(role).RpcUrl, options ?? Options);

    /// <summary>
    /// A transaction as one chain's node knows it (with its receipt once mined, when asked for), in one brief attempt;
    /// nothing when the node does not know it or cannot answer (the search and the transaction page still answer).
    /// </summary>
    public async Task<(Transaction? Transaction, TransactionReceipt? Receipt)> GlanceAsync(ChainRole role, Hash32 hash, bool receipt, CancellationToken cancellationToken)
    {
        try
        {
            var rpc = For(role, Glance);
            var transaction = await rpc.GetTransactionAsync(hash, cancellationToken);
            return (transaction, receipt && transaction?.BlockNumber is not null ? await rpc.GetReceiptAsync(hash, cancellationToken) : null);
        }
        catch (RpcException)
        {
            return (null, null);
        }
    }
}
