using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Migrations;
using Dashboard.Server.Api;
using Dashboard.Server.Configuration;
using Dashboard.Server.Indexing;
using Dashboard.Server.Indexing.Projections;
using Dashboard.Server.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Dashboard.Server.Ops;
using Dashboard.Server.Accounts;
using Dashboard.Server.Alerts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Dashboard.Server.Directory;
using Dashboard.Server.Live;
using Dashboard.Server.Transactions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Server.Extensions;

/// <summary>Registration of everything the server runs, so Program.cs stays a table of contents.</summary>
public static class ServerServices
{
    public const string ConnectionStringName = "Dashboard";

    /// <summary>The output-cache tag of every answer built from indexed data; evicted whenever that data changes.</summary>
    public const string IndexedDataTag = "indexed";

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

        // Without the factory's request logging: it writes the full URL, and providers put API keys in it (…/v2/KEY,
        // ?apikey=); EthRpcClient names the node by host and port in everything it logs or reports.
        services.AddHttpClient("rpc", client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<IndexerStatusStore>();
        services.AddSingleton<IndexedDataVersion>();
        services.AddSingleton<IProjection, SequencerProjection>();
        services.AddSingleton<IProjection, RewardProjection>();
        services.AddSingleton<IProjection, DelegationProjection>();
        services.AddSingleton<IProjection, EpochProjection>();
        services.AddSingleton<IProjection, FeeVaultProjection>();
        services.AddSingleton<IProjection, BridgeProjection>();
        services.AddSingleton<IProjection, SwapProjection>();
        services.AddSingleton<IProjection, ParameterProjection>();
        services.AddSingleton<IProjection, SequencerSetParameterProjection>();
        services.AddSingleton(sp =>
        {
            var registry = new LogHandlerRegistry();
            foreach (var projection in sp.GetServices<IProjection>())
            {
                projection.Register(registry);
            }

            return registry;
        });

        services.AddSingleton<StatsCalculator>();

        // Order matters: the network is checked (and a wrong setting stops the server) before anything else starts,
        // and the schema exists before the indexers start.
        services.AddHostedService<NetworkCheck>();
        services.AddHostedService<DatabaseMigrator>();
        if (configuration.GetValue("Indexer:Enabled", true))
        {
            services.AddHostedService<IndexerHost>();
        }

        if (configuration.GetValue("Jobs:Enabled", true))
        {
            AddJobs(services, configuration);
        }

        AddAccounts(services, configuration);
        AddOps(services, configuration);

        // On the real networks, Metis' own list is the default (MetisProtocol/metis-sequencer-resources).
        services.AddOptions<MetadataOptions>().BindConfiguration("Metadata")
            .PostConfigure<ResolvedNetwork>((metadata, network) =>
            {
                if (metadata.Path is null && metadata.Url is null && network.Chains.FirstOrDefault(c => c.Role == Core.Chains.ChainRole.L2) is { } l2 &&
                    MetadataOptions.MetisLists.TryGetValue(l2.ChainId, out var list))
                {
                    metadata.Url = list;
                }
            });
        services.AddHttpClient("metadata", client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<MetadataSource>();
        services.AddSingleton<SequencerProfiles>();
        services.AddSingleton<SequencerDirectory>();
        services.AddOptions<Analytics.DecentralizationOptions>().BindConfiguration("Decentralization").ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Analytics.DecentralizationOptions>, Analytics.DecentralizationOptions.Validator>();
        services.AddSingleton<Analytics.OperatingEntities>();
        services.AddSingleton<Analytics.DecentralizationRollup>();
        services.AddSingleton<Analytics.DecentralizationReader>();
        services.AddSingleton<Analytics.TaxHistoryReader>();
        services.AddSingleton<Analytics.RewardReconciliation>();
        services.AddSingleton<Analytics.Liveness>();
        services.AddSingleton<Analytics.BridgePayouts>();
        services.AddSingleton<Analytics.SequencingFairness>();
        services.AddSingleton<ChainClients>();
        services.AddSingleton<WalletReader>();
        services.AddSingleton<MetisPriceReader>();
        services.AddSingleton<TransactionBuilder>();
        services.AddSingleton<DevnetFaucet>();
        services.AddSingleton<LiveFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        AddRateLimiting(services, configuration);
        // Bounded: unique queries cannot grow it past this; the oldest answers make way.
        services.AddOutputCache(options =>
        {
            options.SizeLimit = 64 * 1024 * 1024;
            options.MaximumBodySize = 4 * 1024 * 1024;
        });

        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // A body cut off by the server's size limit while it was read (no length declared) gets the same words as one refused up front.
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Title = "Request too large";
                context.ProblemDetails.Detail = $"The request body is larger than the API reads ({MaxRequestBodyBytes / 1024} KB at most); send less.";
            }
        });
        services.AddExceptionHandler<BadRequestHandler>();
        // Binding failures reach BadRequestHandler in every environment (by default only Development throws them).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<ChainTypesSchemaTransformer>();
            options.CreateSchemaReferenceId = ChainTypesSchemaTransformer.ReferenceId;
        });
        return builder;
    }

    /// <summary>
    /// Hangfire with its job store in our PostgreSQL (schema "hangfire", installed with the migrations), clustered:
    /// with several server instances each occurrence of a recurring job runs once. Three workers: this is a small machine.
    /// The indexers are not jobs: they are continuous loops (background services) with their own leader election.
    /// </summary>
    private static void AddJobs(IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddSingleton(new JobsOptions(configuration.GetValue("Jobs:StatsInterval", TimeSpan.FromSeconds(30))));
        services.AddHangfire((sp, hangfire) => hangfire
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                storage => storage.UseConnectionFactory(new DataSourceConnections(sp.GetRequiredService<NpgsqlDataSource>())),
                new PostgreSqlStorageOptions { SchemaName = DatabaseMigrator.JobsSchema, QueuePollInterval = TimeSpan.FromSeconds(1), PrepareSchemaIfNecessary = false }));
        services.AddHangfireServer(server =>
        {
            // Two for the rolling figures and the sweep, one always free for alert deliveries.
            server.WorkerCount = 3;
            server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        services.AddHostedService<JobSchedule>();
        // Alert delivery is a job: an instance without jobs leaves its alerts to one with them (the outbox's sweep).
        services.AddTransient<AlertDelivery>();
    }

    /// <summary>
    /// Sign-In with Ethereum sessions, and alerts: subscriptions, the outbox the indexer writes, delivery jobs and their
    /// senders. Destinations are encrypted with Data Protection, its key ring in our PostgreSQL (every instance reads it).
    /// </summary>
    private static void AddAccounts(IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddOptions<SignInOptions>().BindConfiguration("SignIn");
        services.AddSingleton<SignInService>();
        services.AddAuthentication(SessionAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthentication>(SessionAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(SessionAuthentication.Policy, policy => policy.AddAuthenticationSchemes(SessionAuthentication.SchemeName).RequireAuthenticatedUser());

        var protection = services.AddDataProtection().SetApplicationName("metis-sequencer-dashboard");
        if (configuration["DataProtection:KeysPath"] is { Length: > 0 } keys)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
        else
        {
            services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new ProtectionKeys(dataSource));
        }

        // The devnet's receivers are local; a real network's subscribers may not aim the server at private addresses.
        services.AddOptions<AlertOptions>().BindConfiguration("Alerts")
            .PostConfigure<ResolvedNetwork>((alerts, network) => alerts.AllowPrivateTargets ??= network.DevnetAdmin is not null);
        services.AddHttpClient(AlertSenders.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();
        services.AddSingleton<AlertSenders>();
        services.AddSingleton<AlertOutbox>();
        services.AddSingleton<AlertConditions>();
    }

    /// <summary>The operators' pages (the job dashboard), behind their own credential; absent unless one is configured.</summary>
    private static void AddOps(IServiceCollection services, ConfigurationManager configuration)
    {
        if (string.IsNullOrEmpty(configuration["Ops:Password"]))
        {
            return;
        }

        services.AddAuthentication()
            .AddScheme<OpsCredential, OpsAuthentication>(OpsAuthentication.SchemeName, options => configuration.GetSection("Ops").Bind(options));
        services.AddAuthorizationBuilder()
            .AddPolicy(OpsAuthentication.Policy, policy => policy.AddAuthenticationSchemes(OpsAuthentication.SchemeName).RequireAuthenticatedUser());
    }

    /// <summary>
    /// Generous per-client limits (default 1,200 requests a minute per IP address) with a clear 429: problem+json
    /// and Retry-After. The UI server on the same host is exempt, since it asks for all its users.
    /// </summary>
    private static void AddRateLimiting(IServiceCollection services, ConfigurationManager configuration)
    {
        var permits = configuration.GetValue("RateLimit:PermitsPerMinute", 1_200);
        var exempt = (configuration.GetSection("RateLimit:ExemptAddresses").Get<string[]>() ?? ["127.0.0.1", "::1"])
            .Select(a => System.Net.IPNetwork.TryParse(a, out var network) ? network
                : System.Net.IPAddress.TryParse(a, out var address) ? new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
                : throw new InvalidOperationException($"RateLimit:ExemptAddresses has '{a}', which is neither an IP address nor a network such as 10.0.0.0/8."))
            .ToArray();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                // IPv4 clients of a dual-stack listener arrive as ::ffff:a.b.c.d.
                var remote = context.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : context.Connection.RemoteIpAddress;
                var client = remote?.ToString() ?? "unknown";
                var trusted = remote is not null && exempt.Any(n => n.Contains(remote));
                // The UI asks for all its visitors and is exempt, except where it passes a visitor's own request on
                // (CSV downloads): then the visitor is counted, by the address it forwards (the last entry: the one
                // our UI appended, not one a client wrote itself).
                if (trusted && context.Request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
                {
                    client = forwarded.Split(',')[^1].Trim();
                }
                else if (trusted)
                {
                    return RateLimitPartition.GetNoLimiter(client);
                }

                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"This client made more than {permits} requests in a minute. Try again in {Math.Ceiling(retry.TotalSeconds)} s, or run your own instance for bulk use.",
                }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
            };
        });
    }

    /// <summary>
    /// The API answers JSON, CSV and a text stream, never a page: nothing of it may be sniffed as another type, framed,
    /// or run scripts (Hangfire's dashboard under /ops is a page of its own and keeps its defaults). HSTS over HTTPS.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments("/ops"))
        {
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }

        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }

        return next();
    }

    /// <summary>The largest request body the API reads: its largest real body, a transaction intent, is well under 2 KB.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>
    /// A body larger than <see cref="MaxRequestBodyBytes"/> is refused before anything reads it: at once when it says its
    /// length, else by the server when the reading passes the limit (a 413 problem+json either way).
    /// </summary>
    private static async Task LimitBody(HttpContext context, Func<Task> next)
    {
        var limit = ProfilesApi.IsAvatarUpload(context.Request) ? ProfilesApi.MaxUploadBytes : MaxRequestBodyBytes;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request too large",
                Detail = $"The request body has {length:N0} bytes; the API reads at most {limit / 1024} KB here.",
            }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
            return;
        }

        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next();
    }

    public static WebApplication MapDashboardApi(this WebApplication app)
    {
        app.Use(SecurityHeaders);
        app.Use(LimitBody);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.UseOutputCache();
        app.MapOpenApi("/openapi/{documentName}.json");
        // Cached until the indexed data changes (the live feed and the stats job evict the tag), at most a minute:
        // bursts of the same question cost one query, and no answer outlives the data it was built from.
        // Varied by the indexed data's version too: an answer begun before a rollback committed is stored under the old
        // version, where no later request looks.
        var version = app.Services.GetRequiredService<IndexedDataVersion>();
        var shortCache = (IEndpointConventionBuilder builder) => builder.CacheOutput(policy => policy.Expire(TimeSpan.FromMinutes(1)).SetVaryByQuery("*").Tag(IndexedDataTag)
            .VaryByValue(_ => new KeyValuePair<string, string>("indexed-version", version.Current.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        shortCache(app.MapNetworkApi());
        shortCache(app.MapSequencersApi());
        shortCache(app.MapEpochsApi());
        shortCache(app.MapBlocksApi());
        shortCache(app.MapRewardsApi());
        shortCache(app.MapIncidentsApi());
        shortCache(app.MapAddressesApi());
        shortCache(app.MapDecentralizationApi());
        shortCache(app.MapLivenessApi());
        shortCache(app.MapRewardPayoutsApi());
        shortCache(app.MapFairnessApi());
        app.MapSearchApi();
        app.MapTxApi();
        app.MapTransactionsApi();
        app.MapWalletApi();
        app.MapDevnetApi();
        app.MapSignInApi();
        app.MapAlertsApi();
        app.MapProfilesApi();
        app.MapStreamApi();
        app.MapHealthApi();
        if (!string.IsNullOrEmpty(app.Configuration["Ops:Password"]) && app.Configuration.GetValue("Jobs:Enabled", true))
        {
            // The policy is the only gate: no dashboard filter, so nothing trusts "local" requests.
            app.MapHangfireDashboardWithAuthorizationPolicy(OpsAuthentication.Policy, "/ops/jobs", new DashboardOptions { Authorization = [], DashboardTitle = "Dashboard jobs" })
                .ExcludeFromDescription();
        }

        app.MapGet("/", () => Results.Redirect("/openapi/v1.json")).ExcludeFromDescription();
        return app;
    }
}
