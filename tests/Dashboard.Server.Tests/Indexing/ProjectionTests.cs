using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Tests.Indexing;

/// <summary>Every projection, after indexing a simulated history, against values computed from the chains in the test.</summary>
public sealed class ProjectionTests(IndexedHistory history) : IClassFixture<IndexedHistory>
{
    [Fact]
    public async Task Every_projection_matches_what_the_chains_say()
    {
        var problems = await new ChainAudit(history.Devnet, history.ConnectionString).RunAsync(history.StallSeconds);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
    }

    [Fact]
    public async Task The_history_exercises_every_projection()
    {
        await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(history.ConnectionString).Options);
        Assert.True(await db.Recommits.CountAsync() > 1, "recommits");
        Assert.True(await db.Incidents.AnyAsync(i => i.Kind == "gap"), "stalls inside epochs");
        Assert.True(await db.RewardBatches.CountAsync() >= 5, "reward batches");
        Assert.True(await db.StakeEvents.AnyAsync(e => e.Kind == "compound"), "compounding relocks");
        Assert.True(await db.StakeEvents.CountAsync(e => e.Kind == "exit") == 1, "an exit");
        Assert.True(await db.RewardClaims.AnyAsync(), "reward claims");
        Assert.True(await db.Signers.CountAsync(s => s.RetiredBlock != null) >= 2, "a rotated and an exited signer");
        Assert.True(await db.DelegationEvents.CountAsync(e => e.Kind == "delegate") >= 2, "delegations");
        Assert.True(await db.Unbondings.AnyAsync(), "unbondings");
        Assert.True(await db.SequencerStats.AnyAsync(s => s.TimeWindow == "all" && s.Uptime < 1), "a sequencer below 100 % uptime");
    }

    [Fact]
    public async Task A_sequencer_that_never_started_its_epoch_is_blamed_and_the_ended_epoch_is_untouched()
    {
        await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(history.ConnectionString).Options);
        var neverStarted = await db.Recommits.Where(r => r.NeverStarted).ToListAsync();
        Assert.NotEmpty(neverStarted);
        Assert.True(await db.Recommits.AnyAsync(r => !r.NeverStarted), "recommits that cut a running epoch");
        foreach (var recommit in neverStarted)
        {
            var ended = await db.Epochs.SingleAsync(e => e.Id == recommit.OldEpochId);
            Assert.Null(ended.CutAtBlock);
            Assert.Equal(recommit.StartBlock - 1, ended.EndBlock);
            Assert.Equal(ended.AssignedEndBlock, ended.EndBlock);
            var incident = await db.Incidents.SingleAsync(i => i.Kind == "recommit" && i.ToBlock == recommit.L2Block);
            Assert.Equal(recommit.OldSigner, incident.Signer);
            Assert.Equal(recommit.NewEpochId, incident.EpochId);
            Assert.True(incident.LostBlocks > 0 && incident.LostBlocks == recommit.LostBlocks);
            Assert.NotEqual(recommit.OldSigner, recommit.NewSigner);
        }
    }

    [Fact]
    public async Task L2_blocks_are_stored_in_block_number_partitions()
    {
        await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(history.ConnectionString).Options);
        var partitions = await db.Database.SqlQueryRaw<string>("select c.relname as \"Value\" from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'l2_blocks'::regclass").ToListAsync();
        Assert.Contains("l2_blocks_p0", partitions);
    }
}
