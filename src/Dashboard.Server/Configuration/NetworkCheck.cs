using System.Text;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Transactions;

namespace Dashboard.Server.Configuration;

/// <summary>
/// Checks the configured network against the nodes before anything indexes: each chain's <c>eth_chainId</c> is the one
/// the profile expects and every configured contract has code. A mismatch stops the server at start with the setting
/// to fix; a node that cannot be reached now is only a warning (the indexers retry, and /api/health shows it).
/// </summary>
public sealed class NetworkCheck(ResolvedNetwork network, ChainClients clients, ILogger<NetworkCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = new StringBuilder();
        foreach (var chain in network.Chains)
        {
            var rpc = clients.For(chain.Role);
            try
            {
                var chainId = await rpc.ChainIdAsync(cancellationToken);
                if (chainId != chain.ChainId)
                {
                    problems.AppendLine(
                        $"Network:{chain.Role}:RpcUrl: the node at {Redacted(chain.RpcUrl)} serves chain {chainId}, but the {network.Name} profile indexes chain {chain.ChainId} on {chain.Role}. " +
                        $"Point Network__{chain.Role}__RpcUrl at a node of chain {chain.ChainId}, or choose the profile of chain {chainId} (Network__Profile).");
                    continue;
                }

                var head = await rpc.BlockNumberAsync(cancellationToken);
                foreach (var (name, contract) in chain.Contracts)
                {
                    var code = await rpc.GetCodeAsync(contract.Address, "latest", cancellationToken);
                    if (code.Length == 0)
                    {
                        problems.AppendLine(
                            $"Network:{chain.Role}:Contracts:{name}:Address: {contract.Address} has no code on chain {chain.ChainId} at block {head:N0}. " +
                            $"Check the address (Network__{chain.Role}__Contracts__{name}__Address), or that the node is synced past the contract's deployment.");
                    }
                }
            }
            catch (RpcException ex)
            {
                logger.LogWarning("The {Chain} node at {Url} could not be checked at start ({Error}); the indexer will retry it.", chain.Role, Redacted(chain.RpcUrl), ex.Message);
            }
        }

        if (problems.Length > 0)
        {
            throw new ConfigurationException(problems.ToString().TrimEnd());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An RPC URL without its path and query, which often carry an API key.</summary>
    private static string Redacted(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
