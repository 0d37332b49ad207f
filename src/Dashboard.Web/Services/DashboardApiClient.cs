using System.Net.Http.Json;
using Dashboard.Core.Api;

namespace Dashboard.Web.Services;

/// <summary>Typed client of the public REST API; failures become <see cref="ApiException"/> with a readable message.</summary>
public sealed class DashboardApiClient(HttpClient http)
{
    public async Task<IReadOnlyList<SequencerSummary>> GetSequencersAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<PageOf<SequencerSummary>>("api/sequencers?pageSize=500", cancellationToken)).Items;

    public Task<HealthReport> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetAsync<HealthReport>("api/health", cancellationToken, acceptServiceUnavailable: true);

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken, bool acceptServiceUnavailable = false)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(path, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ApiException($"The dashboard API at {http.BaseAddress} cannot be reached ({ex.Message}). Is Dashboard.Server running?", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiException($"The dashboard API at {http.BaseAddress} did not answer in time.", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode && !(acceptServiceUnavailable && response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable))
            {
                var detail = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new ApiException($"The dashboard API answered {(int)response.StatusCode} for /{path}: {Shorten(detail)}");
            }

            return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken)
                ?? throw new ApiException($"The dashboard API sent an empty answer for /{path}.");
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
