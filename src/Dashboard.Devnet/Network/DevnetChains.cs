namespace Dashboard.Devnet.Network;

/// <summary>
/// Chain ids of the local devnet: derived from anvil's 31337 and Metis' 1088, and registered to no real network,
/// so a wallet can never confuse them with Ethereum (1) or Metis Andromeda (1088).
/// </summary>
public static class DevnetChains
{
    public const long L1ChainId = 3_133_701;
    public const long L2ChainId = 3_131_088;
}
