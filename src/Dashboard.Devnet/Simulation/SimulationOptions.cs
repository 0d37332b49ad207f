using System.Numerics;
using Dashboard.Core.Formatting;

namespace Dashboard.Devnet.Simulation;

/// <summary>
/// The shape of the simulated network. The chain is scaled down (anvil slows as its chain grows): an L2 block
/// stands for <see cref="BlockInterval"/> of network life, epochs are short, and the reward per block is scaled
/// so the yield is realistic (~10–15 % a year) at that block rate.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Same seed, same network: every random choice comes from it.</summary>
    public int Seed { get; init; } = 1088;

    /// <summary>Sequencers registered at genesis; the last <see cref="DelegationPools"/> of them run through a pool.</summary>
    public int Sequencers { get; init; } = 7;

    public int DelegationPools { get; init; } = 2;

    public int Delegators { get; init; } = 8;

    /// <summary>L2 users whose transactions pay fees into the vault.</summary>
    public int Users { get; init; } = 8;

    /// <summary>How much network life the history covers (ending when it is generated).</summary>
    public TimeSpan HistorySpan { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Simulated time between two L2 blocks in the history.</summary>
    public TimeSpan BlockInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Real time between two L2 blocks in live mode.</summary>
    public TimeSpan LiveBlockInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>L2 blocks per epoch (mainnet: 1000).</summary>
    public long EpochLength { get; init; } = 36;

    /// <summary>Blocks a recommitted epoch is extended by (mainnet: 100 on 1000).</summary>
    public long RecommitExtension { get; init; } = 4;

    /// <summary>Chance that an epoch's sequencer stops producing part-way (the MPC then recommits).</summary>
    public double OutageProbability { get; init; } = 0.06;

    /// <summary>
    /// Chance that a queued epoch's sequencer never produces its first block: the MPC then recommits (previous, queued)
    /// in that block, leaving the ended previous epoch as it was (Metis' consensus layer, first-block case).
    /// </summary>
    public double FirstBlockFailureProbability { get; init; } = 0.02;

    /// <summary>
    /// Chance that an epoch's sequencer hiccups: the chain halts for 3–4 block intervals and then the same sequencer
    /// carries on, before the MPC would step in (a gap inside its epoch, not a recommit). History only.
    /// </summary>
    public double HiccupProbability { get; init; } = 0.03;

    /// <summary>
    /// Chance that the MPC commits the next epoch late: not once a tenth of the running one is produced, as usual, but
    /// only after its last block, so the chain waits for the commit (2–5 block intervals of history, 6–11 s live) and the
    /// commit lands in the new epoch's first block. Drawn from a random source of its own: turning it on leaves every
    /// other choice of a seeded history as it was.
    /// </summary>
    public double LateCommitProbability { get; init; }

    /// <summary>
    /// Average user swaps per L2 block on the devnet's AMM (SwapPool: METIS against the users' app token). Drawn, with
    /// the sandwiches, from a random source of their own.
    /// </summary>
    public double SwapsPerBlock { get; init; } = 0.3;

    /// <summary>
    /// The sequencer (by id) that extracts MEV: in a share of its epochs (<see cref="SandwichEpochShare"/>) its operator
    /// sandwiches every user swap — buys right before it and sells right after, its own transaction first in the block.
    /// Each is recorded in <see cref="NetworkModel.Sandwiches"/>. Null: every sequencer is honest.
    /// </summary>
    public long? SandwichingSequencer { get; init; }

    public double SandwichEpochShare { get; init; } = 0.5;

    /// <summary>Finalized epochs per reward batch on L1.</summary>
    public int EpochsPerRewardBatch { get; init; } = 4;

    /// <summary>
    /// How often the MPC gets a batch wrong (tests of the reward reconciliation): a sequencer credited a few blocks
    /// fewer or more than it produced, or another's blocks. Each such batch is recorded in <see cref="NetworkModel.Miscredited"/>.
    /// </summary>
    public double MiscreditProbability { get; init; }

    /// <summary>Average user transactions per L2 block.</summary>
    public double TransactionsPerBlock { get; init; } = 1.6;

    /// <summary>Reward per L2 block set at genesis; null keeps the contract's mainnet default (761,000 gwei).</summary>
    public BigInteger? RewardPerBlock { get; init; } = MetisAmount.FromMetis(0.8m);

    /// <summary>Bridge fee per unit of L2 gas (the bridge charges minL2Gas × this); null leaves the bridge free.</summary>
    public BigInteger? BridgeFeePerL2Gas { get; init; } = 1_000_000_000;

    /// <summary>The governance raise of the reward per block, part-way through the history (as happened on mainnet).</summary>
    public BigInteger RaisedRewardPerBlock { get; init; } = MetisAmount.FromMetis(1.0m);

    /// <summary>LockingPool's exit delay; null keeps the contract's 21 days (tests shorten it to see a whole exit).</summary>
    public TimeSpan? ExitDelay { get; init; }

    /// <summary>Multiplies how often operators and delegators act (short test histories need more going on).</summary>
    public double Activity { get; init; } = 1;

    /// <summary>
    /// A gap between two blocks of one epoch this long counts as a stall: 2.5 block intervals of history
    /// (mainnet: ~3 minutes). Written to the manifest for the indexer.
    /// </summary>
    public int StallSeconds => (int)(BlockInterval.TotalSeconds * 2.5);

    /// <summary>Blocks per simulated day, the unit of the actors' habits.</summary>
    public double BlocksPerDay => TimeSpan.FromDays(1) / BlockInterval;
}
