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

        // Column names follow the SQL files: snake_case of the property names.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
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
