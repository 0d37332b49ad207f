using Dashboard.Ethereum;

namespace Dashboard.Contracts.Deployment;

/// <summary>
/// A sequencer the devnet created: its id, owner (the operator's account, or its delegation pool), signer,
/// display name, the operator who runs it and, when delegated, its pool.
/// </summary>
public sealed record ManifestSequencer(long Id, Address Owner, Address Signer, string Name)
{
    public Address? Operator { get; init; }

    public Address? Pool { get; init; }
}
