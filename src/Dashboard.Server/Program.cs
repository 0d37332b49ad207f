using Dashboard.Server.Configuration;
using Dashboard.Server.Extensions;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddDashboardServer();

    var app = builder.Build();
    app.MapDashboardApi();
    app.Run();
    return 0;
}
catch (ConfigurationException ex)
{
    // A setting that cannot be honoured: say which and stop, without a stack trace in the way.
    Console.Error.WriteLine($"Dashboard.Server cannot start:{Environment.NewLine}{ex.Message}");
    return 2;
}

/// <summary>The server's entry point, visible to in-process API tests.</summary>
public partial class Program;
