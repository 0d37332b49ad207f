using Dashboard.Server.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboardServer();

var app = builder.Build();
app.MapDashboardApi();
app.Run();

/// <summary>The server's entry point, visible to in-process API tests.</summary>
public partial class Program;
