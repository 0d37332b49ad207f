using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Migrations;
using Dashboard.Server.Api;
using Dashboard.Server.Configuration;
using Dashboard.Server.Indexing;
using Dashboard.Server.Indexing.Projections;
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

        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddProblemDetails();
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<ChainTypesSchemaTransformer>();
            options.CreateSchemaReferenceId = ChainTypesSchemaTransformer.ReferenceId;
        });
        return builder;
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
