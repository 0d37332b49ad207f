using Dashboard.Data.Conversions;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data;

/// <summary>
/// The EF Core model over the schema in /migrations. The SQL files are the schema's single source;
/// this model maps onto them (a test checks the two agree), it never creates tables itself.
/// </summary>
public sealed class DashboardDb(DbContextOptions<DashboardDb> options) : DbContext(options)
{
    public DbSet<ChainCheckpoint> Checkpoints => Set<ChainCheckpoint>();

    public DbSet<IndexerStatus> IndexerStatuses => Set<IndexerStatus>();

    public DbSet<EventBlock> EventBlocks => Set<EventBlock>();

    public DbSet<RawLog> RawLogs => Set<RawLog>();

    public DbSet<SequencerRow> Sequencers => Set<SequencerRow>();

    public DbSet<L2Block> L2Blocks => Set<L2Block>();

    public DbSet<RewardBatchCall> RewardBatchCalls => Set<RewardBatchCall>();

    public DbSet<RecommitReadback> RecommitReadbacks => Set<RecommitReadback>();

    public DbSet<PoolDiscovery> PoolDiscoveries => Set<PoolDiscovery>();

    public DbSet<SignerRow> Signers => Set<SignerRow>();

    public DbSet<StakeEvent> StakeEvents => Set<StakeEvent>();

    public DbSet<RewardBatch> RewardBatches => Set<RewardBatch>();

    public DbSet<SequencerReward> SequencerRewards => Set<SequencerReward>();

    public DbSet<RewardClaim> RewardClaims => Set<RewardClaim>();

    public DbSet<PoolRow> Pools => Set<PoolRow>();

    public DbSet<Delegation> Delegations => Set<Delegation>();

    public DbSet<DelegationEvent> DelegationEvents => Set<DelegationEvent>();

    public DbSet<Unbonding> Unbondings => Set<Unbonding>();

    public DbSet<EpochRow> Epochs => Set<EpochRow>();

    public DbSet<EpochStats> EpochStats => Set<EpochStats>();

    public DbSet<Recommit> Recommits => Set<Recommit>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<VaultOutflow> VaultOutflows => Set<VaultOutflow>();

    public DbSet<BridgeArrival> BridgeArrivals => Set<BridgeArrival>();

    public DbSet<Swap> Swaps => Set<Swap>();

    public DbSet<ParameterChange> ParameterChanges => Set<ParameterChange>();

    public DbSet<NetworkState> NetworkState => Set<NetworkState>();

    public DbSet<SequencerStats> SequencerStats => Set<SequencerStats>();

    public DbSet<NetworkStats> NetworkStats => Set<NetworkStats>();

    public DbSet<NetworkDay> NetworkDays => Set<NetworkDay>();

    public DbSet<SequencerDay> SequencerDays => Set<SequencerDay>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Address>().HaveConversion<AddressConverter>();
        configurationBuilder.Properties<Hash32>().HaveConversion<Hash32Converter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ChainCheckpoint>(e =>
        {
            e.ToTable("chain_checkpoints");
            e.HasKey(x => new { x.ChainId, x.Stream });
        });

        modelBuilder.Entity<IndexerStatus>(e =>
        {
            e.ToTable("indexer_status");
            e.HasKey(x => x.ChainId);
            e.Property(x => x.ChainId).ValueGeneratedNever();
        });

        modelBuilder.Entity<EventBlock>(e =>
        {
            e.ToTable("event_blocks");
            e.HasKey(x => new { x.ChainId, x.Number });
        });

        modelBuilder.Entity<RawLog>(e =>
        {
            e.ToTable("raw_logs");
            e.HasKey(x => new { x.ChainId, x.BlockHash, x.LogIndex });
            e.HasIndex(x => new { x.ChainId, x.BlockNumber, x.LogIndex }).HasDatabaseName("raw_logs_order");
        });

        modelBuilder.Entity<SequencerRow>(e =>
        {
            e.ToTable("sequencers");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Status).HasConversion<short>();
            e.Property(x => x.Locked).HasColumnType("numeric(78,0)");
            e.HasIndex(x => x.Signer).IsUnique().HasDatabaseName("sequencers_signer");
            e.HasIndex(x => x.Owner).HasDatabaseName("sequencers_owner");
        });

        Map<L2Block>(modelBuilder, "l2_blocks", e => e.HasKey(x => x.Number));
        Map<RewardBatchCall>(modelBuilder, "reward_batch_calls", e => e.HasKey(x => new { x.ChainId, x.BlockHash, x.LogIndex }));
        Map<RecommitReadback>(modelBuilder, "recommit_readbacks", e => e.HasKey(x => new { x.ChainId, x.BlockHash, x.LogIndex }));
        Map<PoolDiscovery>(modelBuilder, "pool_discoveries", e => e.HasKey(x => x.Address));
        Map<SignerRow>(modelBuilder, "signers", e => e.HasKey(x => x.Address));
        Map<StakeEvent>(modelBuilder, "stake_events", e => e.HasKey(x => new { x.BlockNumber, x.LogIndex }));
        Map<RewardBatch>(modelBuilder, "reward_batches", e => e.HasKey(x => x.BatchId));
        Map<SequencerReward>(modelBuilder, "sequencer_rewards", e => e.HasKey(x => new { x.BatchId, x.SequencerId }));
        Map<RewardClaim>(modelBuilder, "reward_claims", e => e.HasKey(x => new { x.BlockNumber, x.LogIndex }));
        Map<PoolRow>(modelBuilder, "pools", e => e.HasKey(x => x.Address));
        Map<Delegation>(modelBuilder, "delegations", e => e.HasKey(x => new { x.Pool, x.Delegator }));
        Map<DelegationEvent>(modelBuilder, "delegation_events", e => e.HasKey(x => new { x.BlockNumber, x.LogIndex }));
        Map<Unbonding>(modelBuilder, "unbondings", e => e.HasKey(x => new { x.Pool, x.Delegator, x.Nonce }));
        Map<EpochRow>(modelBuilder, "epochs", e => e.HasKey(x => x.Id));
        Map<EpochStats>(modelBuilder, "epoch_stats", e => e.HasKey(x => x.EpochId));
        Map<Recommit>(modelBuilder, "recommits", e => e.HasKey(x => x.L2Block));
        Map<Incident>(modelBuilder, "incidents", e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
        });
        Map<VaultOutflow>(modelBuilder, "vault_outflows", e => e.HasKey(x => new { x.BlockNumber, x.LogIndex }));
        Map<BridgeArrival>(modelBuilder, "bridge_arrivals", e => e.HasKey(x => new { x.BlockNumber, x.LogIndex }));
        Map<Swap>(modelBuilder, "swaps", e => e.HasKey(x => new { x.BlockNumber, x.LogIndex }));
        Map<ParameterChange>(modelBuilder, "parameter_changes", e => e.HasKey(x => new { x.Chain, x.BlockNumber, x.LogIndex }));
        Map<NetworkState>(modelBuilder, "network_state", e => e.HasKey(x => x.Id));
        Map<SequencerStats>(modelBuilder, "sequencer_stats", e => e.HasKey(x => new { x.SequencerId, x.TimeWindow }));
        Map<NetworkStats>(modelBuilder, "network_stats", e => e.HasKey(x => x.TimeWindow));
        Map<NetworkDay>(modelBuilder, "network_daily", e => e.HasKey(x => x.Day));
        Map<SequencerDay>(modelBuilder, "sequencer_daily", e => e.HasKey(x => new { x.SequencerId, x.Day }));

        // Every wei amount is numeric(78,0); keys are never generated by the database unless said so above.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type == typeof(System.Numerics.BigInteger))
                {
                    property.SetColumnType("numeric(78,0)");
                }

                if (property.IsPrimaryKey() && property.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd && entity.ClrType != typeof(Incident))
                {
                    property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
                }
            }
        }

        // Column names follow the SQL files: snake_case of the property names.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    /// <summary>
    /// The table an entity maps to, for the writers that use SQL (binary COPY, set-based upserts, the stats job): they
    /// name the entity, so every writer of a table is found from its C# type.
    /// </summary>
    public static string Table<TEntity>() where TEntity : class =>
        StaticModel.Value.FindEntityType(typeof(TEntity))?.GetTableName() ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not an entity of the model.");

    // The model alone, built once (EF caches it per context type): no connection is made.
    private static readonly Lazy<Microsoft.EntityFrameworkCore.Metadata.IModel> StaticModel = new(() =>
    {
        using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql().Options);
        return db.Model;
    });

    private static void Map<T>(ModelBuilder modelBuilder, string table, Action<Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T>> configure)
        where T : class
    {
        var entity = modelBuilder.Entity<T>();
        entity.ToTable(table);
        configure(entity);
    }

    internal static string SnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (char.IsUpper(ch))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(ch));
            }
            else
            {
                builder.Append(ch);
            }
        }

        return builder.ToString();
    }
}
