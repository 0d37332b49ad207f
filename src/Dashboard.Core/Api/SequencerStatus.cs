namespace Dashboard.Core.Api;

/// <summary>LockingPool's status enum, in its on-chain order.</summary>
public enum SequencerStatus
{
    Unavailable = 0,
    Inactive = 1,
    Active = 2,
    Unlocked = 3,
}
