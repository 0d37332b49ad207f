namespace Dashboard.Core.Chains;

/// <summary>Which of the two chains: L1 (Ethereum, where stake lives) or L2 (Metis, where blocks are produced).</summary>
public enum ChainRole
{
    L1,
    L2,
}
