namespace Dashboard.Server.Configuration;

/// <summary>
/// Which network the server indexes. <c>devnet</c> (default) reads the devnet's deployment manifest;
/// <c>mainnet</c> uses the built-in Ethereum + Metis Andromeda addresses and start blocks and needs only RPC URLs.
/// Bound from the "Network" configuration section.
/// </summary>
public sealed class NetworkOptions
{
    public string Profile { get; set; } = "devnet";

    /// <summary>The devnet manifest (devnet profile only).</summary>
    public string? ManifestPath { get; set; }

    public ChainOptions L1 { get; set; } = new();

    public ChainOptions L2 { get; set; } = new();
}
