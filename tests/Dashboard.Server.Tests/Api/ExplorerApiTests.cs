using System.Text;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Formatting;
using Dashboard.Data;
using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Tests.Api;

/// <summary>The public explorer API over an indexed simulated history, checked against the chains and the database.</summary>
public sealed partial class ExplorerApiTests(ExplorerHistory history) : IClassFixture<ExplorerHistory>
{
    private const string SequencerTuple = "uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,address,address,bytes,address,uint8";

    private DashboardDb Db() => new(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(history.ConnectionString).Options);

    // ---------------------------------------------------------------- sequencers

    [Fact]
    public async Task Leaderboard_lists_every_sequencer_with_the_stake_and_status_the_chain_has()
    {
        var pool = history.Contract(ChainRole.L1, ContractNames.LockingPool);
        var count = (long)await history.ReadAmountAsync(ChainRole.L1, pool, "totalSequencers()");
        var page = await history.GetAsync<PageOf<SequencerSummary>>("/api/sequencers?pageSize=100");
        Assert.Equal(count, page.Total);
        Assert.Equal(count, page.Items.Count);
        foreach (var row in page.Items)
        {
            var chain = await history.ReadAsync(ChainRole.L1, pool, "sequencers(uint256)", SequencerTuple, new BigInteger(row.Id));
            Assert.Equal((BigInteger)chain[0]!, row.Locked);
            Assert.Equal(((Address)chain[9]!).ToString(), row.Signer);
            Assert.Equal((int)(BigInteger)chain[12]!, (int)row.Status);
            // Names come from the metadata list the devnet publishes.
            Assert.Equal(history.Devnet.Manifest.Sequencers.Single(s => s.Id == row.Id).Name, row.Name);
        }

        var totalLocked = await history.ReadAmountAsync(ChainRole.L1, history.Contract(ChainRole.L1, ContractNames.LockingInfo), "totalLocked()");
        Assert.Equal(totalLocked, page.Items.Aggregate(BigInteger.Zero, (sum, s) => sum + s.Locked));
        Assert.InRange(page.Items.Sum(s => s.StakeShare), 0.999, 1.001);
        // The default order is by stake, largest first.
        Assert.Equal(page.Items.Select(s => s.Locked).OrderDescending(), page.Items.Select(s => s.Locked));
    }

    [Fact]
    public async Task Leaderboard_figures_are_the_rolling_stats_and_pool_terms()
    {
        await using var db = Db();
        var page = await history.GetAsync<PageOf<SequencerSummary>>("/api/sequencers?pageSize=100");
        var stats = await db.SequencerStats.ToListAsync();
        foreach (var row in page.Items)
        {
            var week = stats.Single(s => s.SequencerId == row.Id && s.TimeWindow == "7d");
            var all = stats.Single(s => s.SequencerId == row.Id && s.TimeWindow == "all");
            Assert.Equal(week.Uptime, row.Uptime7d);
            Assert.Equal(week.Incidents, row.Incidents7d);
            Assert.Equal(all.ProducedBlocks, row.BlocksProduced);
        }

        var pools = await db.Pools.ToDictionaryAsync(p => p.SequencerId);
        Assert.Equal(2, page.Items.Count(s => s.Pool is not null));
        foreach (var pooled in page.Items.Where(s => s.Pool is not null))
        {
            Assert.Equal(pools[pooled.Id].CommissionBps, pooled.CommissionBps);
            var capacity = await history.ReadAmountAsync(ChainRole.L1, Address.Parse(pooled.Pool!), "capacity()");
            Assert.Equal(capacity, pooled.CapacityLeft);
        }

        Assert.Contains(page.Items, s => s.Apr30d is > 0);
        Assert.All(page.Items.Where(s => s.Pool is null), s => Assert.Null(s.CommissionBps));
    }

    [Fact]
    public async Task Leaderboard_sorts_filters_searches_and_pages()
    {
        var byUptime = await history.GetAsync<PageOf<SequencerSummary>>("/api/sequencers?sort=uptime7d&order=asc&pageSize=100");
        var uptimes = byUptime.Items.Select(s => s.Uptime7d ?? -1).ToList();
        Assert.Equal(uptimes.Order(), uptimes);

        var active = await history.GetAsync<PageOf<SequencerSummary>>("/api/sequencers?status=active&pageSize=100");
        Assert.All(active.Items, s => Assert.Equal(SequencerStatus.Active, s.Status));
        var exited = await history.GetAsync<PageOf<SequencerSummary>>("/api/sequencers?status=unlocked");
        Assert.Equal(1, exited.Total);

        var named = history.Devnet.Manifest.Sequencers[1];
        var byName = await history.GetAsync<PageOf<SequencerSummary>>($"/api/sequencers?search={Uri.EscapeDataString(named.Name[..4].ToLowerInvariant())}");
        Assert.Contains(byName.Items, s => s.Id == named.Id);
        var bySigner = await history.GetAsync<PageOf<SequencerSummary>>($"/api/sequencers?search={named.Signer}");
        Assert.Equal([named.Id], bySigner.Items.Select(s => s.Id));

        var all = await history.GetAsync<PageOf<SequencerSummary>>("/api/sequencers?sort=id&order=asc&pageSize=100");
        var second = await history.GetAsync<PageOf<SequencerSummary>>("/api/sequencers?sort=id&order=asc&pageSize=2&page=2");
        Assert.Equal(all.Items.Skip(2).Take(2).Select(s => s.Id), second.Items.Select(s => s.Id));
        Assert.Equal(all.Total, second.Total);
        Assert.Equal((all.Total + 1) / 2, second.Pages);
    }

    [Theory]
    [InlineData("/api/sequencers?sort=height", "sort must be one of")]
    [InlineData("/api/sequencers?status=sleeping", "status must be active, inactive or unlocked")]
    [InlineData("/api/sequencers?page=99", "past the end")]
    [InlineData("/api/sequencers?pageSize=5000", "pageSize must be between 1 and 500")]
    [InlineData("/api/epochs?order=up", "order must be 'asc' or 'desc'")]
    [InlineData("/api/incidents?kind=outage", "kind must be 'recommit', 'gap' or 'wrong-producer'")]
    [InlineData("/api/blocks?format=xml", "format must be 'json', 'csv' or 'spreadsheet'")]
    [InlineData("/api/addresses/0x1234", "40 hex digits")]
    [InlineData("/api/network/daily?days=0", "days must be between 1 and 36500")]
    [InlineData("/api/network/parameters?parameter=apr", "parameter must be one of rewardPerBlock")]
    [InlineData("/api/sequencers?page=abc", "page must be a whole number from -2147483648 to 2147483647; got 'abc'")]
    [InlineData("/api/incidents?since=yesterday", "since must be a date and time such as 2026-12-04T00:00:00Z; got 'yesterday'")]
    [InlineData("/api/network/daily?days=99999999999", "days must be a whole number from -2147483648 to 2147483647")]
    [InlineData("/api/search?q=0xZZ00000000000000000000000000000000000000", "q looks like an address, but")]
    [InlineData("/api/network/parameters?chain=L3", "chain must be 'L1' or 'L2'")]
    public async Task Bad_requests_get_problem_details_that_say_what_was_wrong(string path, string expected)
    {
        using var response = await history.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/api/sequencers/999", "There is no sequencer 999")]
    [InlineData("/api/sequencers/999/epochs", "There is no sequencer 999")]
    [InlineData("/api/epochs/99999999", "There is no epoch 99999999")]
    [InlineData("/api/blocks/99999999", "There is no indexed L2 block 99999999")]
    [InlineData("/api/reward-batches/99999", "There is no reward batch 99999")]
    public async Task Unknown_ids_get_404_problem_details(string path, string expected)
    {
        using var response = await history.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sequencer_detail_has_its_rewards_pool_and_every_window()
    {
        var pooled = history.Devnet.Manifest.Sequencers.First(s => s.Pool is not null);
        var detail = await history.GetAsync<SequencerDetail>($"/api/sequencers/{pooled.Id}");
        var chain = await history.ReadAsync(ChainRole.L1, history.Contract(ChainRole.L1, ContractNames.LockingPool), "sequencers(uint256)", SequencerTuple, new BigInteger(pooled.Id));
        Assert.Equal((BigInteger)chain[1]!, detail.PendingReward);
        Assert.Equal(pooled.Name, detail.Summary.Name);
        Assert.Equal(["24h", "7d", "30d", "all"], detail.Stats.Select(s => s.Window));
        Assert.NotNull(detail.Pool);
        Assert.Equal(pooled.Pool?.ToString(), detail.Pool!.Address);
        Assert.Equal(await history.ReadAmountAsync(ChainRole.L1, pooled.Pool!.Value, "totalStaked()"), detail.Pool.TotalStaked);
        await using var db = Db();
        Assert.Equal(await db.Delegations.CountAsync(d => d.Pool == pooled.Pool && d.Shares > 0), detail.Pool.Delegators);
        var all = detail.Stats.Single(s => s.Window == "all");
        Assert.Equal(all.AssignedBlocks == 0 ? null : (double)all.ProducedBlocks / all.AssignedBlocks, all.Uptime);
    }

    [Fact]
    public async Task Production_heatmap_covers_every_epoch_the_sequencer_had_and_sums_to_its_stats()
    {
        await using var db = Db();
        var flaky = await db.SequencerStats.Where(s => s.TimeWindow == "all" && s.Uptime < 1).OrderBy(s => s.Uptime).FirstAsync();
        var cells = await history.GetAsync<List<ProductionCell>>($"/api/sequencers/{flaky.SequencerId}/production");
        var signers = await db.Signers.Where(s => s.SequencerId == flaky.SequencerId).Select(s => s.Address).ToListAsync();
        var epochs = await db.Epochs.Where(e => signers.Contains(e.Signer)).Select(e => e.Id).ToListAsync();
        Assert.Subset(epochs.ToHashSet(), cells.Select(c => c.Epoch).ToHashSet());
        Assert.Equal(cells.Select(c => c.Epoch).Order(), cells.Select(c => c.Epoch));
        Assert.Contains(cells, c => c.Recommitted && c.Produced < c.Assigned);
        Assert.True(cells.Sum(c => c.Produced) >= flaky.ProducedBlocks);
    }

    [Fact]
    public async Task Sequencer_lists_epochs_incidents_stake_rewards_claims_signers_and_daily()
    {
        await using var db = Db();
        var flaky = await db.Incidents.Where(i => i.Kind == "recommit").GroupBy(i => i.Signer).Select(g => new { Signer = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).FirstAsync();
        var id = (await db.Signers.SingleAsync(s => s.Address == flaky.Signer)).SequencerId;
        var signersOf = await db.Signers.Where(s => s.SequencerId == id).Select(s => s.Address).ToListAsync();

        var incidents = await history.GetAsync<PageOf<IncidentItem>>($"/api/sequencers/{id}/incidents?pageSize=500");
        Assert.True(incidents.Total >= flaky.Count);
        Assert.Equal(await db.Incidents.CountAsync(i => signersOf.Contains(i.Signer)), incidents.Total);
        Assert.All(incidents.Items, i => Assert.Equal(id, i.SequencerId));
        Assert.Equal(incidents.Items.Select(i => i.StartedAt).OrderDescending(), incidents.Items.Select(i => i.StartedAt));

        var epochs = await history.GetAsync<PageOf<EpochItem>>($"/api/sequencers/{id}/epochs?pageSize=500");
        Assert.All(epochs.Items, e => Assert.Equal(id, e.SequencerId));
        Assert.Contains(epochs.Items, e => e.CutAtBlock is not null);

        var stake = await history.GetAsync<PageOf<StakeEventItem>>($"/api/sequencers/{id}/stake?pageSize=500");
        var chain = await history.ReadAsync(ChainRole.L1, history.Contract(ChainRole.L1, ContractNames.LockingPool), "sequencers(uint256)", SequencerTuple, new BigInteger(id));
        Assert.Equal((BigInteger)chain[0]!, stake.Items[0].LockedAfter);
        Assert.Equal("lock", stake.Items[^1].Kind);

        var rewards = await history.GetAsync<PageOf<RewardShareItem>>($"/api/sequencers/{id}/rewards?pageSize=500");
        var accrued = (await db.Sequencers.SingleAsync(s => s.Id == id)).AccruedReward;
        Assert.Equal(accrued, rewards.Items.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Amount));

        var signers = await history.GetAsync<List<SignerItem>>($"/api/sequencers/{id}/signers");
        Assert.Contains(signers, s => s.Address == ((Address)chain[9]!).ToString() && s.RetiredBlock is null);

        var daily = await history.GetAsync<List<SequencerDayItem>>($"/api/sequencers/{id}/daily");
        Assert.NotEmpty(daily);
        Assert.Equal(daily.Select(d => d.Day).Order(), daily.Select(d => d.Day));
        Assert.Equal(accrued, daily.Aggregate(BigInteger.Zero, (sum, d) => sum + d.Rewards));
    }

    [Fact]
    public async Task Rewards_export_to_csv_with_exact_amounts_for_tax_records()
    {
        await using var db = Db();
        var share = await db.SequencerRewards.OrderByDescending(r => r.Amount).FirstAsync();
        using var response = await history.Client.GetAsync($"/api/sequencers/{share.SequencerId}/rewards?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"sequencer-{share.SequencerId}-rewards.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,batch,sequencer_id,sequencer,signer,blocks,amount_metis,amount_wei", lines[0]);
        var count = await db.SequencerRewards.CountAsync(r => r.SequencerId == share.SequencerId);
        Assert.Equal(count + 1, lines.Length);
        var row = lines.Single(l => l.Split(',')[1] == share.BatchId.ToString(CultureInfo.InvariantCulture)).Split(',');
        Assert.Equal(MetisAmount.Exact(share.Amount), row[6]);
        Assert.Equal(share.Amount.ToString(CultureInfo.InvariantCulture), row[7]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", row[0]);

        // The same list for a spreadsheet program: a BOM, dates it reads, and the exact amounts as text cells, so
        // 18 decimals and 22-digit wei are not rounded to a floating-point number.
        using var sheet = await history.Client.GetAsync($"/api/sequencers/{share.SequencerId}/rewards?format=spreadsheet");
        var bytes = await sheet.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var sheetRow = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Single(l => l.Split(',')[1] == share.BatchId.ToString(CultureInfo.InvariantCulture)).Split(',');
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", sheetRow[0]);
        Assert.Equal($"\"=\"\"{MetisAmount.Exact(share.Amount)}\"\"\"", sheetRow[6]);
        Assert.Equal($"\"=\"\"{share.Amount.ToString(CultureInfo.InvariantCulture)}\"\"\"", sheetRow[7]);
    }

    [Theory]
    [InlineData("/api/sequencers?format=csv", "id,name,status,signer")]
    [InlineData("/api/epochs?format=csv", "epoch,sequencer_id,sequencer,signer")]
    [InlineData("/api/blocks?format=csv", "number,hash,time,tx_count")]
    [InlineData("/api/reward-batches?format=csv", "batch,time,l1_block,tx_hash")]
    [InlineData("/api/incidents?format=csv", "started_at,ended_at,kind")]
    [InlineData("/api/network/daily?format=csv", "day,blocks,tx_count,fees_metis,fees_wei")]
    [InlineData("/api/network/parameters?format=csv", "time,chain,block,log_index,tx_hash,contract,parameter")]
    public async Task Every_list_exports_to_csv(string path, string header)
    {
        using var response = await history.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(header, text, StringComparison.Ordinal);
        Assert.True(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 2, text);
    }

    // ---------------------------------------------------------------- epochs, blocks, rewards, incidents

    [Fact]
    public async Task Epochs_are_the_chains_schedule_newest_first_and_recommits_filter()
    {
        var set = history.Contract(ChainRole.L2, ContractNames.MetisSequencerSet);
        var current = (long)await history.ReadAmountAsync(ChainRole.L2, set, "currentEpochNumber()");
        var page = await history.GetAsync<PageOf<EpochItem>>("/api/epochs?pageSize=10");
        Assert.Equal(page.Items.Select(e => e.Id).OrderDescending(), page.Items.Select(e => e.Id));
        Assert.True(page.Total >= current + 1);
        var sample = page.Items[^1];
        var onChain = await history.ReadAsync(ChainRole.L2, set, "epochs(uint256)", "uint256,address,uint256,uint256", new BigInteger(sample.Id));
        Assert.Equal(((Address)onChain[1]!).ToString(), sample.Signer);
        Assert.Equal((long)(BigInteger)onChain[2]!, sample.StartBlock);
        Assert.Equal((long)(BigInteger)onChain[3]!, sample.EndBlock);

        var recommitted = await history.GetAsync<PageOf<EpochItem>>("/api/epochs?recommitted=true&pageSize=500");
        Assert.NotEmpty(recommitted.Items);
        // The flag means what the filter means: touched by a recommit, cut short or taken over.
        Assert.All(recommitted.Items, e => Assert.True(e.Recommitted && (e.TookOver || e.CutAtBlock is not null)));
        var all = await history.GetAsync<PageOf<EpochItem>>("/api/epochs?pageSize=500");
        Assert.All(all.Items, e => Assert.Equal(e.TookOver || e.CutAtBlock is not null, e.Recommitted));
        await using var db = Db();
        // Every recommit cuts the running epoch, except where the queued epoch's signer never started (the ended one stays whole).
        Assert.Equal(await db.Recommits.CountAsync(r => !r.NeverStarted), recommitted.Items.Count(e => e.CutAtBlock is not null));
    }

    [Fact]
    public async Task Final_epochs_blocks_and_batches_carry_an_etag_and_answer_304()
    {
        await using var db = Db();
        var oldEpoch = await db.Epochs.OrderBy(e => e.Id).FirstAsync();
        var oldBatch = await db.RewardBatches.OrderBy(b => b.BatchId).FirstAsync();
        var oldBlock = await db.L2Blocks.OrderBy(b => b.Number).Skip(1).FirstAsync();
        // Indexed behind confirmations, as on mainnet: everything stored is final.
        await using var server = history.StartReadOnlyServer(new Dictionary<string, string?> { ["Network:L1:Confirmations"] = "2", ["Network:L2:Confirmations"] = "2" });
        using var client = server.CreateClient();
        foreach (var path in new[] { $"/api/epochs/{oldEpoch.Id}", $"/api/reward-batches/{oldBatch.BatchId}", $"/api/blocks/{oldBlock.Number}" })
        {
            using var first = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var tag = first.Headers.ETag;
            Assert.True(tag is not null, $"{path} has no ETag");
            Assert.Contains("max-age", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(tag!);
            using var second = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        }

        // Indexed at the tip (the devnet): the newest block may still be replaced by a reorg, so no promise is made about it.
        var head = await db.L2Blocks.MaxAsync(b => b.Number);
        using var recent = await history.Client.GetAsync($"/api/blocks/{head}");
        Assert.Equal(HttpStatusCode.OK, recent.StatusCode);
        Assert.Null(recent.Headers.ETag);
        using var deep = await history.Client.GetAsync($"/api/blocks/{head - 100}");
        Assert.NotNull(deep.Headers.ETag);
    }

    [Fact]
    public async Task Blocks_page_by_number_and_carry_the_chains_hash_fees_and_producer()
    {
        var head = await history.Devnet.L2.Rpc.BlockNumberAsync();
        var first = await history.GetAsync<PageOf<BlockItem>>("/api/blocks?pageSize=20");
        Assert.Equal(head, first.Items[0].Number);
        var second = await history.GetAsync<PageOf<BlockItem>>("/api/blocks?pageSize=20&page=2");
        Assert.Equal(first.Items[^1].Number - 1, second.Items[0].Number);

        var busy = first.Items.Concat(second.Items).First(b => b.TxCount > 0);
        var block = await history.GetAsync<BlockItem>($"/api/blocks/{busy.Number}");
        var onChain = (await history.Devnet.L2.Rpc.GetBlockAsync(busy.Number))!;
        Assert.Equal(onChain.Hash.ToString(), block.Hash);
        Assert.Equal(onChain.TransactionHashes.Count, block.TxCount);
        var receipts = await history.Devnet.L2.Rpc.GetBlockReceiptsAsync(busy.Number);
        Assert.Equal(receipts.Aggregate(BigInteger.Zero, (sum, r) => sum + r.GasUsed * r.EffectiveGasPrice!.Value), block.Fees);
        var set = history.Contract(ChainRole.L2, ContractNames.MetisSequencerSet);
        var producer = (Address)(await history.ReadAsync(ChainRole.L2, set, "getMetisSequencer(uint256)", "address", new BigInteger(busy.Number)))[0]!;
        Assert.Equal(producer.ToString(), block.Signer);
        Assert.NotNull(block.SequencerName);
    }

    [Fact]
    public async Task Reward_batches_add_up_to_what_they_credited_each_sequencer()
    {
        var pool = history.Contract(ChainRole.L1, ContractNames.LockingPool);
        var page = await history.GetAsync<PageOf<RewardBatchItem>>("/api/reward-batches?pageSize=500");
        Assert.Equal((long)await history.ReadAmountAsync(ChainRole.L1, pool, "currentBatch()"), page.Items[0].BatchId);
        var batch = page.Items[^1];
        var detail = await history.GetAsync<RewardBatchDetail>($"/api/reward-batches/{batch.BatchId}");
        Assert.Equal(batch.Amount, detail.Shares.Aggregate(BigInteger.Zero, (sum, s) => sum + s.Amount));
        Assert.All(detail.Shares, s => Assert.Equal(s.Blocks * batch.RewardPerBlock, s.Amount));
        Assert.Equal(batch.Blocks, detail.Shares.Sum(s => s.Blocks));
    }

    [Fact]
    public async Task The_sequencer_with_the_most_incidents_last_week_can_be_found_and_its_recommits_seen()
    {
        var board = await history.GetAsync<PageOf<SequencerSummary>>("/api/sequencers?sort=incidents7d&order=desc&pageSize=1");
        var worst = board.Items.Single();
        Assert.True(worst.Incidents7d > 0);
        var since = DateTimeOffset.UtcNow.AddDays(-7).ToString("O", CultureInfo.InvariantCulture);
        var lastWeek = await history.GetAsync<PageOf<IncidentItem>>($"/api/incidents?since={Uri.EscapeDataString(since)}&pageSize=500");
        var counts = lastWeek.Items.GroupBy(i => i.SequencerId).ToDictionary(g => g.Key!.Value, g => g.Count());
        Assert.Equal(counts.Values.Max(), counts[worst.Id]);
        var recommits = await history.GetAsync<PageOf<IncidentItem>>($"/api/incidents?kind=recommit&pageSize=500");
        Assert.All(recommits.Items, i => Assert.Equal("recommit", i.Kind));
    }

    // ---------------------------------------------------------------- network, addresses, search

    [Fact]
    public async Task Network_overview_shows_the_yield_and_how_it_is_computed()
    {
        var overview = await history.GetAsync<NetworkOverview>("/api/network");
        var info = history.Contract(ChainRole.L1, ContractNames.LockingInfo);
        var pool = history.Contract(ChainRole.L1, ContractNames.LockingPool);
        Assert.Equal(await history.ReadAmountAsync(ChainRole.L1, info, "totalLocked()"), overview.TotalLocked);
        Assert.Equal(await history.ReadAmountAsync(ChainRole.L1, pool, "rewardPerBlock()"), overview.Yield.RewardPerBlock);
        Assert.Equal(await history.Devnet.L2.Rpc.BlockNumberAsync(), overview.L2Height);
        Assert.NotNull(overview.CurrentEpoch);
        Assert.InRange(overview.L2Height!.Value, overview.CurrentEpoch!.StartBlock, overview.CurrentEpoch.EndBlock);
        Assert.Equal(365 * 24 * 3600 / overview.Yield.BlockTimeSeconds!.Value, overview.Yield.BlocksPerYear!.Value, 6);
        var expected = (double)overview.Yield.RewardPerBlock!.Value * overview.Yield.BlocksPerYear.Value / (double)overview.Yield.TotalLocked;
        Assert.Equal(expected, overview.Yield.PublishedApr!.Value, 4);
        Assert.Contains("rewardPerBlock", overview.Yield.Formula, StringComparison.Ordinal);
        var statuses = new List<int>();
        for (var id = 1; id <= (int)await history.ReadAmountAsync(ChainRole.L1, pool, "totalSequencers()"); id++)
        {
            statuses.Add((int)(BigInteger)(await history.ReadAsync(ChainRole.L1, pool, "sequencers(uint256)", SequencerTuple, new BigInteger(id)))[12]!);
        }

        Assert.Equal(statuses.Count(s => s == (int)SequencerStatus.Active), overview.ActiveSequencers);
        Assert.Equal(statuses.Count(s => s == (int)SequencerStatus.Inactive), overview.InactiveSequencers);
        Assert.Equal(statuses.Count(s => s == (int)SequencerStatus.Unlocked), overview.ExitedSequencers);
        Assert.True(overview.Fees7d > 0 && overview.Fees7d >= overview.Fees24h);
    }

    [Fact]
    public async Task Parameter_history_explains_the_reward_raise_that_changed_the_yield()
    {
        var pool = history.Contract(ChainRole.L1, ContractNames.LockingPool);
        var raises = await history.Devnet.L1.Rpc.GetLogsAsync(new Dashboard.Ethereum.Rpc.LogFilter(0, await history.Devnet.L1.Rpc.BlockNumberAsync(), [pool]) { Topic0 = [Dashboard.Ethereum.Abi.EventDecoder<RewardUpdateEvent>.Instance.Topic0] });
        // Set at deployment, raised by governance later on.
        Assert.Equal(2, raises.Count);
        var raise = raises[^1];
        var decoded = Dashboard.Ethereum.Abi.EventDecoder<RewardUpdateEvent>.Instance.Decode(raise);

        var page = await history.GetAsync<PageOf<ParameterChangeItem>>("/api/network/parameters?parameter=rewardPerBlock");
        Assert.Equal(2, page.Total);
        Assert.Matches("^Reward per block (set|raised) ", page.Items[1].Description);
        var item = page.Items[0];
        Assert.Equal(("L1", raise.BlockNumber, raise.LogIndex, raise.TransactionHash.ToString()), (item.Chain, item.BlockNumber, item.LogIndex, item.TxHash));
        Assert.Equal((decoded.OldReward.ToString(), decoded.NewReward.ToString()), (item.OldValue, item.NewValue));
        Assert.Equal($"Reward per block raised from {MetisAmount.Format(decoded.OldReward, 6)} to {MetisAmount.Format(decoded.NewReward, 6)}", item.Description);
        // The reward now paid is the last one set.
        Assert.Equal(await history.ReadAmountAsync(ChainRole.L1, pool, "rewardPerBlock()"), decoded.NewReward);

        // Every change, newest first: the whitelisting of each operator and the exit delay are there too, in words.
        var all = await history.GetAsync<PageOf<ParameterChangeItem>>("/api/network/parameters?pageSize=500");
        Assert.Equal(all.Items.OrderByDescending(p => p.Time).Select(p => p.Time), all.Items.Select(p => p.Time));
        var whitelisted = all.Items.Where(p => p.Parameter == "whitelist").ToList();
        Assert.NotEmpty(whitelisted);
        Assert.All(whitelisted, p => Assert.Equal($"{p.Subject} allowed to lock as a sequencer", p.Description));
        Assert.All(all.Items.Where(p => p.Parameter == "exitDelay"), p => Assert.Matches(@"^Exit delay (lowered|raised|set again) (from .+ )?to \d+ \w+$", p.Description));
        var l2 = await history.GetAsync<PageOf<ParameterChangeItem>>("/api/network/parameters?chain=L2");
        Assert.All(l2.Items, p => Assert.Equal("L2", p.Chain));
    }

    [Fact]
    public async Task Network_daily_history_adds_up_to_every_indexed_block()
    {
        await using var db = Db();
        var days = await history.GetAsync<List<NetworkDay>>("/api/network/daily");
        Assert.Equal(await db.L2Blocks.LongCountAsync(), days.Sum(d => d.Blocks));
        Assert.Equal((await db.L2Blocks.Select(b => b.Fees).ToListAsync()).Aggregate(BigInteger.Zero, (a, b) => a + b), days.Aggregate(BigInteger.Zero, (sum, d) => sum + d.Fees));
        var lastTwo = await history.GetAsync<List<NetworkDay>>("/api/network/daily?days=2");
        Assert.Equal(days.TakeLast(2).Select(d => d.Day), lastTwo.Select(d => d.Day));
        var info = history.Contract(ChainRole.L1, ContractNames.LockingInfo);
        Assert.Equal(await history.ReadAmountAsync(ChainRole.L1, info, "totalLocked()"), days[^1].TotalLocked);
    }

    [Fact]
    public async Task Address_shows_positions_and_unbondings_as_the_pools_have_them()
    {
        await using var db = Db();
        var delegator = await db.Delegations.Where(d => d.Shares > 0).Select(d => d.Delegator).FirstAsync();
        var activity = await history.GetAsync<AddressActivity>($"/api/addresses/{delegator.ToString().ToLowerInvariant()}");
        Assert.Equal(delegator.ToString(), activity.Address);
        Assert.NotEmpty(activity.Positions);
        foreach (var position in activity.Positions)
        {
            Assert.Equal(await history.ReadAmountAsync(ChainRole.L1, Address.Parse(position.Pool), "stakeOf(address)", delegator), position.Stake);
            Assert.NotNull(position.SequencerName);
        }

        Assert.Equal(Math.Min(100, await db.DelegationEvents.CountAsync(e => e.Delegator == delegator)), activity.History.Count);
        var withUnbond = await db.Unbondings.FirstAsync();
        var other = await history.GetAsync<AddressActivity>($"/api/addresses/{withUnbond.Delegator}");
        var entry = other.Unbondings.Single(u => u.Pool == withUnbond.Pool.ToString() && u.Nonce == withUnbond.Nonce);
        Assert.Equal(withUnbond.WithdrawableAt, entry.WithdrawableAt);
        Assert.Equal(withUnbond.WithdrawnBlock is not null ? "withdrawn" : withUnbond.WithdrawableAt <= DateTimeOffset.UtcNow ? "withdrawable" : "unbonding", entry.State);
    }

    [Fact]
    public async Task Mixed_case_address_with_a_wrong_checksum_is_refused_with_the_reason()
    {
        var delegator = history.Devnet.Accounts.Delegators[0].ToString();
        var broken = delegator[..2] + new string(delegator[2..].Select(c => char.IsLetter(c) ? (char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) : c).ToArray());
        using var response = await history.Client.GetAsync($"/api/addresses/{broken}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("checksum", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Search_says_what_it_found_for_each_kind_of_query()
    {
        await using var db = Db();
        var named = history.Devnet.Manifest.Sequencers[0];
        var batch = await db.RewardBatches.OrderBy(b => b.BatchId).FirstAsync();
        var head = await db.L2Blocks.MaxAsync(b => b.Number);

        Assert.Contains(await SearchAsync(named.Signer.ToString()), m => m.Kind == "signer" && m.Link == $"sequencers/{named.Id}");
        Assert.Contains(await SearchAsync(named.Name), m => m.Kind == "sequencer" && m.Link == $"sequencers/{named.Id}");
        Assert.Contains(await SearchAsync(batch.TxHash.ToString()), m => m.Kind == "transaction" && m.Title.Contains("L1", StringComparison.Ordinal));
        Assert.Contains(await SearchAsync(head.ToString(CultureInfo.InvariantCulture)), m => m.Kind == "block" && m.Link == $"blocks/{head}");
        Assert.Contains(await SearchAsync("3"), m => m.Kind == "epoch" && m.Link == "epochs/3");
        Assert.Contains(await SearchAsync("3"), m => m.Kind == "sequencer" && m.Link == "sequencers/3");
        var delegator = await db.Delegations.Select(d => d.Delegator).FirstAsync();
        Assert.Contains(await SearchAsync(delegator.ToString()), m => m.Kind == "address" && m.Link == $"address/{delegator}");
        Assert.Empty(await SearchAsync("no such thing"));
        var busy = await db.L2Blocks.Where(b => b.TxCount > 0).OrderByDescending(b => b.Number).FirstAsync();
        var l2Tx = (await history.Devnet.L2.Rpc.GetBlockAsync(busy.Number))!.TransactionHashes[0];
        Assert.Contains(await SearchAsync(l2Tx.ToString()), m => m.Kind == "transaction" && m.Link == $"blocks/{busy.Number}?tx={l2Tx}");
        Assert.Contains(await SearchAsync(batch.TxHash.ToString()), m => m.Link == $"tx/{batch.TxHash}");

        // Numbers as people write them: a kind word narrows, '#' and thousands separators are ignored.
        Assert.Equal(["epoch"], (await SearchAsync("epoch 3")).Select(m => m.Kind));
        Assert.Equal(["epoch"], (await SearchAsync("Epoch #3")).Select(m => m.Kind));
        Assert.Equal(["block"], (await SearchAsync("block " + head.ToString("N0", CultureInfo.InvariantCulture))).Select(m => m.Kind));
        Assert.Contains(await SearchAsync("#3"), m => m.Kind == "sequencer" && m.Link == "sequencers/3");
    }

    [Fact]
    public async Task A_transaction_is_told_in_the_dashboards_words()
    {
        await using var db = Db();
        var batch = await db.RewardBatches.OrderBy(b => b.BatchId).FirstAsync();
        var tx = await history.GetAsync<ChainTransaction>($"/api/tx/{batch.TxHash}");
        Assert.Equal("L1", tx.Chain);
        Assert.Equal("LockingPool", tx.ToName);
        Assert.Equal("batchSubmitRewards", tx.Method);
        Assert.True(tx.Succeeded);
        Assert.NotEmpty(tx.Events);
        Assert.All(tx.Events, e => Assert.False(e.Event.StartsWith("0x", StringComparison.Ordinal), $"event {e.Event} of {e.Contract} has no name"));
        Assert.Null(tx.ExplorerUrl);

        var client = history.Client;
        using var unknown = await client.GetAsync($"/api/tx/0x{new string('7', 64)}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Neither the dashboard's data nor the L1 and L2 nodes know", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var malformed = await client.GetAsync("/api/tx/0x1234");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    private async Task<IReadOnlyList<SearchMatch>> SearchAsync(string q) =>
        (await history.GetAsync<SearchResult>($"/api/search?q={Uri.EscapeDataString(q)}")).Matches;

    // ---------------------------------------------------------------- limits and the document

    [Fact]
    public async Task A_client_over_the_rate_limit_gets_a_clear_429_with_retry_after()
    {
        await using var server = history.StartReadOnlyServer(new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "3" });
        using var client = server.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("/api/network");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await client.GetAsync("/api/network");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("more than 3 requests in a minute", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_describes_every_area()
    {
        using var json = JsonDocument.Parse(await history.Client.GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[]
                 {
                     "/api/network", "/api/network/daily", "/api/sequencers", "/api/sequencers/{id}", "/api/sequencers/{id}/epochs", "/api/sequencers/{id}/production",
                     "/api/sequencers/{id}/incidents", "/api/sequencers/{id}/stake", "/api/sequencers/{id}/rewards", "/api/sequencers/{id}/delegators",
                     "/api/epochs", "/api/epochs/{id}", "/api/blocks", "/api/blocks/{number}", "/api/reward-batches", "/api/reward-batches/{id}",
                     "/api/incidents", "/api/addresses/{address}", "/api/search", "/api/stream", "/api/health",
                 })
        {
            Assert.Contains(path, paths);
        }

        // Addresses and hashes travel as strings; the document says which strings, with their patterns.
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.Equal(AddressStringAttribute.Pattern, schemas.GetProperty("SequencerSummary").GetProperty("properties").GetProperty("signer").GetProperty("pattern").GetString());
        Assert.Equal(AddressStringAttribute.Pattern, schemas.GetProperty("SequencerSummary").GetProperty("properties").GetProperty("owner").GetProperty("pattern").GetString());
        Assert.Equal(HashStringAttribute.Pattern, schemas.GetProperty("BlockItem").GetProperty("properties").GetProperty("hash").GetProperty("pattern").GetString());
    }
}
