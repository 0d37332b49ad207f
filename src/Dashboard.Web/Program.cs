using Dashboard.Web.Components;
using Dashboard.Web.Services;
using Microsoft.Extensions.Options;
using Radzen;

var builder = WebApplication.CreateBuilder(args);

// Serve Radzen's packaged assets and /wwwroot from the build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();
// Light or dark, as the visitor last chose (a cookie, so the first paint is already right).
builder.Services.AddRadzenCookieThemeService(options =>
{
    options.Name = "dashboard-theme";
    options.Duration = TimeSpan.FromDays(365);
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
builder.Services.AddScoped<WalletSession>();
builder.Services.AddScoped<TransactionFlow>();
builder.Services.AddSingleton<LiveUpdates>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveUpdates>());

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found");
app.UseAntiforgery();
app.MapStaticAssets();
app.MapExportProxy();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
