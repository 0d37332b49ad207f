namespace Dashboard.Core.Chains;

/// <summary>The names contracts go by in manifests, configuration and the raw-event tables.</summary>
public static class ContractNames
{
    public const string MetisToken = "MetisToken";
    public const string LockingInfo = "LockingInfo";
    public const string LockingPool = "LockingPool";
    public const string L1Bridge = "L1Bridge";
    public const string MetisSequencerSet = "MetisSequencerSet";
    public const string SequencerFeeVault = "SequencerFeeVault";

    /// <summary>Metis' L2 standard bridge (predeploy 0x4200…0010): where reward payouts bridged from L1 arrive. Optional.</summary>
    public const string L2StandardBridge = "L2StandardBridge";

    /// <summary>Metis' Lib_AddressManager on L1: where the bridge finds MVM_DiscountOracle, which sets the bridge fee.</summary>
    public const string AddressManager = "AddressManager";

    /// <summary>Uniswap V3's factory on L1: its METIS/WETH pools price the bridge fee (ETH) against rewards (METIS). Optional.</summary>
    public const string UniswapV3Factory = "UniswapV3Factory";

    /// <summary>Wrapped ether on L1, the other token of the METIS/WETH pools. Optional, with <see cref="UniswapV3Factory"/>.</summary>
    public const string Weth = "Weth";

    /// <summary>Contracts only read, never indexed: their start block does not matter and does not move where indexing starts.</summary>
    public static bool IsReadOnly(string name) => name is UniswapV3Factory or Weth;

    /// <summary>A contract the configuration does not name (e.g. any DEX pool whose swaps the indexer asks for by topic).</summary>
    public const string Unnamed = "unknown";

    /// <summary>Any of our delegation pools (found among sequencer owners, not configured).</summary>
    public const string DelegationPool = "DelegationPool";

    /// <summary>The contracts a network's configuration may name on each chain.</summary>
    public static IReadOnlyList<string> Configurable(ChainRole role) => role == ChainRole.L1
        ? [LockingInfo, LockingPool, MetisToken, L1Bridge, AddressManager, UniswapV3Factory, Weth]
        : [MetisSequencerSet, SequencerFeeVault, L2StandardBridge];
}
