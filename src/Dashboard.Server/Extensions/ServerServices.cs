using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Migrations;
using Dashboard.Server.Api;
using Dashboard.Server.Configuration;
using Dashboard.Server.Indexing;
using Dashboard.Server.Indexing.Projections;
using Dashboard.Server.Jobs;
using Quartz;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Server.Extensions;

/// <summary>Registration of everything the server runs, so Program.cs stays a table of contents.</summary>
public static class ServerServices
{
    public const string ConnectionStringName = "Dashboard";

    public static WebApplicationBuilder AddDashboardServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddOptions<NetworkOptions>().BindConfiguration("Network");
        services.AddSingleton(sp => ResolvedNetwork.Resolve(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<NetworkOptions>>().Value,
            builder.Environment.ContentRootPath));

        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set. The README's first command sets it for its own cluster; set ConnectionStrings__{ConnectionStringName} to use another PostgreSQL.");
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddDbContextFactory<DashboardDb>((sp, options) => options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DashboardDb>>().CreateDbContext());
        services.AddSingleton<MigrationRunner>();

        services.AddHttpClient("rpc", client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IndexerStatusStore>();
        services.AddSingleton<IProjection, SequencerProjection>();
        services.AddSingleton<IProjection, RewardProjection>();
        services.AddSingleton<IProjection, DelegationProjection>();
        services.AddSingleton<IProjection, EpochProjection>();
        services.AddSingleton<IProjection, FeeVaultProjection>();
        services.AddSingleton(sp =>
        {
            var registry = new LogHandlerRegistry();
            foreach (var projection in sp.GetServices<IProjection>())
            {
                projection.Register(registry);
            }

            return registry;
        });

        // Order matters: the schema exists before the indexers start.
        services.AddHostedService<DatabaseMigrator>();
        if (configuration.GetValue("Indexer:Enabled", true))
        {
            services.AddHostedService<IndexerHost>();
        }

        if (configuration.GetValue("Jobs:Enabled", true))
        {
            AddJobs(services, connectionString, configuration.GetValue("Jobs:StatsInterval", TimeSpan.FromSeconds(30)));
        }

        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddProblemDetails();
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<ChainTypesSchemaTransformer>();
            options.CreateSchemaReferenceId = ChainTypesSchemaTransformer.ReferenceId;
        });
        return builder;
    }

    /// <summary>
    /// Quartz with its job store in our PostgreSQL, clustered: with several server instances each run happens once.
    /// Quartz creates its own qrtz_ tables when they are missing (they are Quartz's, not part of /migrations).
    /// </summary>
    private static void AddJobs(IServiceCollection services, string connectionString, TimeSpan statsInterval)
    {
        services.AddSingleton<StatsCalculator>();
        services.AddQuartz(quartz =>
        {
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering();
                store.ProvisionSchema();
            });
            quartz.ScheduleJob<StatsJob>(
                trigger => trigger.WithIdentity("rolling-stats").StartNow().WithSimpleSchedule(s => s.WithInterval(statsInterval).RepeatForever()),
                job => job.WithIdentity(StatsJob.Key));
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
    }

    public static WebApplication MapDashboardApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapSequencersApi();
        app.MapHealthApi();
        app.MapGet("/", () => Results.Redirect("/openapi/v1.json")).ExcludeFromDescription();
        return app;
    }
}
