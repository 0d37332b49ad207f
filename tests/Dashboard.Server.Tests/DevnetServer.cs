using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Server.Tests;

/// <summary>The server in-process over a devnet manifest and a database, polling the chains every 100 ms; settings add to or override that.</summary>
public static class DevnetServer
{
    public static WebApplicationFactory<Program> Start(string connectionString, string manifestPath, IDictionary<string, string?>? settings = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Dashboard", connectionString);
            builder.UseSetting("Network:Profile", "devnet");
            builder.UseSetting("Network:ManifestPath", manifestPath);
            builder.UseSetting("Network:L1:PollInterval", "00:00:00.100");
            builder.UseSetting("Network:L2:PollInterval", "00:00:00.100");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
        });
}
