using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Tests.Indexing;
using Dashboard.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Server.Tests.Api;

/// <summary>
/// Transactions as a wallet sends them: the server prepares and checks each, the test sends exactly what it
/// returned from the devnet's unlocked account (as a browser wallet would), and the chain shows the result.
/// </summary>
public sealed class TransactionsApiTests(IndexedHistory history) : IClassFixture<IndexedHistory>, IAsyncLifetime
{
    private WebApplicationFactory<Program> _server = null!;
    private HttpClient _client = null!;

    private EthRpcClient L1 => history.Devnet.L1.Rpc;

    private Address Pool => history.Devnet.Manifest.Sequencers.First(s => s.Pool is not null).Pool!.Value;

    private Address Token => history.Devnet.Manifest.L1.Contract(ContractNames.MetisToken).Address;

    private Address LockingPool => history.Devnet.Manifest.L1.Contract(ContractNames.LockingPool).Address;

    public Task InitializeAsync()
    {
        _server = history.StartServer(history.ConnectionString);
        _client = _server.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Wallet_state_is_what_the_chain_holds_for_the_account()
    {
        var delegator = history.Devnet.Accounts.Delegators[0];
        var wallet = await WalletAsync(delegator);
        Assert.Equal(await ReadAsync(Token, "balanceOf(address)", delegator), wallet.Metis);
        Assert.Equal(await L1.GetBalanceAsync(delegator), wallet.L1Balance);
        var position = wallet.Pools.Single(p => p.Pool == Pool.ToString());
        Assert.Equal(await ReadAsync(Pool, "stakeOf(address)", delegator), position.Stake);
        Assert.Equal(await ReadAsync(Pool, "capacity()"), position.Capacity);
        Assert.Equal(history.Devnet.Manifest.Sequencers.First(s => s.Pool is not null).Name, position.SequencerName);
        Assert.Equal(await ReadAsync(LockingPool, "paused()") == 1, wallet.Limits.Paused);
        Assert.Null(wallet.Operator);

        var operatorWallet = await WalletAsync(history.Devnet.Manifest.Sequencers[0].Owner);
        Assert.Equal("owner", operatorWallet.Operator!.Role);
        Assert.Equal(history.Devnet.Manifest.Sequencers[0].Id, operatorWallet.Operator.SequencerId);
        Assert.True(operatorWallet.Operator.BridgeFee > 0, "the devnet bridge charges a fee");

        // The fee valued in METIS at the deepest METIS/WETH pool's price (0.006 ETH), not the shallow pool's (0.018), for an
        // operator with a reward waiting (other tests of this class claim some; with nothing pending there is no share).
        OperatorState? op = null;
        foreach (var sequencer in history.Devnet.Manifest.Sequencers)
        {
            var state = (await WalletAsync(sequencer.Owner)).Operator;
            if (state is not null && state.PendingReward.IsZero)
            {
                Assert.Null(state.BridgeFeeShare);
            }
            else if (state is not null)
            {
                op ??= state;
            }
        }

        Assert.True(op is not null, "no operator of the devnet has a pending reward");
        var price = op.Price!;
        Assert.Equal((double)DevnetDeployer.MetisPriceInEth, price.EthPerMetis, 9);
        Assert.Equal(3000, price.FeeTier);
        var worth = op.BridgeFeeMetis!.Value;
        var expected = op.BridgeFee!.Value * 1000 / 6;
        Assert.True(BigInteger.Abs(worth - expected) <= expected / 1_000_000_000, $"fee worth {worth} METIS wei, expected about {expected}");
        Assert.Equal((double)worth / (double)op.PendingReward, op.BridgeFeeShare!.Value, 12);
    }

    [Fact]
    public async Task Delegating_needs_an_approval_first_then_mints_the_shares_it_said()
    {
        var delegator = history.Devnet.Accounts.Delegators[1];
        var amount = MetisAmount.FromMetis(1_000m);
        await ResetAllowanceAsync(delegator, Pool);

        var refused = await RefusedAsync(new TransactionIntent { Action = "delegate", From = delegator.ToString(), Pool = Pool.ToString(), Amount = amount });
        Assert.Equal("allowance", refused.Reason);
        Assert.Contains("approve, then delegate", refused.Detail, StringComparison.Ordinal);

        var approve = await PrepareAsync(new TransactionIntent { Action = "approve", From = delegator.ToString(), Pool = Pool.ToString(), Amount = amount, Spender = "pool" });
        Assert.Equal(Token.ToString(), approve.To);
        await SendAsync(approve);
        Assert.Equal(amount, await ReadAsync(Token, "allowance(address,address)", delegator, Pool));

        var sharesBefore = await ReadAsync(Pool, "balanceOf(address)", delegator);
        var delegate_ = await PrepareAsync(new TransactionIntent { Action = "delegate", From = delegator.ToString(), Pool = Pool.ToString(), Amount = amount });
        Assert.Equal(Pool.ToString(), delegate_.To);
        Assert.Equal(history.Devnet.Manifest.L1.ChainId, delegate_.ChainId);
        Assert.StartsWith("Delegate 1,000 METIS to ", delegate_.Title, StringComparison.Ordinal);
        Assert.Contains(delegate_.Details, d => d.Label == "Shares you receive");
        var receipt = await SendAsync(delegate_);
        Assert.True(receipt.Succeeded);
        var minted = await ReadAsync(Pool, "balanceOf(address)", delegator) - sharesBefore;
        var rate = await ReadAsync(Pool, "exchangeRate()");
        Assert.Equal(amount * BigInteger.Pow(10, 18) / rate, minted);

        // The dashboard follows it until its data includes it.
        var status = await WaitForStatusAsync(receipt.TransactionHash, s => s.Indexed);
        Assert.Equal("confirmed", status.State);
        Assert.Equal(receipt.BlockNumber, status.Block);
    }

    [Fact]
    public async Task Undelegating_opens_an_entry_withdrawable_after_the_unbonding_delay()
    {
        var delegator = history.Devnet.Accounts.Delegators[2];
        await DelegateAsync(delegator, MetisAmount.FromMetis(600m));
        var prepared = await PrepareAsync(new TransactionIntent { Action = "undelegate", From = delegator.ToString(), Pool = Pool.ToString(), Amount = MetisAmount.FromMetis(300m) });
        Assert.Contains(prepared.Details, d => d.Label == "Withdrawable from");
        var receipt = await SendAsync(prepared);
        var minedAt = (await L1.GetBlockAsync(receipt.BlockNumber))!.Timestamp;
        var delay = (long)await ReadAsync(Pool, "unbondingDelay()");

        var entry = (await WalletAsync(delegator)).Pools.Single(p => p.Pool == Pool.ToString()).Unbonds.OrderBy(u => u.Nonce).Last();
        Assert.Equal(MetisAmount.FromMetis(300m), entry.Amount);
        Assert.Equal(minedAt + delay, entry.WithdrawableAt.ToUnixTimeSeconds());
        Assert.False(entry.Mature);

        var early = await RefusedAsync(new TransactionIntent { Action = "withdraw", From = delegator.ToString(), Pool = Pool.ToString(), Nonce = entry.Nonce });
        Assert.Equal("not-mature", early.Reason);
        Assert.Contains(entry.WithdrawableAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), early.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_matured_entry_is_withdrawn_once_the_pool_holds_its_tokens()
    {
        // An account the simulated delegators never touch, and a pool whose operator shortens its unbonding delay.
        var delegator = history.Devnet.Accounts.Users[3];
        var pooled = history.Devnet.Manifest.Sequencers.First(s => s.Pool is not null);
        await history.Devnet.L1Writer.SendAsync(history.Devnet.Accounts.Admin, Token, "mint(address,uint256)", delegator, MetisAmount.FromMetis(1_000m));
        await history.Devnet.L1Writer.SendAsync(pooled.Operator!.Value, Pool, "setUnbondingDelay(uint256)", new BigInteger(600));
        await DelegateAsync(delegator, MetisAmount.FromMetis(400m));
        await SendAsync(await PrepareAsync(new TransactionIntent { Action = "undelegate", From = delegator.ToString(), Pool = Pool.ToString(), Amount = MetisAmount.FromMetis(250m) }));
        var entry = (await WalletAsync(delegator)).Pools.Single(p => p.Pool == Pool.ToString()).Unbonds.Single();
        Assert.False(entry.Mature);

        // The network lives on for about seven hours, reward batches included: the entry matures and the pool can pull.
        var interval = (long)IndexedHistory.Network.BlockInterval.TotalSeconds;
        await history.Devnet.Simulator.RunHistoryAsync(history.Devnet.Simulator.Model.Time + 40 * interval, CancellationToken.None);
        entry = (await WalletAsync(delegator)).Pools.Single(p => p.Pool == Pool.ToString()).Unbonds.Single();
        Assert.True(entry.Mature);

        var before = await ReadAsync(Token, "balanceOf(address)", delegator);
        var prepared = await PrepareAsync(new TransactionIntent { Action = "withdraw", From = delegator.ToString(), Pool = Pool.ToString(), Nonce = entry.Nonce });
        Assert.StartsWith("Withdraw 250 METIS from ", prepared.Title, StringComparison.Ordinal);
        Assert.True((await SendAsync(prepared)).Succeeded);
        Assert.Equal(before + MetisAmount.FromMetis(250m), await ReadAsync(Token, "balanceOf(address)", delegator));
        Assert.Empty((await WalletAsync(delegator)).Pools.Single(p => p.Pool == Pool.ToString()).Unbonds);
        await history.Devnet.L1Writer.SendAsync(pooled.Operator!.Value, Pool, "setUnbondingDelay(uint256)", new BigInteger(7 * 86_400));
    }

    [Fact]
    public async Task Refusals_say_what_was_wrong_before_any_wallet_opens()
    {
        var delegator = history.Devnet.Accounts.Delegators[3];
        var broke = history.Devnet.Accounts.Users[1];
        var position = (await WalletAsync(delegator)).Pools.Single(p => p.Pool == Pool.ToString());

        Assert.Equal("below-minimum", (await RefusedAsync(new TransactionIntent { Action = "delegate", From = delegator.ToString(), Pool = Pool.ToString(), Amount = position.MinDelegation - 1 })).Reason);
        var tooMuch = await RefusedAsync(new TransactionIntent { Action = "delegate", From = delegator.ToString(), Pool = Pool.ToString(), Amount = position.Capacity + 1 });
        Assert.Equal("capacity", tooMuch.Reason);
        Assert.Contains("more before its sequencer reaches maxLock", tooMuch.Detail, StringComparison.Ordinal);
        var poor = await RefusedAsync(new TransactionIntent { Action = "delegate", From = broke.ToString(), Pool = Pool.ToString(), Amount = position.MinDelegation });
        Assert.Equal("insufficient-balance", poor.Reason);
        Assert.Contains("You have 0 METIS on L1", poor.Detail, StringComparison.Ordinal);
        Assert.Equal("no-rewards", (await RefusedAsync(new TransactionIntent { Action = "claimRewards", From = broke.ToString(), Pool = Pool.ToString() })).Reason);
        Assert.Equal("wrong-account", (await RefusedAsync(new TransactionIntent { Action = "withdrawRewards", From = delegator.ToString(), SequencerId = 1 })).Reason);

        var invalid = await RefusedAsync(new TransactionIntent { Action = "stake-it-all", From = delegator.ToString() }, HttpStatusCode.BadRequest);
        Assert.Contains("action must be one of", invalid.Detail, StringComparison.Ordinal);
        using var unknownPool = await _client.PostAsJsonAsync("/api/transactions/prepare",
            new TransactionIntent { Action = "delegate", From = delegator.ToString(), Pool = LockingPool.ToString(), Amount = 1 }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.BadRequest, unknownPool.StatusCode);
    }

    [Fact]
    public async Task A_call_that_would_revert_is_refused_with_the_contracts_error_in_words()
    {
        // The pool operator may not take its self-stake below minLock while the sequencer is active.
        var pooled = history.Devnet.Manifest.Sequencers.First(s => s.Pool is not null);
        var operatorAccount = pooled.Operator!.Value;
        var stake = await ReadAsync(Pool, "stakeOf(address)", operatorAccount);
        var refused = await RefusedAsync(new TransactionIntent { Action = "undelegate", From = operatorAccount.ToString(), Pool = Pool.ToString(), Amount = stake });
        Assert.Equal("revert", refused.Reason);
        Assert.Equal("OperatorStakeLocked", refused.Error);
        Assert.Contains("The operator must keep at least minLock worth of stake", refused.Detail, StringComparison.Ordinal);
        Assert.Contains("min lock: ", refused.Detail, StringComparison.Ordinal);
        Assert.Contains(" METIS", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_locking_pool_is_paused_operator_actions_are_refused()
    {
        var owner = history.Devnet.Manifest.Sequencers[0].Owner;
        await history.Devnet.L1Writer.SendAsync(history.Devnet.Accounts.Admin, LockingPool, "setPause(bool)", true);
        try
        {
            var refused = await RefusedAsync(new TransactionIntent { Action = "relock", From = owner.ToString(), SequencerId = history.Devnet.Manifest.Sequencers[0].Id, Amount = MetisAmount.FromMetis(10m) });
            Assert.Equal("paused", refused.Reason);
            Assert.Contains("paused", refused.Detail, StringComparison.Ordinal);
        }
        finally
        {
            await history.Devnet.L1Writer.SendAsync(history.Devnet.Accounts.Admin, LockingPool, "setPause(bool)", false);
        }
    }

    [Fact]
    public async Task A_new_operator_locks_with_a_checked_signer_key_and_relocks_with_compounding()
    {
        var owner = history.Devnet.Accounts.Users[2];
        var signer = DevnetKey.Signer(777);
        var other = DevnetKey.Signer(778);
        var amount = MetisAmount.FromMetis(25_000m);
        await history.Devnet.L1Writer.SendAsync(history.Devnet.Accounts.Admin, Token, "mint(address,uint256)", owner, MetisAmount.FromMetis(30_000m));
        var intent = new TransactionIntent { Action = "lock", From = owner.ToString(), Amount = amount, Signer = signer.Address.ToString(), SignerPubkey = Hex.Encode(signer.PublicKey) };

        Assert.Equal("not-whitelisted", (await RefusedAsync(intent)).Reason);
        await history.Devnet.L1Writer.SendAsync(history.Devnet.Accounts.Admin, LockingPool, "setWhitelist(address,bool)", owner, true);
        var mismatch = await RefusedAsync(intent with { SignerPubkey = Hex.Encode(other.PublicKey) }, HttpStatusCode.BadRequest);
        Assert.Contains($"belongs to {other.Address}", mismatch.Detail, StringComparison.Ordinal);
        Assert.Equal("below-minimum", (await RefusedAsync(intent with { Amount = MetisAmount.FromMetis(100m) })).Reason);
        Assert.Equal("allowance", (await RefusedAsync(intent)).Reason);

        await SendAsync(await PrepareAsync(new TransactionIntent { Action = "approve", From = owner.ToString(), Spender = "locking", Amount = amount }));
        await SendAsync(await PrepareAsync(intent));
        var id = (long)await ReadAsync(LockingPool, "seqOwners(address)", owner);
        Assert.True(id > 0);
        var wallet = await WalletAsync(owner);
        Assert.Equal(id, wallet.Operator!.SequencerId);
        Assert.Equal(amount, wallet.Operator.Locked);
        Assert.Equal(signer.Address.ToString(), wallet.Operator.Signer);
        Assert.Equal(SequencerStatus.Active, wallet.Operator.Status);
        Assert.Equal("has-sequencer", (await RefusedAsync(intent)).Reason);

        // Relock: nothing pending to compound yet, and nothing added, is refused; adding works.
        Assert.Equal("nothing-to-lock", (await RefusedAsync(new TransactionIntent { Action = "relock", From = owner.ToString(), SequencerId = id, LockReward = true })).Reason);
        await SendAsync(await PrepareAsync(new TransactionIntent { Action = "approve", From = owner.ToString(), Spender = "locking", Amount = MetisAmount.FromMetis(500m) }));
        await SendAsync(await PrepareAsync(new TransactionIntent { Action = "relock", From = owner.ToString(), SequencerId = id, Amount = MetisAmount.FromMetis(500m), LockReward = true }));
        Assert.Equal(amount + MetisAmount.FromMetis(500m), (await WalletAsync(owner)).Operator!.Locked);
    }

    [Fact]
    public async Task Withdrawing_rewards_sends_the_bridge_fee_as_value()
    {
        // An operator the reward batches paid and who has not taken it out yet.
        var candidates = new List<(Dashboard.Contracts.Deployment.ManifestSequencer Sequencer, WalletState Wallet)>();
        foreach (var s in history.Devnet.Manifest.Sequencers.Where(s => s.Pool is null))
        {
            candidates.Add((s, await WalletAsync(s.Owner)));
        }

        var (sequencer, _) = candidates.Where(c => c.Wallet.Operator is { Status: SequencerStatus.Active }).OrderByDescending(c => c.Wallet.Operator!.PendingReward).First();

        // As Metis' bridge charges it: the oracle named in the address manager sets the floor and the price per L2 gas.
        // Governance raises both: the quote follows, read live (max(200,000, 500,000) × 3 gwei).
        var l1 = history.Devnet.L1Writer;
        var addressManager = history.Devnet.Manifest.L1.Contract(ContractNames.AddressManager).Address;
        var oracle = (Address)(await l1.ReadAsync(addressManager, "getAddress(string)", "address", "MVM_DiscountOracle"))[0]!;
        await l1.SendAsync(history.Devnet.Accounts.Admin, oracle, "setMinL2Gas(uint256)", new BigInteger(500_000));
        await l1.SendAsync(history.Devnet.Accounts.Admin, oracle, "setDiscount(uint256)", new BigInteger(3_000_000_000));
        var wallet = await WalletAsync(sequencer.Owner);
        Assert.Equal(new BigInteger(500_000) * 3_000_000_000, wallet.Operator!.BridgeFee);
        Assert.True(wallet.Operator.PendingReward > 0, "the simulated history paid a sequencer that still holds its reward");
        var prepared = await PrepareAsync(new TransactionIntent { Action = "withdrawRewards", From = sequencer.Owner.ToString(), SequencerId = sequencer.Id });
        Assert.Equal(wallet.Operator.BridgeFee, prepared.Value);
        Assert.Contains(prepared.Details, d => d.Label == "Bridge fee");
        var receipt = await SendAsync(prepared);
        Assert.True(receipt.Succeeded);
        Assert.Equal(BigInteger.Zero, (await WalletAsync(sequencer.Owner)).Operator!.PendingReward);
    }

    [Fact]
    public async Task The_devnet_faucet_gives_an_account_metis_and_eth_once_in_a_while_and_a_real_network_has_none()
    {
        var visitor = Address.FromPublicKey(DevnetKey.Signer(4242).PublicKey);
        Assert.True((await WalletAsync(visitor)).Faucet);
        using (var given = await _client.PostAsync($"/api/devnet/faucet/{visitor}", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, given.StatusCode);
        }

        Assert.Equal(MetisAmount.FromMetis(50_000m), await ReadAsync(Token, "balanceOf(address)", visitor));
        Assert.Equal(MetisAmount.FromMetis(10m), await L1.GetBalanceAsync(visitor));
        using (var again = await _client.PostAsync($"/api/devnet/faucet/{visitor}", null))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
            Assert.Contains("ask again from", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The limit outlives the server: a fresh instance over the same database still refuses.
        await using (var restarted = history.StartServer(history.ConnectionString, new Dictionary<string, string?> { ["Indexer:Enabled"] = "false" }))
        {
            using var client2 = restarted.CreateClient();
            using var afterRestart = await client2.PostAsync($"/api/devnet/faucet/{visitor}", null);
            Assert.Equal(HttpStatusCode.TooManyRequests, afterRestart.StatusCode);
        }

        Assert.Equal(MetisAmount.FromMetis(50_000m), await ReadAsync(Token, "balanceOf(address)", visitor));

        await using var mainnet = history.StartServer(history.ConnectionString, new Dictionary<string, string?>
        {
            ["Network:Profile"] = "mainnet", ["Network:L1:RpcUrl"] = "http://127.0.0.1:9/", ["Network:L2:RpcUrl"] = "http://127.0.0.1:9/", ["Indexer:Enabled"] = "false",
        });
        using var client = mainnet.CreateClient();
        using var none = await client.PostAsync($"/api/devnet/faucet/{visitor}", null);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        var chains = await client.GetFromJsonAsync<List<WalletChain>>("/api/network/chains", ApiJson.Options);
        Assert.DoesNotContain(chains!, c => c.RpcUrls.Any(u => u.Contains("127.0.0.1:9", StringComparison.Ordinal)));
        Assert.Contains(chains!, c => c.ChainId == 1088 && c.Name == "Metis Andromeda" && c.CurrencySymbol == "METIS");
    }

    [Fact]
    public async Task Nothing_is_prepared_for_a_contract_outside_the_deployment()
    {
        // A pool address the dashboard never found (here, the token contract, and an account): refused, nothing built.
        var delegator = history.Devnet.Accounts.Delegators[1];
        foreach (var stranger in new[] { Token, history.Devnet.Accounts.Users[0] })
        {
            using var response = await _client.PostAsJsonAsync("/api/transactions/prepare",
                new TransactionIntent { Action = "delegate", From = delegator.ToString(), Pool = stranger.ToString(), Amount = MetisAmount.FromMetis(100m) }, ApiJson.Options);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{stranger}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("\"data\"", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Status_of_an_unknown_or_malformed_hash_is_answered_plainly()
    {
        var unknown = await _client.GetFromJsonAsync<TransactionStatus>($"/api/transactions/{Hash32.Zero}?chain=L1", ApiJson.Options);
        Assert.Equal("unknown", unknown!.State);
        using var malformed = await _client.GetAsync("/api/transactions/0x1234");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var chains = await _client.GetFromJsonAsync<List<WalletChain>>("/api/network/chains", ApiJson.Options);
        Assert.Contains(chains!, c => c.Chain == "L1" && c.ChainIdHex == "0x" + history.Devnet.Manifest.L1.ChainId.ToString("x", System.Globalization.CultureInfo.InvariantCulture) && c.RpcUrls[0] == history.Devnet.Manifest.L1.RpcUrl);
    }

    // ---------------------------------------------------------------- helpers

    private async Task<WalletState> WalletAsync(Address account) => (await _client.GetFromJsonAsync<WalletState>($"/api/wallet/{account}", ApiJson.Options))!;

    private async Task<PreparedTransaction> PrepareAsync(TransactionIntent intent)
    {
        using var response = await _client.PostAsJsonAsync("/api/transactions/prepare", intent, ApiJson.Options);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{intent.Action} was refused: {body}");
        return JsonSerializer.Deserialize<PreparedTransaction>(body, ApiJson.Options)!;
    }

    private sealed record Refusal(string Reason, string Detail, string? Error);

    private async Task<Refusal> RefusedAsync(TransactionIntent intent, HttpStatusCode expected = HttpStatusCode.UnprocessableEntity)
    {
        using var response = await _client.PostAsJsonAsync("/api/transactions/prepare", intent, ApiJson.Options);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{intent.Action}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new Refusal(root.GetProperty("reason").GetString()!, root.GetProperty("detail").GetString()!,
            root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null);
    }

    /// <summary>Sends what the server prepared, exactly, from the devnet's unlocked account: what a browser wallet does.</summary>
    private async Task<TransactionReceipt> SendAsync(PreparedTransaction prepared)
    {
        var hash = await L1.SendTransactionAsync(new TransactionRequest { From = Address.Parse(prepared.From), To = Address.Parse(prepared.To), Data = Hex.Decode(prepared.Data), Value = prepared.Value, Gas = prepared.Gas });
        return await L1.WaitForReceiptAsync(hash, TimeSpan.FromSeconds(30));
    }

    private async Task DelegateAsync(Address delegator, BigInteger amount)
    {
        await SendAsync(await PrepareAsync(new TransactionIntent { Action = "approve", From = delegator.ToString(), Pool = Pool.ToString(), Amount = amount, Spender = "pool" }));
        await SendAsync(await PrepareAsync(new TransactionIntent { Action = "delegate", From = delegator.ToString(), Pool = Pool.ToString(), Amount = amount }));
    }

    private Task<TransactionReceipt> ResetAllowanceAsync(Address owner, Address spender) =>
        history.Devnet.L1Writer.SendAsync(owner, Token, "approve(address,uint256)", spender, BigInteger.Zero);

    private Task<BigInteger> ReadAsync(Address to, string signature, params object?[] arguments) => L1.ReadUintAsync(to, signature, arguments);

    private async Task<TransactionStatus> WaitForStatusAsync(Hash32 hash, Func<TransactionStatus, bool> done)
    {
        TransactionStatus? status = null;
        for (var i = 0; i < 300; i++)
        {
            status = await _client.GetFromJsonAsync<TransactionStatus>($"/api/transactions/{hash}?chain=L1", ApiJson.Options);
            if (done(status!))
            {
                return status!;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Transaction {hash} stayed {status?.State} (indexed: {status?.Indexed}).");
    }
}
