using Dashboard.Core.Chains;
using Dashboard.Contracts.Deployment;
using Dashboard.Ethereum;

namespace Dashboard.Server.Configuration;

/// <summary>A chain as the indexer sees it once the profile and configuration are merged.</summary>
public sealed record IndexedChain
{
    public required ChainRole Role { get; init; }

    public required long ChainId { get; init; }

    public required Uri RpcUrl { get; init; }

    public required int Confirmations { get; init; }

    /// <summary>Where a person looks a transaction or address up on this chain (Etherscan, the Metis explorer); null on the devnet.</summary>
    public Uri? ExplorerUrl { get; init; }

    public required IReadOnlyDictionary<string, ContractDeployment> Contracts { get; init; }

    public required ChainOptions Options { get; init; }

    /// <summary>A gap longer than this between two blocks of one epoch is a stall (L2).</summary>
    public int StallSeconds { get; init; } = 180;

    public string Name => Role.ToString();

    /// <summary>
    /// Whether a stored block can no longer change. With confirmations, everything the indexer wrote is final; a chain
    /// indexed at its tip (the devnet) counts 64 blocks as deep enough.
    /// </summary>
    public bool IsFinal(long block, long indexedHead) => Confirmations > 0 || block <= indexedHead - 64;

    /// <summary>Where indexing starts: the first deployment block of the contracts indexed (read-only ones, such as the price source, left out).</summary>
    public long StartBlock => Contracts.Where(c => !ContractNames.IsReadOnly(c.Key)).Select(c => c.Value.StartBlock).DefaultIfEmpty(0).Min();

    /// <summary>
    /// Which contract emitted a log: the name its handlers are registered under. Live indexing and replays after a
    /// reorg both ask here, so they always agree. Delegation pools are found on chain, not configured.
    /// </summary>
    public string ContractNameOf(Address address, IReadOnlySet<Address> pools)
    {
        foreach (var (name, contract) in Contracts)
        {
            if (contract.Address == address)
            {
                return name;
            }
        }

        return pools.Contains(address) ? ContractNames.DelegationPool : ContractNames.Unnamed;
    }
}
