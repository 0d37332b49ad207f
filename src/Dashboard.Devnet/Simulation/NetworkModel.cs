using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Ethereum;

namespace Dashboard.Devnet.Simulation;

/// <summary>
/// What the simulator knows about the network it runs: the schedule of epochs, the sequencers and their
/// operators, open unbondings, the clocks of both chains and which scripted milestones happened. Saved with a
/// generated history so live mode continues from it.
/// </summary>
public sealed class NetworkModel
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Timestamp of the last L2 block.</summary>
    public long Time { get; set; }

    public long L2Head { get; set; }

    /// <summary>Timestamp of the last L1 block we mined.</summary>
    public long L1Time { get; set; }

    public long HistoryStart { get; set; }

    public long HistoryEnd { get; set; }

    public List<SimSequencer> Sequencers { get; set; } = [];

    /// <summary>Every epoch by id (the list index is the id).</summary>
    public List<SimEpoch> Epochs { get; set; } = [];

    /// <summary>LockingPool's currentBatch (starts at 1).</summary>
    public long BatchId { get; set; } = 1;

    public long LastBatchedEpoch { get; set; } = -1;

    public SimOutage? PlannedOutage { get; set; }

    /// <summary>A block after which the chain halts for a while without a recommit (history only).</summary>
    public SimOutage? PlannedHiccup { get; set; }

    /// <summary>The MPC holds back the commit of the epoch after <see cref="SimHeldCommit.AfterEpoch"/> until that one has ended.</summary>
    public SimHeldCommit? HeldCommit { get; set; }

    /// <summary>Deposits recorded by the L1 bridge that the simulated messenger has finalized on L2, in order.</summary>
    public long RelayedDeposits { get; set; }

    /// <summary>The devnet AMM got its token, reserves and traders' approvals (in the first block the simulator built).</summary>
    public bool SwapPoolReady { get; set; }

    /// <summary>Epochs of <see cref="SimulationOptions.SandwichingSequencer"/> in which it sandwiches, and the last epoch drawn.</summary>
    public List<long> SandwichEpochs { get; set; } = [];

    public long SandwichesDrawnThrough { get; set; } = -1;

    /// <summary>Every trade the misbehaving sequencer sandwiched: its block and the victim.</summary>
    public List<SimSandwich> Sandwiches { get; set; } = [];

    /// <summary>The last epoch whose outage (or not) has been drawn.</summary>
    public long OutagesPlannedThrough { get; set; } = -1;

    public List<SimUnbond> Unbonds { get; set; } = [];

    public HashSet<string> Milestones { get; set; } = [];

    /// <summary>Batches the simulated MPC credited wrongly on purpose (<see cref="SimulationOptions.MiscreditProbability"/>), by id.</summary>
    public List<long> Miscredited { get; set; } = [];

    /// <summary>When the announced commission change of the first pool may be applied.</summary>
    public long? CommissionEffectiveAt { get; set; }

    public int NextSignerIndex { get; set; } = 1;

    public long LatestEpochId => Epochs.Count - 1;

    /// <summary>The epoch that produces <paramref name="block"/>: the newest one whose range holds it.</summary>
    public SimEpoch? EpochAt(long block)
    {
        for (var i = Epochs.Count - 1; i >= 0; i--)
        {
            if (Epochs[i].Start <= block && block <= Epochs[i].End)
            {
                return Epochs[i];
            }
        }

        return null;
    }

    public SimSequencer Sequencer(long id) => Sequencers.First(s => s.Id == id);

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static NetworkModel Load(string path) =>
        JsonSerializer.Deserialize<NetworkModel>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
}

public sealed class SimSequencer
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>LockingPool owner: the operator's account, or the delegation pool.</summary>
    public Address Owner { get; set; }

    public Address Operator { get; set; }

    public Address? Pool { get; set; }

    public int SignerIndex { get; set; }

    public Address Signer { get; set; }

    public SequencerStatus Status { get; set; } = SequencerStatus.Active;

    public long? UnlockClaimTime { get; set; }

    /// <summary>Unlocked on request (<see cref="NetworkSimulator.UnlockAsync"/>): the history does not claim its stake.</summary>
    public bool ClaimsByHand { get; set; }

    /// <summary>Reliability: how likely an outage in one of its epochs is, relative to the network's rate.</summary>
    public double OutageFactor { get; set; } = 1;
}

public sealed class SimEpoch
{
    public long Id { get; set; }

    public long Start { get; set; }

    public long End { get; set; }

    /// <summary>The end it was committed with (before any recommit cut it short).</summary>
    public long AssignedEnd { get; set; }

    public long SequencerId { get; set; }

    public Address Signer { get; set; }
}

public sealed record SimOutage(long Block, long SequencerId, long StallSeconds);

/// <summary>The commit of the epoch after <paramref name="AfterEpoch"/> comes <paramref name="WaitSeconds"/> after its last block.</summary>
public sealed record SimHeldCommit(long AfterEpoch, long WaitSeconds);

/// <summary>A trade sandwiched in <paramref name="Block"/>: <paramref name="Victim"/>'s, by <paramref name="Attacker"/>.</summary>
public sealed record SimSandwich(long Block, Address Victim, Address Attacker);

public sealed record SimUnbond(Address Delegator, Address Pool, long Nonce, long WithdrawableAt);
