using Dashboard.Contracts.Dex;
using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Contracts.Deployment;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Contracts;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Contracts.Bridge;
using Dashboard.Contracts.Delegation;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.SequencerSet;
using Dashboard.Contracts.Token;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Nethereum.Contracts;

namespace Dashboard.Devnet.Simulation;

/// <summary>
/// A seeded, reproducible Metis-like network on the two devnet chains. The MPC commits epochs on L2 (signer
/// drawn at random, weighted by locked stake) and recommits when a sequencer stalls; L2 blocks carry user
/// transactions whose fees go to the vault (the coinbase, as on Metis); reward batches for finalized epochs go
/// to L1; operators relock, withdraw, claim, rotate keys, one leaves and one joins; delegators use the pools.
/// The same step runs the history (simulated timestamps) and live mode (real time).
/// </summary>
public sealed class NetworkSimulator
{
    /// <summary>Bumped whenever the simulation changes, so cached histories of an older simulator are not reused.</summary>
    public const int Version = 5;

    private const long MpcGas = 400_000;
    private const uint BridgeL2Gas = 200_000;

    private static readonly string[] Names =
    [
        "Andromeda Labs", "Blocksmith", "Cobalt Nodes", "Driftwood", "Eclipse Staking", "Fathom", "Granite Ops",
        "Helix Validators", "Ironclad", "Juniper Works", "Kestrel", "Lumen",
    ];

    private readonly ChainWriter _l1;
    private readonly ChainWriter _l2;
    private readonly DeploymentManifest _manifest;
    private readonly DevnetAccounts _accounts;
    private readonly SimulationOptions _options;
    private readonly Action<string> _say;
    private readonly Random _rng;
    private readonly Random _lateCommits;
    private readonly Address? _l1Bridge;
    private Address? _l2Bridge;
    private bool _messengerImpersonated;
    private Address? _swapPool;
    private readonly Random _market;
    private readonly Address _lockingPool;

    /// <summary>Habits are per day: 1 at the history's block interval, live blocks each stand for a smaller share of a day.</summary>
    private double _activityScale = 1;
    private readonly Address _lockingInfo;
    private readonly Address _token;
    private readonly Address _addressManager;
    private Address _sequencerSet;
    private Address _appToken;
    private long _historyEnd = long.MaxValue;

    private NetworkSimulator(ChainWriter l1, ChainWriter l2, DeploymentManifest manifest, DevnetAccounts accounts, SimulationOptions options,
        NetworkModel model, Action<string> say)
    {
        _l1 = l1;
        _l2 = l2;
        _manifest = manifest;
        _accounts = accounts;
        _options = options;
        Model = model;
        _say = say;
        // A restart continues with a different but still seed-determined stream.
        _rng = new Random(unchecked(options.Seed * 31 + (int)model.L2Head));
        _lateCommits = new Random(unchecked((options.Seed * 7_919) + 1_000_003 + (int)model.L2Head));
        _lockingPool = manifest.L1.Contract(ContractNames.LockingPool).Address;
        _lockingInfo = manifest.L1.Contract(ContractNames.LockingInfo).Address;
        _token = manifest.L1.Contract(ContractNames.MetisToken).Address;
        _addressManager = manifest.L1.Contract(ContractNames.AddressManager).Address;
        _sequencerSet = manifest.L2.Contracts.TryGetValue(ContractNames.MetisSequencerSet, out var set) ? set.Address : Address.Zero;
        _appToken = manifest.Accounts.TryGetValue("l2AppToken", out var app) ? app : Address.Zero;
        _swapPool = manifest.Accounts.TryGetValue("l2SwapPool", out var pool) ? pool : null;
        _market = new Random(unchecked((options.Seed * 104_729) + 7 + (int)model.L2Head));
        _l1Bridge = manifest.L1.Contracts.TryGetValue(ContractNames.L1Bridge, out var l1Bridge) ? l1Bridge.Address : null;
        _l2Bridge = manifest.L2.Contracts.TryGetValue(ContractNames.L2StandardBridge, out var l2Bridge) ? l2Bridge.Address : null;
    }

    public NetworkModel Model { get; }

    /// <summary>
    /// The network's first day: registers the sequencers (plain operators and delegation pools), deploys the
    /// L2 contracts with epoch 0 given to a stake-weighted signer, and sets up the L2 users.
    /// </summary>
    public static async Task<NetworkSimulator> StartNetworkAsync(ChainWriter l1, ChainWriter l2, DeploymentManifest manifest, DevnetAccounts accounts,
        SimulationOptions options, Action<string> say, CancellationToken cancellationToken)
    {
        var model = new NetworkModel();
        var simulator = new NetworkSimulator(l1, l2, manifest, accounts, options, model, say);
        var admin = accounts.Admin;
        if (options.ExitDelay is { } exitDelay)
        {
            await l1.SendAsync(admin, simulator._lockingPool, new UpdateWithdrawDelayTimeValueFunction { Seconds = (long)exitDelay.TotalSeconds }, cancellationToken: cancellationToken);
        }

        for (var i = 0; i < options.Sequencers; i++)
        {
            var signerIndex = model.NextSignerIndex++;
            var signer = DevnetKey.Signer(signerIndex);
            var operatorAccount = accounts.Operators[i];
            var stake = LocalDevnet.InitialStake(i);
            var pooled = i >= options.Sequencers - options.DelegationPools;
            long id;
            Address owner;
            Address? pool = null;
            if (pooled)
            {
                (id, var created) = await DevnetDeployer.CreatePoolSequencerAsync(l1, manifest, admin, operatorAccount, signer, stake, new DelegationPoolTerms(), cancellationToken);
                pool = created;
                owner = created;
            }
            else
            {
                id = await DevnetDeployer.LockSequencerAsync(l1, manifest, admin, operatorAccount, signer, stake, cancellationToken: cancellationToken);
                owner = operatorAccount;
            }

            model.Sequencers.Add(new SimSequencer
            {
                Id = id, Name = Names[(int)((id - 1) % Names.Length)], Owner = owner, Operator = operatorAccount, Pool = pool,
                SignerIndex = signerIndex, Signer = signer.Address,
                // One flaky operator and one rock-solid one, so the incident counts tell them apart.
                OutageFactor = i == 1 ? 3.0 : i == 0 ? 0.25 : 1.0,
            });
        }

        // Users' own app on L2 (an ERC-20), so blocks carry contract calls and not only transfers.
        var appToken = await l2.DeployAsync(admin, ContractArtifact.Load("MetisToken"), "address", [admin], cancellationToken);
        foreach (var user in accounts.Users)
        {
            await l2.SendAsync(admin, appToken, new MintFunction { To = user.ToString(), Amount = MetisAmount.FromMetis(1_000_000m) }, cancellationToken: cancellationToken);
        }

        var first = simulator.PickSequencer(await simulator.ReadLockedAsync(cancellationToken), exclude: null);
        await new DevnetDeployer(l1, l2, accounts, say).DeployL2Async(manifest, first.Signer, options.EpochLength, cancellationToken);
        var setAddress = manifest.L2.Contract(ContractNames.MetisSequencerSet).Address;
        simulator._sequencerSet = setAddress;
        simulator._l2Bridge = manifest.L2.Contracts.TryGetValue(ContractNames.L2StandardBridge, out var bridge) ? bridge.Address : null;
        var epoch0 = await l2.Rpc.ReadAsync<EpochsFunction, EpochOutput>(setAddress, new EpochsFunction { EpochId = 0 }, cancellationToken);
        model.Epochs.Add(new SimEpoch
        {
            Id = 0, Start = (long)epoch0.StartBlock, End = (long)epoch0.EndBlock, AssignedEnd = (long)epoch0.EndBlock,
            SequencerId = first.Id, Signer = first.Signer,
        });

        manifest.Accounts["l2AppToken"] = appToken;
        simulator._appToken = appToken;

        // The AMM's code and its METIS reserve; its token reserve and the traders' approvals come in the first block built.
        await l2.Rpc.SetCodeAsync(DevnetDeployer.SwapPoolAddress, ContractArtifact.Load("SwapPool").DeployedBytecode, cancellationToken);
        await l2.Rpc.SetBalanceAsync(DevnetDeployer.SwapPoolAddress, MetisAmount.FromMetis(100_000m), cancellationToken);
        manifest.Accounts["l2SwapPool"] = DevnetDeployer.SwapPoolAddress;
        simulator._swapPool = DevnetDeployer.SwapPoolAddress;
        await l2.Rpc.SetCoinbaseAsync(DevnetDeployer.FeeVaultAddress, cancellationToken);

        model.L2Head = await l2.Rpc.BlockNumberAsync(cancellationToken);
        model.Time = (await l2.Rpc.GetBlockAsync("latest", cancellationToken))!.Timestamp;
        model.L1Time = (await l1.Rpc.GetBlockAsync("latest", cancellationToken))!.Timestamp;
        simulator.WriteSequencersToManifest();
        say($"{options.Sequencers} sequencers registered ({options.DelegationPools} through delegation pools); epoch 0 goes to {first.Name}");
        return simulator;
    }

    /// <summary>Continues a network saved with <see cref="NetworkModel.Save"/> (after its chains were reloaded).</summary>
    public static async Task<NetworkSimulator> ResumeAsync(ChainWriter l1, ChainWriter l2, DeploymentManifest manifest, DevnetAccounts accounts,
        SimulationOptions options, NetworkModel model, Action<string> say, CancellationToken cancellationToken)
    {
        // Node settings are not part of a saved state.
        await l2.Rpc.SetCoinbaseAsync(DevnetDeployer.FeeVaultAddress, cancellationToken);
        // A reloaded anvil refuses blocks older than the moment it was loaded; its clock goes back to where the saved
        // network stopped, so the time since can be simulated block by block.
        await l1.Rpc.SetTimeAsync(model.L1Time + 1, cancellationToken);
        await l2.Rpc.SetTimeAsync(model.Time + 1, cancellationToken);
        return new NetworkSimulator(l1, l2, manifest, accounts, options, model, say);
    }

    /// <summary>Produces blocks at the history cadence, with simulated timestamps, until <paramref name="endTime"/>.</summary>
    public async Task RunHistoryAsync(long endTime, CancellationToken cancellationToken)
    {
        var interval = (long)_options.BlockInterval.TotalSeconds;
        var total = Math.Max(1, (endTime - Model.Time) / interval);
        // Blocks are built by hand (several transactions, a chosen timestamp); automine comes back at the end.
        await _l2.Rpc.SetAutomineAsync(false, cancellationToken);
        await CatchUpWithChainAsync(cancellationToken);

        var done = 0L;
        var nextReport = 0.1;
        while (Model.Time + interval <= endTime)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jitter = _rng.NextInt64(-interval / 10, interval / 10 + 1);
            _historyEnd = endTime;
            await StepAsync(Math.Min(Model.Time + interval + jitter, endTime), live: false, cancellationToken);
            done++;
            if (done >= total * nextReport)
            {
                _say($"  history {nextReport:P0}: L2 block {Model.L2Head:N0}, {DateTimeOffset.FromUnixTimeSeconds(Model.Time):yyyy-MM-dd}");
                nextReport += 0.1;
            }
        }

        await HandBackToAnvilAsync(endTime, cancellationToken);
    }

    /// <summary>
    /// One block now, made as the history makes them (the epoch's signer, users' transactions, commits when due), at
    /// the wall clock or a second after the last block if that is later: for tests that need the chain to move on
    /// while they watch, without moving its clock ahead as <see cref="RunHistoryAsync"/>'s block interval would.
    /// </summary>
    public async Task ProduceBlockNowAsync(CancellationToken cancellationToken)
    {
        await _l2.Rpc.SetAutomineAsync(false, cancellationToken);
        await CatchUpWithChainAsync(cancellationToken);
        var now = Math.Max(Model.Time + 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        _historyEnd = now;
        await StepAsync(now, live: false, cancellationToken);
        await HandBackToAnvilAsync(now, cancellationToken);
    }

    private async Task HandBackToAnvilAsync(long endTime, CancellationToken cancellationToken)
    {
        // Blocks mined from now on by anvil itself (e.g. a wallet's transaction) take the time the history ends at. On L2
        // that is just after its last block: anvil refuses a later run's first block at a time before the clock set here,
        // and that block may come up to a block interval after the last one, before this run's end time.
        await _l1.Rpc.SetTimeAsync(Math.Max(endTime, Model.L1Time + 1), cancellationToken);
        await _l2.Rpc.SetTimeAsync(Model.Time + 1, cancellationToken);
        await _l2.Rpc.SetAutomineAsync(true, cancellationToken);
    }

    /// <summary>
    /// Blocks anvil mined itself since the last run (a transaction sent meanwhile; what was pending when automine came
    /// back) are part of the chain: the history goes on after them, never before.
    /// </summary>
    private async Task CatchUpWithChainAsync(CancellationToken cancellationToken)
    {
        if (await _l2.Rpc.GetBlockAsync("latest", cancellationToken) is { } head && head.Number > Model.L2Head)
        {
            Model.L2Head = head.Number;
            Model.Time = Math.Max(Model.Time, head.Timestamp);
        }
    }

    /// <summary>Produces L2 blocks in real time (and an L1 block every 12 s) until cancelled.</summary>
    public async Task RunLiveAsync(CancellationToken cancellationToken)
    {
        await _l2.Rpc.SetAutomineAsync(false, cancellationToken);
        await GoLiveAsync(cancellationToken);
        var lastL1Block = DateTime.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = DateTimeOffset.FromUnixTimeSeconds(Model.Time) + _options.LiveBlockInterval;
            if (Model.PlannedOutage is { } outage && outage.Block == Model.L2Head + 1)
            {
                // The sequencer stopped: nothing is produced until the MPC steps in.
                next += TimeSpan.FromSeconds(Math.Min(outage.StallSeconds, 12));
            }
            else if (HeldCommitDue(Model.L2Head + 1) is { } held)
            {
                // The schedule ran out: nothing is produced until the MPC commits the next epoch.
                next += TimeSpan.FromSeconds(held.WaitSeconds);
            }

            var wait = next - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var timestamp = Math.Max(Model.Time + 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            await StepAsync(timestamp, live: true, cancellationToken);
            if (DateTime.UtcNow - lastL1Block > TimeSpan.FromSeconds(12))
            {
                await L1MineEmptyAsync(timestamp, cancellationToken);
                lastL1Block = DateTime.UtcNow;
            }
        }
    }

    /// <summary>
    /// Live blocks come <see cref="SimulationOptions.LiveBlockInterval"/> apart instead of the history's
    /// <see cref="SimulationOptions.BlockInterval"/>, so the economics are rescaled the way governance would: the
    /// epochs the history produced are paid at the history's reward, then the reward per block is lowered by the same
    /// factor (an L1 RewardUpdate the parameter history shows), so rewards per day — and the yield — carry on as they
    /// were; operators and delegators keep their habits per day, not per block.
    /// </summary>
    private async Task GoLiveAsync(CancellationToken cancellationToken)
    {
        _activityScale = _options.LiveBlockInterval / _options.BlockInterval;
        if (_activityScale >= 1)
        {
            return;
        }

        var timestamp = Math.Max(Model.Time, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await SubmitRewardBatchIfDueAsync(timestamp, cancellationToken, flush: true);
        var current = await _l1.Rpc.ReadValueAsync<RewardPerBlockFunction, BigInteger>(_lockingPool, cancellationToken);
        var live = LiveRewardPerBlock(current, _options);
        if (live != current)
        {
            _say($"Going live: a block every {_options.LiveBlockInterval.TotalSeconds:0.#} s, so the reward per block goes from {MetisAmount.Format(current, 6)} to {MetisAmount.Format(live, 6)} (the same reward per day)");
            await L1SendAsync(_accounts.Admin, _lockingPool, timestamp, null, new UpdateBlockRewardFunction { RewardPerBlock = live });
        }
    }

    /// <summary>The reward per block that pays per day at the live block rate what <paramref name="history"/> paid at the history's.</summary>
    public static BigInteger LiveRewardPerBlock(BigInteger history, SimulationOptions options) =>
        BigInteger.Max(BigInteger.One, history * (long)options.LiveBlockInterval.TotalMilliseconds / (long)options.BlockInterval.TotalMilliseconds);

    // ---------------------------------------------------------------- one L2 block

    private async Task StepAsync(long timestamp, bool live, CancellationToken cancellationToken)
    {
        var number = Model.L2Head + 1;
        var block = new L2BlockBuilder(_l2.Rpc);
        if (Model.PlannedOutage is { } outage && outage.Block == number)
        {
            if (!live)
            {
                // The history never runs into the future, even when its last block follows a stall.
                timestamp = Math.Max(Model.Time + 1, Math.Min(timestamp + outage.StallSeconds, _historyEnd));
            }

            Model.PlannedOutage = null;
            await RecommitAsync(block, number, outage.SequencerId, cancellationToken);
        }

        if (!live && Model.PlannedHiccup is { } hiccup && hiccup.Block == number)
        {
            Model.PlannedHiccup = null;
            timestamp = Math.Max(Model.Time + 1, Math.Min(timestamp + hiccup.StallSeconds, _historyEnd));
        }

        if (HeldCommitDue(number) is { } held)
        {
            // The MPC commits late: the chain waited for it (live, RunLiveAsync waited), and the commit is in the new
            // epoch's first block.
            if (!live)
            {
                timestamp = Math.Max(Model.Time + 1, Math.Min(timestamp + held.WaitSeconds, _historyEnd));
            }

            Model.HeldCommit = null;
            await CommitNextAsync(block, Model.Epochs[(int)held.AfterEpoch], live, cancellationToken, mayFailFirstBlock: false);
        }

        var running = Model.EpochAt(number) ?? throw new InvalidOperationException($"No epoch covers L2 block {number}: the schedule ran out.");
        if (running.Id == Model.LatestEpochId && number >= running.Start + ((running.End - running.Start + 1) / 10) && Model.HeldCommit?.AfterEpoch != running.Id)
        {
            // As Themis does: the next epoch is proposed once a tenth of the running one is produced (at most one is
            // queued). A stall before that cuts the latest epoch; after it, the queued one is rewritten. Now and then
            // the MPC is late and commits only after the running epoch ended.
            if (_options.LateCommitProbability > 0 && _lateCommits.NextDouble() < _options.LateCommitProbability)
            {
                var interval = (long)_options.BlockInterval.TotalSeconds;
                Model.HeldCommit = new SimHeldCommit(running.Id, live ? 6 + _lateCommits.Next(6) : interval * 2 + _lateCommits.NextInt64(interval * 3));
            }
            else
            {
                await CommitNextAsync(block, running, live, cancellationToken);
            }
        }

        if (Model.OutagesPlannedThrough < running.Id)
        {
            Model.OutagesPlannedThrough = running.Id;
            PlanOutage(running, number, live);
        }

        await RelayDepositsAsync(block, timestamp, live, cancellationToken);
        await TradeAsync(block, number, running, cancellationToken);
        AddUserTransactions(block);
        await block.MineAsync(timestamp, cancellationToken);
        Model.L2Head = number;
        Model.Time = timestamp;

        await SubmitRewardBatchIfDueAsync(timestamp, cancellationToken);
        if (!live)
        {
            await MilestonesAsync(timestamp, cancellationToken);
        }

        await FinishUnlocksAsync(timestamp, cancellationToken);
        await OperatorHabitsAsync(timestamp, cancellationToken);
        await DelegatorHabitsAsync(timestamp, cancellationToken);
    }

    /// <summary>
    /// The L2 end of the bridge, as Metis' messenger does it: each deposit recorded on L1 (reward payouts from
    /// LockingInfo, whoever sent them — the simulator or a wallet) is finalized on L2, in order, once it is due: 5–30
    /// minutes after its L1 block in the history, 3–8 s live (each deposit's delay fixed by its index). The relay pays no
    /// gas, as deposits on Metis do not.
    /// </summary>
    private async Task RelayDepositsAsync(L2BlockBuilder block, long timestamp, bool live, CancellationToken cancellationToken)
    {
        if (_l1Bridge is not { } l1Bridge || _l2Bridge is not { } l2Bridge)
        {
            return;
        }

        var count = (long)await _l1.Rpc.ReadValueAsync<DepositCountFunction, BigInteger>(l1Bridge, cancellationToken);
        while (Model.RelayedDeposits < count)
        {
            var index = Model.RelayedDeposits;
            var deposit = await _l1.Rpc.ReadAsync<DepositRecordsFunction, DepositRecordOutput>(l1Bridge, new DepositRecordsFunction { Index = index }, cancellationToken);
            var delay = live ? 3 + (index % 6) : 300 + (index * 7_919 % 1_500);
            if ((long)deposit.Timestamp + delay > timestamp)
            {
                return;
            }

            if (!_messengerImpersonated)
            {
                await _l2.Rpc.ImpersonateAsync(DevnetDeployer.L2MessengerAddress, cancellationToken);
                _messengerImpersonated = true;
            }

            block.Add(new TransactionRequest
            {
                From = DevnetDeployer.L2MessengerAddress, To = l2Bridge, Gas = 200_000, GasPrice = 0,
                Data = Calldata.Of(new FinalizeDepositFunction { L1Token = deposit.L1Token, L2Token = deposit.L2Token, From = deposit.From, To = deposit.To, Amount = deposit.Amount }),
            }, $"finalizeDeposit #{index}");
            Model.RelayedDeposits = index + 1;
        }
    }

    /// <summary>
    /// Users trade on the AMM; in the epochs the misbehaving sequencer chose, its operator sandwiches each trade: buys
    /// the same way right before it (the block's first transaction the sequencer ordered) and sells back right after.
    /// </summary>
    private async Task TradeAsync(L2BlockBuilder block, long number, SimEpoch running, CancellationToken cancellationToken)
    {
        if (_swapPool is not { } pool || _appToken.IsZero || _accounts.Users.Count == 0)
        {
            return;
        }

        var attacker = _options.SandwichingSequencer is { } bad && Model.Sequencers.FirstOrDefault(q => q.Id == bad) is { } sequencer ? sequencer.Operator : (Address?)null;
        var gas = new BigInteger(2_000_000_000);
        if (!Model.SwapPoolReady)
        {
            var admin = _accounts.Admin;
            block.Add(new TransactionRequest { From = admin, To = _appToken, Data = Calldata.Of(new MintFunction { To = pool.ToString(), Amount = MetisAmount.FromMetis(10_000_000m) }), Gas = 100_000, GasPrice = gas }, "AMM token reserve");
            block.Add(new TransactionRequest { From = admin, To = pool, Data = Calldata.Of(new InitializeSwapPoolFunction { Token = _appToken.ToString() }), Gas = 150_000, GasPrice = gas }, "AMM initialize");
            foreach (var trader in attacker is { } withAttacker ? [.. _accounts.Users, withAttacker] : _accounts.Users.ToList())
            {
                block.Add(new TransactionRequest { From = trader, To = _appToken, Data = Calldata.Of(new ApproveFunction { Spender = pool.ToString(), Amount = (BigInteger.One << 256) - 1 }), Gas = 60_000, GasPrice = gas }, "AMM approval");
            }

            if (attacker is { } a)
            {
                block.Add(new TransactionRequest { From = admin, To = _appToken, Data = Calldata.Of(new MintFunction { To = a.ToString(), Amount = MetisAmount.FromMetis(1_000_000m) }), Gas = 100_000, GasPrice = gas }, "AMM attacker's tokens");
            }

            Model.SwapPoolReady = true;
            return;
        }

        if (attacker is not null && Model.SandwichesDrawnThrough < running.Id)
        {
            Model.SandwichesDrawnThrough = running.Id;
            if (running.SequencerId == _options.SandwichingSequencer && _market.NextDouble() < _options.SandwichEpochShare)
            {
                Model.SandwichEpochs.Add(running.Id);
            }
        }

        var trades = _market.NextDouble() < _options.SwapsPerBlock ? 1 : 0;
        for (var i = 0; i < trades; i++)
        {
            var user = _accounts.Users[_market.Next(_accounts.Users.Count)];
            var buy = _market.NextDouble() < 0.5;
            var amount = buy ? MetisAmount.FromMetis((decimal)Math.Round(0.2 + _market.NextDouble() * 4.8, 3)) : MetisAmount.FromMetis(20 + _market.Next(480));
            var victim = Swap(user, buy, amount, gas);
            if (attacker is not { } a || running.SequencerId != _options.SandwichingSequencer || !Model.SandwichEpochs.Contains(running.Id))
            {
                block.Add(victim, "user swap", mustSucceed: false);
                continue;
            }

            // The front-run's output, from the reserves before the block: what the back-run sells.
            var reserves = await _l2.Rpc.ReadAsync<GetReservesFunction, ReservesOutput>(pool, new GetReservesFunction(), cancellationToken);
            var front = buy ? MetisAmount.FromMetis(50m) : MetisAmount.FromMetis(5_000m);
            var (reserveIn, reserveOut) = buy ? (reserves.Reserve0, reserves.Reserve1) : (reserves.Reserve1, reserves.Reserve0);
            var frontOut = front * 997 * reserveOut / (reserveIn * 1000 + front * 997);
            block.Add(Swap(a, buy, front, gas * 3), "sandwich front-run");
            block.Add(victim, "sandwiched user swap");
            block.Add(Swap(a, !buy, frontOut, gas), "sandwich back-run");
            Model.Sandwiches.Add(new SimSandwich(number, user, a));
        }
    }

    private TransactionRequest Swap(Address trader, bool nativeIn, BigInteger amountIn, BigInteger gasPrice) => nativeIn
        ? new TransactionRequest { From = trader, To = _swapPool, Value = amountIn, Gas = 120_000, GasPrice = gasPrice, Data = Calldata.Of(new SwapNativeForTokenFunction { MinOut = 0, To = trader.ToString() }) }
        : new TransactionRequest { From = trader, To = _swapPool, Gas = 120_000, GasPrice = gasPrice, Data = Calldata.Of(new SwapTokenForNativeFunction { AmountIn = amountIn, MinOut = 0, To = trader.ToString() }) };

    /// <summary>The commit held back that block <paramref name="number"/> waits for: the first block after its epoch, still the latest.</summary>
    private SimHeldCommit? HeldCommitDue(long number)
    {
        if (Model.HeldCommit is not { } held)
        {
            return null;
        }

        if (held.AfterEpoch != Model.LatestEpochId)
        {
            // A recommit replaced the epoch it waited for: the replacement's own commit comes as usual.
            Model.HeldCommit = null;
            return null;
        }

        return Model.Epochs[(int)held.AfterEpoch].End + 1 == number ? held : null;
    }

    private async Task CommitNextAsync(L2BlockBuilder block, SimEpoch running, bool live, CancellationToken cancellationToken, bool mayFailFirstBlock = true)
    {
        var next = PickSequencer(await ReadLockedAsync(cancellationToken), exclude: null);
        var epoch = new SimEpoch
        {
            Id = running.Id + 1,
            Start = running.End + 1,
            End = running.End + _options.EpochLength,
            AssignedEnd = running.End + _options.EpochLength,
            SequencerId = next.Id,
            Signer = next.Signer,
        };
        block.Add(MpcCall(new CommitEpochFunction { EpochId = epoch.Id, StartBlock = epoch.Start, EndBlock = epoch.End, Signer = epoch.Signer.ToString() }),
            $"commitEpoch {epoch.Id}");
        Model.Epochs.Add(epoch);

        // Now and then the queued epoch's sequencer never produces its first block.
        if (mayFailFirstBlock && Model.PlannedOutage is null && _rng.NextDouble() < _options.FirstBlockFailureProbability * Model.Sequencer(next.Id).OutageFactor)
        {
            Model.PlannedOutage = new SimOutage(epoch.Start, next.Id, live ? 8 + _rng.Next(8) : 1_800 + _rng.Next(5_400));
        }
    }

    /// <summary>
    /// The running epoch's sequencer stalled: the MPC gives the rest of it to another sequencer from this block on,
    /// extended a little (as Themis does), either as a new epoch or by rewriting the queued one.
    /// </summary>
    private async Task RecommitAsync(L2BlockBuilder block, long number, long stalledSequencer, CancellationToken cancellationToken)
    {
        var old = Model.EpochAt(number)!;
        var replacement = PickSequencer(await ReadLockedAsync(cancellationToken), exclude: stalledSequencer);
        if (number == old.Start)
        {
            // Its sequencer never produced the epoch's first block: the MPC names the previous (ended) epoch as the old
            // one and rewrites this one in place (the contract cannot cut an epoch on its first block).
            var end = old.End + _options.RecommitExtension;
            block.Add(MpcCall(new RecommitEpochFunction { OldEpochId = old.Id - 1, NewEpochId = old.Id, StartBlock = number, EndBlock = end, NewSigner = replacement.Signer.ToString() }),
                $"recommitEpoch {old.Id - 1}→{old.Id} (first block)");
            old.End = end;
            old.AssignedEnd = end;
            old.SequencerId = replacement.Id;
            old.Signer = replacement.Signer;
            return;
        }

        if (old.Id == Model.LatestEpochId)
        {
            var epoch = new SimEpoch
            {
                Id = old.Id + 1, Start = number, End = old.End + _options.RecommitExtension, SequencerId = replacement.Id, Signer = replacement.Signer,
            };
            epoch.AssignedEnd = epoch.End;
            block.Add(MpcCall(new RecommitEpochFunction { OldEpochId = old.Id, NewEpochId = epoch.Id, StartBlock = epoch.Start, EndBlock = epoch.End, NewSigner = epoch.Signer.ToString() }),
                $"recommitEpoch {old.Id}→{epoch.Id}");
            Model.Epochs.Add(epoch);
        }
        else
        {
            var queued = Model.Epochs[(int)old.Id + 1];
            var end = queued.End + _options.RecommitExtension;
            block.Add(MpcCall(new RecommitEpochFunction { OldEpochId = old.Id, NewEpochId = queued.Id, StartBlock = number, EndBlock = end, NewSigner = replacement.Signer.ToString() }),
                $"recommitEpoch {old.Id}→{queued.Id}");
            queued.Start = number;
            queued.End = end;
            queued.AssignedEnd = end;
            queued.SequencerId = replacement.Id;
            queued.Signer = replacement.Signer;
        }

        old.End = number - 1;
    }

    /// <summary>
    /// Rotates a sequencer's signer key now, as its operator would (sent by the current signer, on L1, after the last L1
    /// block); its epochs not yet started go to the new key. For tests and demos that need a key change on request.
    /// </summary>
    public async Task<Address> RotateSignerAsync(long sequencerId, CancellationToken cancellationToken)
    {
        var rotating = Model.Sequencer(sequencerId);
        // At anvil's own clock (left at the history's end), as a wallet's transaction would be.
        await RotateSignerAsync(rotating, null, cancellationToken);
        return rotating.Signer;
    }

    /// <summary>A new operator locks 45,000 METIS with a new signer key and joins the set (at the history's time, or at anvil's clock when null).</summary>
    private async Task<SimSequencer> JoinAsync(long? timestamp, CancellationToken cancellationToken)
    {
        var signerIndex = Model.NextSignerIndex++;
        var operatorAccount = _accounts.Operators[Model.Sequencers.Count];
        var key = DevnetKey.Signer(signerIndex);
        var stake = MetisAmount.FromMetis(45_000m);
        await L1SendAsync(_accounts.Admin, _lockingPool, timestamp, null, new SetWhitelistFunction { User = operatorAccount.ToString(), Allowed = true });
        await L1SendAsync(operatorAccount, _token, timestamp, null, new ApproveFunction { Spender = _lockingInfo.ToString(), Amount = stake });
        await L1SendAsync(operatorAccount, _lockingPool, timestamp, null, new LockWithRewardRecipientFunction
        {
            Signer = key.Address.ToString(), RewardRecipient = operatorAccount.ToString(), Amount = stake, SignerPubkey = key.PublicKey,
        });
        var id = (long)await _l1.Rpc.ReadValueAsync<SeqOwnersFunction, BigInteger>(_lockingPool, new SeqOwnersFunction { Owner = operatorAccount.ToString() }, cancellationToken);
        var joined = new SimSequencer
        {
            Id = id, Name = Names[(int)((id - 1) % Names.Length)], Owner = operatorAccount, Operator = operatorAccount, SignerIndex = signerIndex,
            Signer = DevnetKey.Signer(signerIndex).Address,
        };
        Model.Sequencers.Add(joined);
        WriteSequencersToManifest();
        return joined;
    }

    /// <summary>
    /// A new operator joins the set now (tests and demos that need a sequencer of their own, e.g. to watch it leave).
    /// Answers its id; it is picked for epochs from the next commit on, by its stake like the others.
    /// </summary>
    public async Task<long> JoinAsync(CancellationToken cancellationToken)
    {
        if (_accounts.Operators.Count <= Model.Sequencers.Count)
        {
            throw new InvalidOperationException($"No operator account is left for a new sequencer ({_accounts.Operators.Count} accounts, {Model.Sequencers.Count} sequencers).");
        }

        return (await JoinAsync(null, cancellationToken)).Id;
    }

    /// <summary>
    /// Its operator unlocks a sequencer now (at anvil's own clock, with the bridge fee, as from a wallet): it leaves the
    /// set after the epochs already committed to it, and its stake becomes claimable after the exit delay. The history
    /// leaves the claim to <see cref="UnlockClaimAsync"/>, so tests and demos see the time in between. Answers when the
    /// stake can be claimed.
    /// </summary>
    public async Task<DateTimeOffset> UnlockAsync(long sequencerId, CancellationToken cancellationToken)
    {
        var leaving = Model.Sequencer(sequencerId);
        if (leaving.Pool is not null || leaving.Status != SequencerStatus.Active)
        {
            throw new InvalidOperationException($"Sequencer {sequencerId} cannot be unlocked by hand: it is {(leaving.Pool is null ? leaving.Status.ToString() : "a pool's")}.");
        }

        await L1SendAsync(leaving.Operator, _lockingPool, null, await BridgeFeeAsync(), new UnlockFunction { SequencerId = leaving.Id, L2Gas = BridgeL2Gas });
        var state = await ReadSequencerAsync(leaving.Id, cancellationToken);
        leaving.Status = SequencerStatus.Inactive;
        leaving.UnlockClaimTime = (long)state.UnlockClaimTime;
        leaving.ClaimsByHand = true;
        return DateTimeOffset.FromUnixTimeSeconds(leaving.UnlockClaimTime.Value);
    }

    /// <summary>Its operator claims the stake of a sequencer unlocked by <see cref="UnlockAsync"/> (after the exit delay): it exits.</summary>
    public async Task UnlockClaimAsync(long sequencerId, CancellationToken cancellationToken)
    {
        var leaving = Model.Sequencer(sequencerId);
        await L1SendAsync(leaving.Operator, _lockingPool, null, await BridgeFeeAsync(), new UnlockClaimFunction { SequencerId = leaving.Id, L2Gas = BridgeL2Gas });
        leaving.Status = SequencerStatus.Unlocked;
    }

    /// <summary>
    /// An empty L1 block at anvil's own clock. Mainnet makes one every 12 s; the history makes them only with its
    /// transactions, so a test that needs L1 time to have passed (a maturity) asks for one.
    /// </summary>
    public async Task MineL1BlockAsync(CancellationToken cancellationToken)
    {
        await _l1.Rpc.MineAsync(1, cancellationToken: cancellationToken);
        await SyncL1TimeAsync(cancellationToken);
    }

    private async Task RotateSignerAsync(SimSequencer rotating, long? timestamp, CancellationToken cancellationToken)
    {
        var signerIndex = Model.NextSignerIndex++;
        var newKey = DevnetKey.Signer(signerIndex);
        await _l1.Rpc.SetBalanceAsync(rotating.Signer, MetisAmount.FromMetis(10m), cancellationToken);
        var rotate = new UpdateSignerFunction { SequencerId = rotating.Id, SignerPubkey = newKey.PublicKey };
        await L1SendAsync(rotating.Signer, _lockingPool, timestamp, null, rotate);

        rotating.SignerIndex = signerIndex;
        rotating.Signer = newKey.Address;
        foreach (var epoch in Model.Epochs.Where(e => e.SequencerId == rotating.Id && e.Start > Model.L2Head))
        {
            epoch.Signer = newKey.Address;
        }

        WriteSequencersToManifest();
    }

    /// <summary>
    /// Plans an outage in the next blocks (tests and demos that need one now, not when chance brings it): the sequencer
    /// of the epoch producing then stops, and the MPC recommits the rest of its epoch to another. Answers whose outage
    /// it is and at which block; null when no epoch ahead has room for one yet (produce a few blocks and ask again).
    /// </summary>
    public async Task<(long SequencerId, long Block)?> PlanOutageSoonAsync(TimeSpan? stall = null, CancellationToken cancellationToken = default)
    {
        // After the blocks wallets' transactions mined since the last run: an outage planned before them never comes.
        await CatchUpWithChainAsync(cancellationToken);
        var next = Model.L2Head + 2;
        var running = Model.EpochAt(next);
        if (running is null || running.End - next < 2 || Model.Sequencers.Count < 2)
        {
            return null;
        }

        var seconds = (long)(stall ?? TimeSpan.FromMinutes(45)).TotalSeconds;
        Model.PlannedOutage = new SimOutage(next, running.SequencerId, seconds);
        Model.PlannedHiccup = null;
        Model.OutagesPlannedThrough = Math.Max(Model.OutagesPlannedThrough, running.Id);
        return (running.SequencerId, next);
    }

    private void PlanOutage(SimEpoch running, long from, bool live)
    {
        var length = running.End - from + 1;
        if (length < 3)
        {
            return;
        }

        var factor = Model.Sequencer(running.SequencerId).OutageFactor;
        if (_rng.NextDouble() < _options.OutageProbability * factor)
        {
            var at = from + 1 + _rng.NextInt64(length - 2);
            // History: the chain halts for 30 min to 2 h of simulated time; live: a few real seconds.
            var stall = live ? 8 + _rng.Next(8) : 1_800 + _rng.Next(5_400);
            Model.PlannedOutage = new SimOutage(at, running.SequencerId, stall);
        }
        else if (!live && _rng.NextDouble() < _options.HiccupProbability * factor)
        {
            // A stall the sequencer recovers from by itself: past the stall threshold, short of what the MPC reacts to.
            var at = from + 1 + _rng.NextInt64(length - 2);
            var interval = (long)_options.BlockInterval.TotalSeconds;
            Model.PlannedHiccup = new SimOutage(at, running.SequencerId, interval * 2 + _rng.NextInt64(interval));
        }
    }

    private void AddUserTransactions(L2BlockBuilder block)
    {
        var users = _accounts.Users;
        if (users.Count < 2)
        {
            return;
        }

        var count = Poisson(_options.TransactionsPerBlock);
        for (var i = 0; i < count; i++)
        {
            var from = users[_rng.Next(users.Count)];
            var to = users[_rng.Next(users.Count)];
            // 1–3 gwei, with the occasional spike when everyone wants in.
            var gasPrice = new BigInteger(1_000_000_000L + _rng.NextInt64(2_000_000_000L)) * (_rng.NextDouble() < 0.05 ? 10 : 1);
            if (_appToken.IsZero || _rng.NextDouble() < 0.55)
            {
                var value = MetisAmount.FromMetis((decimal)Math.Round(0.01 + _rng.NextDouble() * 5, 4));
                block.Add(new TransactionRequest { From = from, To = to, Value = value, Gas = 21_000, GasPrice = gasPrice }, "user transfer", mustSucceed: false);
            }
            else
            {
                var amount = MetisAmount.FromMetis(_rng.Next(1, 500));
                block.Add(new TransactionRequest { From = from, To = _appToken, Data = Calldata.Of(new TransferFunction { To = to.ToString(), Amount = amount }), Gas = 60_000, GasPrice = gasPrice },
                    "user app call", mustSucceed: false);
            }
        }
    }

    // ---------------------------------------------------------------- L1: the MPC's reward batches

    /// <param name="flush">Pay every finalized epoch not yet paid, however few.</param>
    private async Task SubmitRewardBatchIfDueAsync(long timestamp, CancellationToken cancellationToken, bool flush = false)
    {
        // Finalized: ended before the head (MetisSequencerSet.finalizedEpoch); epochs are contiguous by id.
        var lastFinal = Model.Epochs.LastOrDefault(e => e.End < Model.L2Head)?.Id ?? -1;

        if (lastFinal - Model.LastBatchedEpoch < (flush ? 1 : _options.EpochsPerRewardBatch))
        {
            return;
        }

        var start = Model.LastBatchedEpoch + 1;
        var produced = new Dictionary<long, long>();
        for (var id = start; id <= lastFinal; id++)
        {
            var epoch = Model.Epochs[(int)id];
            produced[epoch.SequencerId] = produced.GetValueOrDefault(epoch.SequencerId) + (epoch.End - epoch.Start + 1);
        }

        // Paid to each sequencer's current signer; a sequencer that already left can no longer be paid.
        var payable = produced.Where(p => p.Value > 0 && Model.Sequencer(p.Key).Status != SequencerStatus.Unlocked).ToList();
        if (payable.Count == 0)
        {
            Model.LastBatchedEpoch = lastFinal;
            return;
        }

        var batchId = Model.BatchId + 1;
        var credits = payable.ToDictionary(p => p.Key, p => p.Value);
        if (_options.MiscreditProbability > 0 && _rng.NextDouble() < _options.MiscreditProbability)
        {
            // The MPC gets this one wrong: a few blocks fewer or more for one sequencer, or another active one credited
            // blocks it did not produce.
            var victim = payable[_rng.Next(payable.Count)].Key;
            var blocks = 1 + _rng.Next(3);
            var other = Model.Sequencers.Where(q => q.Status == SequencerStatus.Active && q.Id != victim).Select(q => q.Id).ToList();
            switch (_rng.Next(3))
            {
                case 0 when credits[victim] > blocks:
                    credits[victim] -= blocks;
                    break;
                case 1 when other.Count > 0:
                    var stranger = other[_rng.Next(other.Count)];
                    credits[stranger] = credits.GetValueOrDefault(stranger) + blocks;
                    break;
                default:
                    credits[victim] += blocks;
                    break;
            }

            Model.Miscredited.Add(batchId);
        }

        await L1SendAsync(_accounts.Mpc, _lockingPool, timestamp, null, new BatchSubmitRewardsFunction
        {
            BatchId = batchId, StartEpoch = start, EndEpoch = lastFinal,
            Seqs = credits.Select(p => Model.Sequencer(p.Key).Signer.ToString()).ToList(),
            Blocks = credits.Select(p => new BigInteger(p.Value)).ToList(),
        });
        Model.BatchId = batchId;
        Model.LastBatchedEpoch = lastFinal;
    }

    // ---------------------------------------------------------------- L1: scripted moments of the history

    private async Task MilestonesAsync(long timestamp, CancellationToken cancellationToken)
    {
        var span = Math.Max(1, Model.HistoryEnd - Model.HistoryStart);
        var progress = (double)(timestamp - Model.HistoryStart) / span;
        var eoa = Model.Sequencers.Where(s => s.Pool is null && s.Status == SequencerStatus.Active).ToList();
        var pools = Model.Sequencers.Where(s => s.Pool is not null).ToList();

        if (progress >= 0.2 && Model.Milestones.Add("join") && _accounts.Operators.Count > Model.Sequencers.Count)
        {
            // A newcomer joins the set.
            await JoinAsync(timestamp, cancellationToken);
        }

        if (progress >= 0.3 && pools.Count > 0 && Model.Milestones.Add("commission-proposed"))
        {
            // Announced now, effective after the pool's notice period.
            var pool = pools[0].Pool!.Value;
            await L1SendAsync(pools[0].Operator, pool, timestamp, null, new ProposeCommissionRateFunction { NewRate = 1_500 });
            Model.CommissionEffectiveAt = (long)await _l1.Rpc.ReadValueAsync<CommissionEffectiveAtFunction, BigInteger>(pool, cancellationToken);
        }

        if (Model.CommissionEffectiveAt is { } effective && timestamp >= effective && Model.Milestones.Add("commission-applied"))
        {
            await L1SendAsync(pools[0].Operator, pools[0].Pool!.Value, timestamp, null, new ApplyCommissionRateFunction());
            Model.CommissionEffectiveAt = null;
        }

        if (progress >= 0.35 && eoa.Count > 3 && Model.Milestones.Add("unlock"))
        {
            // One operator leaves: unlock now, claim the principal after the exit delay.
            var leaving = eoa[3];
            await L1SendAsync(leaving.Operator, _lockingPool, timestamp, await BridgeFeeAsync(), new UnlockFunction { SequencerId = leaving.Id, L2Gas = BridgeL2Gas });
            var state = await ReadSequencerAsync(leaving.Id, cancellationToken);
            leaving.Status = SequencerStatus.Inactive;
            leaving.UnlockClaimTime = (long)state.UnlockClaimTime;
        }

        if (progress >= 0.45 && eoa.Count > 2 && Model.Milestones.Add("recipient"))
        {
            await L1SendAsync(eoa[2].Operator, _lockingPool, timestamp, null, new SetSequencerRewardRecipientFunction { SequencerId = eoa[2].Id, Recipient = _accounts.Users[0].ToString() });
        }

        if (progress >= 0.5 && eoa.Count > 1 && !Model.Milestones.Contains("signer"))
        {
            // Key rotation, sent by the current signer key itself (impersonated on anvil).
            var rotating = eoa[1];
            var state = await ReadSequencerAsync(rotating.Id, cancellationToken);
            var throttle = await _l1.Rpc.ReadValueAsync<SignerUpdateThrottleFunction, BigInteger>(_lockingPool, cancellationToken);
            if (state.UpdatedBatch + throttle <= Model.BatchId)
            {
                Model.Milestones.Add("signer");
                await RotateSignerAsync(rotating, timestamp, cancellationToken);
            }
        }

        if (progress >= 0.6 && Model.Milestones.Add("reward-raise"))
        {
            await L1SendAsync(_accounts.Admin, _lockingPool, timestamp, null, new UpdateBlockRewardFunction { RewardPerBlock = _options.RaisedRewardPerBlock });
        }
    }

    private async Task FinishUnlocksAsync(long timestamp, CancellationToken cancellationToken)
    {
        foreach (var leaving in Model.Sequencers.Where(s => s.Status == SequencerStatus.Inactive && !s.ClaimsByHand && s.UnlockClaimTime <= timestamp).ToList())
        {
            await L1SendAsync(leaving.Operator, _lockingPool, timestamp, await BridgeFeeAsync(), new UnlockClaimFunction { SequencerId = leaving.Id, L2Gas = BridgeL2Gas });
            leaving.Status = SequencerStatus.Unlocked;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    // ---------------------------------------------------------------- L1: operators' and delegators' habits

    private bool Chance(double perDay) => _rng.NextDouble() < perDay * _options.Activity * _activityScale / _options.BlocksPerDay;

    private async Task OperatorHabitsAsync(long timestamp, CancellationToken cancellationToken)
    {
        foreach (var sequencer in Model.Sequencers.Where(s => s.Pool is null && s.Status == SequencerStatus.Active))
        {
            var compound = Chance(0.25);
            var add = Chance(0.02);
            var withdraw = Chance(0.02);
            var claim = Chance(0.08);
            if (!(compound || add || withdraw || claim))
            {
                continue;
            }

            var state = await ReadSequencerAsync(sequencer.Id, cancellationToken);
            var (amount, reward, updatedBatch) = (state.Amount, state.Reward, (long)state.UpdatedBatch);
            var maxLock = await _l1.Rpc.ReadValueAsync<MaxLockFunction, BigInteger>(_lockingInfo, cancellationToken);
            var minLock = await _l1.Rpc.ReadValueAsync<MinLockFunction, BigInteger>(_lockingInfo, cancellationToken);
            await TryAsync($"{sequencer.Name} operator", async () =>
            {
                if (compound && reward > 0 && amount + reward <= maxLock)
                {
                    await L1SendAsync(sequencer.Operator, _lockingPool, timestamp, null, new RelockFunction { SequencerId = sequencer.Id, Amount = 0, LockReward = true });
                }
                else if (add && amount + MetisAmount.FromMetis(5_000m) <= maxLock)
                {
                    var extra = MetisAmount.FromMetis(_rng.Next(1, 6) * 1_000m);
                    await L1SendAsync(sequencer.Operator, _token, timestamp, null, new ApproveFunction { Spender = _lockingInfo.ToString(), Amount = extra });
                    await L1SendAsync(sequencer.Operator, _lockingPool, timestamp, null, new RelockFunction { SequencerId = sequencer.Id, Amount = extra, LockReward = false });
                }
                else if (withdraw && updatedBatch < Model.BatchId && amount - MetisAmount.FromMetis(3_000m) >= minLock)
                {
                    var part = MetisAmount.FromMetis(_rng.Next(1, 4) * 1_000m);
                    await L1SendAsync(sequencer.Operator, _lockingPool, timestamp, null, new WithdrawStakeFunction { SequencerId = sequencer.Id, Amount = part });
                }
                else if (claim && reward > 0)
                {
                    await L1SendAsync(sequencer.Operator, _lockingPool, timestamp, await BridgeFeeAsync(), new WithdrawRewardsFunction { SequencerId = sequencer.Id, L2Gas = BridgeL2Gas });
                }
            });
        }

        // Pool operators claim the commission the pool credited them at its harvests, about every other day (drawn from
        // the market's random source, so the rest of a seeded history stays as it was).
        foreach (var pooled in Model.Sequencers.Where(s => s.Pool is not null && s.Status == SequencerStatus.Active))
        {
            if (_market.NextDouble() >= 0.5 * _options.Activity * _activityScale / _options.BlocksPerDay)
            {
                continue;
            }

            var pool = pooled.Pool!.Value;
            var owed = await _l1.Rpc.ReadValueAsync<PendingRewardsFunction, BigInteger>(pool, new PendingRewardsFunction { Delegator = pooled.Operator.ToString() }, cancellationToken);
            if (owed > 0)
            {
                await TryAsync($"{pooled.Name} operator's commission", () => L1SendAsync(pooled.Operator, pool, timestamp, null, new ClaimRewardsFunction()));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task DelegatorHabitsAsync(long timestamp, CancellationToken cancellationToken)
    {
        var pools = Model.Sequencers.Where(s => s.Pool is not null && s.Status == SequencerStatus.Active).ToList();
        if (pools.Count == 0)
        {
            return;
        }

        foreach (var delegator in _accounts.Delegators)
        {
            var pool = pools[_rng.Next(pools.Count)].Pool!.Value;
            if (Chance(0.12))
            {
                await TryAsync("delegation", async () =>
                {
                    // The simulated delegators leave a fifth of maxLock free in each pool: room for the people trying the demo.
                    var capacity = await _l1.Rpc.ReadValueAsync<CapacityFunction, BigInteger>(pool, cancellationToken);
                    var maxLock = await _l1.Rpc.ReadValueAsync<MaxLockFunction, BigInteger>(_lockingInfo, cancellationToken);
                    var amount = BigInteger.Min(MetisAmount.FromMetis(_rng.Next(5, 150) * 100m), capacity - maxLock / 5);
                    if (amount >= MetisAmount.FromMetis(100m))
                    {
                        await L1SendAsync(delegator, _token, timestamp, null, new ApproveFunction { Spender = pool.ToString(), Amount = amount });
                        await L1SendAsync(delegator, pool, timestamp, null, new DelegateFunction { Amount = amount, MinShares = 0 });
                    }
                });
            }
            else if (Chance(0.04))
            {
                await TryAsync("undelegation", async () =>
                {
                    var stake = await _l1.Rpc.ReadValueAsync<StakeOfFunction, BigInteger>(pool, new StakeOfFunction { Delegator = delegator.ToString() }, cancellationToken);
                    if (stake > MetisAmount.FromMetis(200m))
                    {
                        var amount = stake * _rng.Next(20, 61) / 100;
                        await L1SendAsync(delegator, pool, timestamp, null, new UndelegateFunction { Amount = amount, MaxShares = DevnetDeployer.MaxApproval });
                        await TrackUnbondsAsync(delegator, pool);
                    }
                });
            }
            else if (Chance(0.06))
            {
                await TryAsync("reward claim", async () =>
                {
                    if (await _l1.Rpc.ReadValueAsync<PendingRewardsFunction, BigInteger>(pool, new PendingRewardsFunction { Delegator = delegator.ToString() }, cancellationToken) > MetisAmount.FromMetis(0.01m))
                    {
                        await L1SendAsync(delegator, pool, timestamp, null, new ClaimRewardsFunction());
                        await TrackUnbondsAsync(delegator, pool);
                    }
                });
            }
            else if (Chance(0.03))
            {
                await TryAsync("restake", async () =>
                {
                    if (await _l1.Rpc.ReadValueAsync<PendingRewardsFunction, BigInteger>(pool, new PendingRewardsFunction { Delegator = delegator.ToString() }, cancellationToken) > MetisAmount.FromMetis(0.01m))
                    {
                        await L1SendAsync(delegator, pool, timestamp, null, new RestakeFunction());
                    }
                });
            }
        }

        // Withdraw what has matured and been funded (checked twice a simulated day).
        if (Chance(2) && Model.Unbonds.Count > 0)
        {
            foreach (var unbond in Model.Unbonds.Where(u => u.WithdrawableAt <= timestamp).ToList())
            {
                var status = await ReadUnbondAsync(unbond.Pool, unbond.Delegator, unbond.Nonce, cancellationToken);
                if (status.Amount.IsZero)
                {
                    Model.Unbonds.Remove(unbond);
                }
                else if (status.Mature && status.Funded)
                {
                    await TryAsync("withdrawal", () => L1SendAsync(unbond.Delegator, unbond.Pool, timestamp, null, new WithdrawUnbondFunction { Entry = unbond.Nonce }));
                    Model.Unbonds.Remove(unbond);
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task TrackUnbondsAsync(Address delegator, Address pool)
    {
        var last = (long)await _l1.Rpc.ReadValueAsync<UnbondNoncesFunction, BigInteger>(pool, new UnbondNoncesFunction { Delegator = delegator.ToString() });
        for (var nonce = 1L; nonce <= last; nonce++)
        {
            if (Model.Unbonds.Any(u => u.Delegator == delegator && u.Pool == pool && u.Nonce == nonce))
            {
                continue;
            }

            var status = await ReadUnbondAsync(pool, delegator, nonce, CancellationToken.None);
            if (status.Amount > 0)
            {
                Model.Unbonds.Add(new SimUnbond(delegator, pool, nonce, (long)status.WithdrawableAt));
            }
        }
    }

    /// <summary>Habits may meet a state the simulator did not foresee; that is logged, never fatal.</summary>
    private async Task TryAsync(string what, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (TransactionFailedException ex)
        {
            _say($"  simulator: a {what} did not go through: {ex.Message}");
        }
    }

    // ---------------------------------------------------------------- helpers

    private TransactionRequest MpcCall<TFunction>(TFunction call) where TFunction : FunctionMessage =>
        new() { From = _accounts.Mpc, To = _sequencerSet, Data = Calldata.Of(call), Gas = MpcGas, GasPrice = 1_000_000_000 };

    private Task<SequencerOutput> ReadSequencerAsync(long id, CancellationToken cancellationToken) =>
        _l1.Rpc.ReadAsync<SequencersFunction, SequencerOutput>(_lockingPool, new SequencersFunction { SequencerId = id }, cancellationToken);

    private Task<UnbondStatusOutput> ReadUnbondAsync(Address pool, Address delegator, long nonce, CancellationToken cancellationToken) =>
        _l1.Rpc.ReadAsync<UnbondStatusFunction, UnbondStatusOutput>(pool, new UnbondStatusFunction { User = delegator.ToString(), Entry = nonce }, cancellationToken);

    /// <summary>Sends an L1 transaction in its own block at the simulated time (L1 timestamps only move forward).</summary>
    /// <summary>Sends on L1 at <paramref name="timestamp"/> (the history's time), or at anvil's own clock when null (as a wallet would, now).</summary>
    private async Task L1SendAsync<TFunction>(Address from, Address to, long? timestamp, BigInteger? value, TFunction call) where TFunction : FunctionMessage
    {
        if (timestamp is { } at)
        {
            await L1TimeAsync(at, CancellationToken.None);
        }

        try
        {
            await _l1.SendAsync(from, to, call, value);
        }
        finally
        {
            await SyncL1TimeAsync(CancellationToken.None);
        }
    }

    private async Task L1TimeAsync(long timestamp, CancellationToken cancellationToken)
    {
        var next = Math.Max(Model.L1Time + 1, timestamp);
        await _l1.Rpc.SetNextBlockTimestampAsync(next, cancellationToken);
    }

    private async Task SyncL1TimeAsync(CancellationToken cancellationToken) =>
        Model.L1Time = (await _l1.Rpc.GetBlockAsync("latest", cancellationToken))!.Timestamp;

    private async Task L1MineEmptyAsync(long timestamp, CancellationToken cancellationToken)
    {
        await L1TimeAsync(timestamp, cancellationToken);
        await _l1.Rpc.MineAsync(1, cancellationToken: cancellationToken);
        await SyncL1TimeAsync(cancellationToken);
    }

    private Task<BigInteger> BridgeFeeAsync() => BridgeFee.ReadAsync(_l1.Rpc, _addressManager, BridgeL2Gas);

    /// <summary>Locked amount of every sequencer, read from LockingPool in one batch.</summary>
    private async Task<Dictionary<long, BigInteger>> ReadLockedAsync(CancellationToken cancellationToken)
    {
        var batch = new ViewBatch(_l1.Rpc);
        var reads = Model.Sequencers.Select(s => (s.Id, Read: batch.Add<SequencersFunction, SequencerOutput>(_lockingPool, new SequencersFunction { SequencerId = s.Id }))).ToList();
        await batch.SendAsync(cancellationToken);
        return reads.ToDictionary(r => r.Id, r => r.Read.Value.Amount);
    }

    /// <summary>An active sequencer drawn at random with probability proportional to its locked stake.</summary>
    private SimSequencer PickSequencer(Dictionary<long, BigInteger> locked, long? exclude)
    {
        var candidates = Model.Sequencers.Where(s => s.Status == SequencerStatus.Active && s.Id != exclude && locked.GetValueOrDefault(s.Id) > 0).ToList();
        if (candidates.Count == 0)
        {
            candidates = Model.Sequencers.Where(s => s.Status == SequencerStatus.Active).ToList();
        }

        var total = candidates.Aggregate(BigInteger.Zero, (sum, s) => sum + locked.GetValueOrDefault(s.Id));
        if (total.IsZero)
        {
            return candidates[_rng.Next(candidates.Count)];
        }

        var target = new BigInteger(_rng.NextDouble() * 1e9) * total / 1_000_000_000;
        foreach (var candidate in candidates)
        {
            target -= locked.GetValueOrDefault(candidate.Id);
            if (target < 0)
            {
                return candidate;
            }
        }

        return candidates[^1];
    }

    private int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var product = _rng.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= _rng.NextDouble();
        }

        return count;
    }

    private void WriteSequencersToManifest()
    {
        _manifest.Sequencers = Model.Sequencers
            .Select(s => new ManifestSequencer(s.Id, s.Owner, s.Signer, s.Name) { Operator = s.Operator, Pool = s.Pool })
            .ToList();
    }
}
