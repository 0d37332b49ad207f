using System.Globalization;
using System.Numerics;
using Dashboard.Contracts.Delegation;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Core.Formatting;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Testing;

namespace Dashboard.Server.Tests.Api;

/// <summary>Tax-grade history: income from the chain's own events, principal apart, exact amounts, the tools' formats.</summary>
public sealed partial class ExplorerApiTests
{
    private const string AllTime = "from=2000-01-01&to=2100-12-31";

    [Fact]
    public async Task A_pool_operators_commission_is_income_when_it_claims_it()
    {
        var found = 0;
        foreach (var pool in history.Devnet.Manifest.Sequencers.Where(s => s.Pool is not null).Select(s => s.Pool!.Value))
        {
            // The operator as the pool names it, the commission its harvests credited it, and its claims.
            var operatorAddress = Address.Parse(await history.Devnet.L1.Rpc.ReadValueAsync<OperatorFunction, string>(pool));
            var commission = (await ChainReader.EventsAsync<RewardsHarvestedEvent>(history.Devnet.L1.Rpc, pool)).Aggregate(BigInteger.Zero, (sum, h) => sum + h.Event.Commission);
            var claims = (await ChainReader.EventsAsync<DelegatorClaimedRewardsEvent>(history.Devnet.L1.Rpc, pool)).Where(c => Address.Parse(c.Event.User) == operatorAddress).ToList();
            if (claims.Count == 0)
            {
                continue;
            }

            // What it claims is its commission with the rewards of its own stake in the pool (it holds shares too).
            found++;
            Assert.True(commission > 0, "the pool's harvests credited its operator no commission");
            var tax = await history.GetAsync<TaxHistory>($"/api/addresses/{operatorAddress}/tax?{AllTime}");
            var rows = tax.Events.Where(e => e.Kind == "reward-claimed").ToList();
            Assert.Equal(claims.Select(c => (c.Log.TransactionHash.ToString(), c.Event.Rewards)).Order(), rows.Select(e => (e.TxHash!, e.Amount)).Order());
            Assert.All(rows, e => Assert.True(e.Income));
        }

        Assert.True(found > 0, "no pool operator of the history claimed its commission");
    }

    [Fact]
    public async Task A_delegators_income_is_every_claim_and_restake_the_pools_emitted_for_it()
    {
        // Per delegator, from the pools' events: claimed and restaked rewards.
        var income = new Dictionary<Address, (BigInteger Sum, int Count)>();
        foreach (var pool in history.Devnet.Manifest.Sequencers.Where(s => s.Pool is not null).Select(s => s.Pool!.Value))
        {
            foreach (var (_, claim) in await ChainReader.EventsAsync<DelegatorClaimedRewardsEvent>(history.Devnet.L1.Rpc, pool))
            {
                var user = Address.Parse(claim.User);
                income[user] = (income.GetValueOrDefault(user).Sum + claim.Rewards, income.GetValueOrDefault(user).Count + 1);
            }

            foreach (var (_, restake) in await ChainReader.EventsAsync<DelegatorRestakedEvent>(history.Devnet.L1.Rpc, pool))
            {
                var user = Address.Parse(restake.User);
                income[user] = (income.GetValueOrDefault(user).Sum + restake.Amount, income.GetValueOrDefault(user).Count + 1);
            }
        }

        Assert.True(income.Count > 0, "no delegator claimed or restaked in the history");
        foreach (var (delegator, (sum, count)) in income)
        {
            var tax = await history.GetAsync<TaxHistory>($"/api/addresses/{delegator}/tax?{AllTime}");
            Assert.Equal(sum, tax.Income);
            Assert.Equal(count, tax.Events.Count(e => e.Income));
            Assert.All(tax.Events.Where(e => e.Income), e => Assert.Contains(e.Kind, new[] { TaxKinds.RewardClaimed, TaxKinds.RewardRestaked }));
            // Principal is there too, never as income; the withdrawal of a claimed reward's entry is no income again.
            Assert.All(tax.Events.Where(e => !e.Income), e => Assert.DoesNotContain(e.Kind, new[] { TaxKinds.RewardClaimed, TaxKinds.RewardRestaked }));
            Assert.Equal(tax.Events.OrderBy(e => e.Time).Select(e => e.Time), tax.Events.Select(e => e.Time));
        }

        // By day: the same income in fewer or as many rows, each counting its events.
        var busiest = income.MaxBy(i => i.Value.Count).Key;
        var byDay = await history.GetAsync<TaxHistory>($"/api/addresses/{busiest}/tax?{AllTime}&aggregate=day");
        Assert.Equal(income[busiest].Sum, byDay.Income);
        Assert.Equal(income[busiest].Count, byDay.Events.Where(e => e.Income).Sum(e => e.Count));
        Assert.All(byDay.Events, e => Assert.Equal(TimeSpan.Zero, e.Time.TimeOfDay));
    }

    [Fact]
    public async Task An_operators_income_is_what_the_batches_credited_and_its_own_payouts_are_not_income_again()
    {
        var pool = history.Contract(ChainRole.L1, ContractNames.LockingPool);
        var plain = history.Devnet.Manifest.Sequencers.First(s => s.Pool is null);
        var owner = (Address)(await history.ReadAsync(ChainRole.L1, pool, "sequencers(uint256)", SequencerTuple, new BigInteger(plain.Id)))[8]!;
        var rewards = await history.GetAsync<PageOf<RewardShareItem>>($"/api/sequencers/{plain.Id}/rewards?pageSize=500");
        var tax = await history.GetAsync<TaxHistory>($"/api/addresses/{owner}/tax?{AllTime}");
        var credited = tax.Events.Where(e => e.Kind == TaxKinds.RewardCredited).ToList();
        Assert.Equal(rewards.Items.Count, credited.Count);
        Assert.Equal(rewards.Items.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Amount), credited.Aggregate(BigInteger.Zero, (sum, e) => sum + e.Amount));
        Assert.Contains(tax.Events, e => e.Kind == TaxKinds.Lock && !e.Income);
        // Its own payouts move income it was credited already.
        Assert.All(tax.Events.Where(e => e.Kind == TaxKinds.RewardPayout && e.SequencerId == plain.Id), e => Assert.False(e.Income));
    }

    [Fact]
    public async Task A_date_range_picks_its_days_and_the_tax_tools_formats_carry_the_income_exactly()
    {
        var plain = history.Devnet.Manifest.Sequencers.First(s => s.Pool is null);
        var owner = (await history.GetAsync<SequencerDetail>($"/api/sequencers/{plain.Id}")).Summary.Owner!;
        var all = await history.GetAsync<TaxHistory>($"/api/addresses/{owner}/tax?{AllTime}");
        var day = DateOnly.FromDateTime(all.Events.First(e => e.Income).Time.UtcDateTime);
        var one = await history.GetAsync<TaxHistory>($"/api/addresses/{owner}/tax?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        Assert.Equal(all.Events.Where(e => DateOnly.FromDateTime(e.Time.UtcDateTime) == day).Select(e => (e.Kind, e.Amount, e.TxHash)), one.Events.Select(e => (e.Kind, e.Amount, e.TxHash)));

        var incomeRows = all.Events.Where(e => e.Income).ToList();
        var koinly = await CsvLinesAsync($"/api/addresses/{owner}/tax?{AllTime}&format=koinly");
        Assert.Equal("Koinly Date,Amount,Currency,Label,Description,TxHash", koinly[0]);
        Assert.Equal(incomeRows.Count + 1, koinly.Length);
        var first = koinly[1].Split(',');
        Assert.Equal(incomeRows[0].Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), first[0]);
        Assert.Equal((MetisAmount.Exact(incomeRows[0].Amount), "METIS", "staking"), (first[1], first[2], first[3]));
        Assert.Equal(incomeRows[0].TxHash, first[^1]);

        var cointracking = await CsvLinesAsync($"/api/addresses/{owner}/tax?{AllTime}&format=cointracking");
        Assert.Equal("Type,Buy Amount,Buy Currency,Sell Amount,Sell Currency,Fee,Fee Currency,Exchange,Trade-Group,Comment,Date,Tx-ID", cointracking[0]);
        Assert.Equal(incomeRows.Count + 1, cointracking.Length);
        Assert.StartsWith($"Staking,{MetisAmount.Exact(incomeRows[0].Amount)},METIS,", cointracking[1], StringComparison.Ordinal);

        var generic = await CsvLinesAsync($"/api/addresses/{owner}/tax?{AllTime}&format=csv");
        Assert.StartsWith("time_utc,kind,income,amount_metis,amount_wei,currency,", generic[0], StringComparison.Ordinal);
        Assert.Equal(all.Events.Count + 1, generic.Length);

        foreach (var (query, field) in new[] { ("from=2026-02-01&to=2026-01-01", "from"), ("from=2026-13-01", "from"), ("aggregate=week", "aggregate"), ("format=xlsx", "format") })
        {
            using var response = await history.Client.GetAsync($"/api/addresses/{owner}/tax?{query}");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"\"field\":\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private async Task<string[]> CsvLinesAsync(string path)
    {
        using var response = await history.Client.GetAsync(path);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }
}
