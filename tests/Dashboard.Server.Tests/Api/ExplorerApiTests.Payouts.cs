using System.Numerics;
using Dashboard.Contracts.Bridge;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Testing;

namespace Dashboard.Server.Tests.Api;

/// <summary>Reward payouts across the chains: each L1 payout found on L2 by the bridge's own order, with both transactions and the delay.</summary>
public sealed partial class ExplorerApiTests
{
    [Fact]
    public async Task Every_reward_payout_is_followed_to_its_arrival_on_l2_with_both_transactions_and_what_is_left_on_l1_is_what_the_contract_holds()
    {
        var l1 = history.Devnet.L1.Rpc;
        var l2 = history.Devnet.L2.Rpc;
        var info = history.Contract(ChainRole.L1, ContractNames.LockingInfo);

        // From the chains, by another route than the indexer's: the L1 bridge's deposits in the order it recorded them,
        // and the L2 bridge's arrivals in the order they were finalized — the relay keeps the order, so the i-th of each
        // are one payout.
        var claims = (await ChainReader.EventsAsync<ClaimRewardsEvent>(l1, info)).Where(c => c.Event.Amount > 0).ToList();
        var deposits = await ChainReader.EventsAsync<ERC20DepositInitiatedEvent>(l1, history.Contract(ChainRole.L1, ContractNames.L1Bridge));
        var arrivals = await ChainReader.EventsAsync<DepositFinalizedEvent>(l2, history.Contract(ChainRole.L2, ContractNames.L2StandardBridge));
        Assert.Equal(claims.Count, deposits.Count);
        Assert.True(arrivals.Count >= 2, $"the history has {arrivals.Count} payouts arrived on L2; the test needs a few");
        Assert.All(arrivals.Zip(deposits), pair =>
        {
            Assert.Equal((Address.Parse(pair.Second.Event.To), pair.Second.Event.Amount, info), (Address.Parse(pair.First.Event.To), pair.First.Event.Amount, Address.Parse(pair.First.Event.From)));
            Assert.True(pair.First.Log.BlockNumber > 0);
        });

        async Task<long> TimeAsync(EthRpcClient rpc, long block) => (await rpc.GetBlockAsync(block))!.Timestamp;
        var expected = new List<(string L1Tx, string? L2Tx, int? Delay, string Status)>();
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i].Log;
            if (i < arrivals.Count)
            {
                var arrival = arrivals[i].Log;
                var delay = (int)(await TimeAsync(l2, arrival.BlockNumber) - await TimeAsync(l1, claim.BlockNumber));
                expected.Add((claim.TransactionHash.ToString(), arrival.TransactionHash.ToString(), delay, PayoutStatus.Arrived));
            }
            else
            {
                expected.Add((claim.TransactionHash.ToString(), null, null, PayoutStatus.Crossing));
            }
        }

        var report = await history.GetAsync<PayoutReport>("/api/reward-payouts");
        Assert.Equal(expected.AsEnumerable().Reverse(), report.Payouts.Select(p => (p.L1TxHash, p.L2TxHash, p.DelaySeconds, p.Status)));
        Assert.Equal(0, report.Overdue);
        Assert.Equal(expected.Where(e => e.Delay is not null).Max(e => e.Delay), report.Delay.Max);

        // Per sequencer: what it bridged, what arrived, and — credited − compounded − bridged — what the contract still holds for it.
        var pool = history.Contract(ChainRole.L1, ContractNames.LockingPool);
        foreach (var line in report.Sequencers)
        {
            var mine = claims.Select((c, i) => (c, i)).Where(x => (long)x.c.Event.SequencerId == line.SequencerId).ToList();
            Assert.Equal(mine.Aggregate(BigInteger.Zero, (sum, x) => sum + x.c.Event.Amount), line.Bridged);
            Assert.Equal(mine.Where(x => x.i < arrivals.Count).Aggregate(BigInteger.Zero, (sum, x) => sum + x.c.Event.Amount), line.Arrived);
            var onChain = await l1.ReadAsync<SequencersFunction, SequencerOutput>(pool, new SequencersFunction { SequencerId = line.SequencerId });
            Assert.Equal(onChain.Reward, line.NotYetClaimed);
        }

        // The tax history of a recipient names the L2 transaction of each payout that arrived.
        var recipient = Address.Parse(claims[0].Event.Recipient);
        var tax = await history.GetAsync<TaxHistory>($"/api/addresses/{recipient}/tax?from=2000-01-01");
        var paidToIt = expected.Where((e, i) => Address.Parse(claims[i].Event.Recipient) == recipient).ToDictionary(e => e.L1Tx, e => e.L2Tx);
        Assert.Equal(paidToIt.OrderBy(p => p.Key), tax.Events.Where(e => e.Kind == "reward-payout").Select(e => new KeyValuePair<string, string?>(e.TxHash!, e.L2TxHash)).OrderBy(p => p.Key));

        using var bad = await history.Client.GetAsync("/api/reward-payouts?status=lost");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"field\":\"status\"", await bad.Content.ReadAsStringAsync());
    }
}
