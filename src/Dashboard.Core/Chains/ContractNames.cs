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

    /// <summary>Any of our delegation pools (found among sequencer owners, not configured).</summary>
    public const string DelegationPool = "DelegationPool";
}
