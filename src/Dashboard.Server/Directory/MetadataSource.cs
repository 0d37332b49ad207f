using System.Text.Json;
using Dashboard.Core.Api;
using Dashboard.Contracts.Deployment;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Directory;

/// <summary>
/// Loads the sequencer metadata list from the configured file or URL, keeps the last good copy, and reloads it
/// now and then. A broken list is logged and the previous one kept: names are a nicety, never a failure.
/// </summary>
public sealed class MetadataSource(IOptions<MetadataOptions> options, IHttpClientFactory httpClients, TimeProvider clock, ILogger<MetadataSource> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SequencerMetadata> _entries = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    /// <summary>
    /// The list as last loaded. The first call waits for it; after that a stale list is served while a refresh runs in
    /// the background, so a slow metadata host never holds up an API answer.
    /// </summary>
    public async Task<IReadOnlyList<SequencerMetadata>> GetAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Path is null && settings.Url is null)
        {
            return [];
        }

        if (clock.GetUtcNow() - _loadedAt < settings.Refresh)
        {
            return _entries;
        }

        if (_loadedAt != DateTimeOffset.MinValue)
        {
            _ = RefreshAsync(settings);
            return _entries;
        }

        await RefreshAsync(settings);
        return _entries;
    }

    private async Task RefreshAsync(MetadataOptions settings)
    {
        if (!await _gate.WaitAsync(0))
        {
            // Someone is loading it already.
            await _gate.WaitAsync();
            _gate.Release();
            return;
        }

        try
        {
            if (clock.GetUtcNow() - _loadedAt >= settings.Refresh)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                _entries = await LoadAsync(settings, timeout.Token) ?? _entries;
                _loadedAt = clock.GetUtcNow();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<SequencerMetadata>?> LoadAsync(MetadataOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = settings.Url is { } url
                ? await httpClients.CreateClient("metadata").GetStreamAsync(url, cancellationToken)
                : File.OpenRead(settings.Path!);
            return await JsonSerializer.DeserializeAsync<List<SequencerMetadata>>(stream, ApiJson.Options, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or JsonException or UnauthorizedAccessException or OperationCanceledException)
        {
            logger.LogWarning("Sequencer metadata from {Source} could not be read ({Error}); keeping the previous list", (object?)settings.Url ?? settings.Path, ex.Message);
            return null;
        }
    }

    public void Dispose() => _gate.Dispose();
}
