using System.Collections.Concurrent;
using System.Net.Http.Json;
using Dashboard.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Server.Tests;

/// <summary>
/// Provider keys ride in RPC URLs (in the path, as Alchemy's, or the query, as Infura's and others') and the database
/// password in the connection string: none of them may appear in a log line (any level), the health endpoint or an
/// error answer, while the nodes fail and everything is logged.
/// </summary>
public sealed class SecretsTests
{
    private const string PathKey = "PATHKEY5f3a9c0e7b21";
    private const string QueryKey = "QUERYKEY91d2e4c8a6";
    private const string DbPassword = "DBPASSWORD7c4e1b";

    [Fact]
    public async Task No_rpc_key_or_database_password_appears_in_logs_health_or_errors()
    {
        var database = await TestPostgres.CreateDatabaseAsync("secrets");
        var logs = new ConcurrentQueue<string>();
        try
        {
            await using var server = DevnetServer.Start(database + $";Password={DbPassword}", "unused", new Dictionary<string, string?>
            {
                ["Network:Profile"] = "mainnet",
                // Nothing listens on port 9: every call fails, and is retried, logged and reported.
                ["Network:L1:RpcUrl"] = $"http://127.0.0.1:9/v2/{PathKey}?apikey={QueryKey}",
                ["Network:L2:RpcUrl"] = $"http://127.0.0.1:9/andromeda/{PathKey}?key={QueryKey}&owner=1088",
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            }).WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(logs))));
            using var client = server.CreateClient();

            var answers = new List<string>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var health = await client.GetStringAsync("/api/health");
                answers.Add(health);
                if (health.Contains("lastError", StringComparison.Ordinal) && health.Contains("\"error\"", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(250);
            }

            Assert.Contains(answers, a => a.Contains("\"error\"", StringComparison.Ordinal));
            foreach (var path in new[] { "/api/wallet/0x90F79bf6EB2c4f870365E785982E1f101E93b906", "/api/tx/0x" + new string('1', 64), "/api/network/chains" })
            {
                using var response = await client.GetAsync(path);
                answers.Add(await response.Content.ReadAsStringAsync());
            }

            using (var prepare = await client.PostAsJsonAsync("/api/transactions/prepare", new { action = "lock", from = "0x90F79bf6EB2c4f870365E785982E1f101E93b906", amount = "1" }))
            {
                answers.Add(await prepare.Content.ReadAsStringAsync());
            }

            Assert.True(logs.Count > 20, $"only {logs.Count} log lines");
            Assert.Contains(logs, l => l.Contains("127.0.0.1:9", StringComparison.Ordinal));
            foreach (var secret in new[] { PathKey, QueryKey, DbPassword })
            {
                Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
                Assert.DoesNotContain(answers, a => a.Contains(secret, StringComparison.Ordinal));
            }
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
