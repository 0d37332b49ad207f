using Dashboard.Ethereum;

namespace Dashboard.Core.Deployment;

/// <summary>A sequencer the devnet created: its id, owner, signer and (when delegated) its pool.</summary>
public sealed record ManifestSequencer(long Id, Address Owner, Address Signer, string Name)
{
    public Address? Pool { get; init; }
}
