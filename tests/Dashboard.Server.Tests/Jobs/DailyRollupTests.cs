using System.Numerics;
using Dashboard.Data;
using Dashboard.Server.Tests.Indexing;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Tests.Jobs;

/// <summary>The daily rollups stay right when the stats job runs before (and while) the indexers backfill.</summary>
public sealed class DailyRollupTests(IndexedHistory history) : IClassFixture<IndexedHistory>
{
    [Fact]
    public async Task Days_a_backfill_had_not_reached_are_filled_in_when_it_gets_there()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("rollup");
        try
        {
            // The job's first run finds nothing indexed yet.
            await history.RunStatsAsync(connectionString);
            await using (var server = history.StartServer(connectionString))
            {
                server.CreateClient().Dispose();
                await history.WaitUntilIndexedAsync(connectionString);
            }

            await history.RunStatsAsync(connectionString);
            await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(connectionString).Options);
            var days = await db.NetworkDays.OrderBy(d => d.Day).ToListAsync();
            var first = DateOnly.FromDateTime((await db.L2Blocks.MinAsync(b => b.Time)).UtcDateTime);
            Assert.Equal(first, days[0].Day);
            // The series ends at the newest indexed day (not the wall clock's, which may have turned midnight since).
            Assert.Equal(DateOnly.FromDateTime((await db.L2Blocks.MaxAsync(b => b.Time)).UtcDateTime), days[^1].Day);
            Assert.Equal(days[^1].Day.DayNumber - first.DayNumber + 1, days.Count);
            Assert.Equal(await db.L2Blocks.LongCountAsync(), days.Sum(d => d.Blocks));
            Assert.Equal(Sum(await db.RewardBatches.Select(b => b.Amount).ToListAsync()), Sum(days.Select(d => d.Rewards)));
            Assert.Equal(Sum(await db.SequencerRewards.Select(r => r.Amount).ToListAsync()), Sum((await db.SequencerDays.ToListAsync()).Select(d => d.Rewards)));

            // A sequencer's blocks count on the day its epoch ended: the running epoch's count on no day yet.
            var head = await db.L2Blocks.MaxAsync(b => b.Number);
            var running = await db.Epochs.Where(e => e.StartBlock <= head && e.EndBlock >= head).Select(e => e.Id).ToListAsync();
            Assert.True(await db.EpochStats.AnyAsync(st => running.Contains(st.EpochId) && st.Blocks > 0), "the history ends inside an epoch that has produced blocks");
            var finalized = await (from e in db.Epochs join st in db.EpochStats on e.Id equals st.EpochId where e.EndBlock < head select st.Blocks).SumAsync();
            Assert.Equal(finalized, await db.SequencerDays.SumAsync(d => d.ProducedBlocks));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private static BigInteger Sum(IEnumerable<BigInteger> amounts) => amounts.Aggregate(BigInteger.Zero, (a, b) => a + b);
}
