using Dashboard.Web.Components;
using Dashboard.Web.Services;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

// Serve MudBlazor's packaged assets and /wwwroot from the build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();

// The page hands its prerendered API answers to the circuit when it connects (PrerenderedAnswers, at most ~512k
// characters): the circuit's first message may be that large, not SignalR's default 32 KB.
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(options => options.MaximumReceiveMessageSize = 1024 * 1024);
builder.Services.AddMudServices(options =>
{
    options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
    options.SnackbarConfiguration.VisibleStateDuration = 8000;
    options.SnackbarConfiguration.PreventDuplicates = false;
    options.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
});
builder.Services.AddOptions<ApiOptions>().BindConfiguration("Api");
builder.Services.AddHttpClient<DashboardApiClient>((sp, client) =>
{
    var options = sp.GetRequiredService<IOptions<ApiOptions>>().Value;
    client.BaseAddress = options.BaseUrl;
    client.Timeout = options.Timeout;
});
builder.Services.AddHttpClient(LiveUpdates.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
builder.Services.AddHttpClient(ExportProxy.HttpClientName, client => client.Timeout = TimeSpan.FromMinutes(5));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<NotFoundStatus>();
builder.Services.AddScoped<PrerenderedAnswers>();
builder.Services.AddScoped<CircuitConnection>();
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitConnection.Handler>();
builder.Services.AddScoped<BrowserLocale>();
builder.Services.AddScoped<WalletSession>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<AccountSession>();
builder.Services.AddScoped<TransactionFlow>();
builder.Services.AddSingleton<LiveUpdates>();
builder.Services.AddSingleton<SharedGets>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveUpdates>());

var app = builder.Build();

// Security headers on every answer: scripts only from this origin (Blazor, MudBlazor and our own files: no inline
// script, no eval), the live connection back to this origin only, styles from here plus MudBlazor's inline theme,
// images also from https (sequencer avatars come from their metadata list), never framed, never sniffed.
app.Use((context, next) =>
{
    var headers = context.Response.Headers;
    headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy;
    headers.XContentTypeOptions = "nosniff";
    headers.XFrameOptions = "DENY";
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
    if (context.Request.IsHttps)
    {
        headers.StrictTransportSecurity = "max-age=31536000";
    }

    return next();
});
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

// Unknown addresses render the not-found page with status 404, in a scope of their own (a page that already began
// rendering and then found its subject missing goes there through NavigationManager.NotFound()).
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapExportProxy();
AccountSession.MapAccountSession(app);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
