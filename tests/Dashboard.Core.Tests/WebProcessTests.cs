using System.Text.Json;
using Dashboard.Devnet.Apps;

namespace Dashboard.Core.Tests;

/// <summary>The UI process stays free of the Ethereum library: Nethereum (and Newtonsoft, BouncyCastle, NBitcoin with it) runs only in the server.</summary>
public class WebProcessTests
{
    [Fact]
    public void The_web_process_loads_no_ethereum_library()
    {
        var deps = Path.ChangeExtension(DashboardApps.WebDll(DashboardApps.CurrentConfiguration), ".deps.json");
        using var document = JsonDocument.Parse(File.ReadAllText(deps));
        var libraries = document.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToList();
        Assert.Contains(libraries, l => l.StartsWith("Dashboard.Core/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.StartsWith("Nethereum", StringComparison.OrdinalIgnoreCase)
            || l.StartsWith("Newtonsoft", StringComparison.OrdinalIgnoreCase)
            || l.StartsWith("BouncyCastle", StringComparison.OrdinalIgnoreCase)
            || l.StartsWith("NBitcoin", StringComparison.OrdinalIgnoreCase)
            || l.StartsWith("Dashboard.Ethereum", StringComparison.Ordinal));
    }
}
