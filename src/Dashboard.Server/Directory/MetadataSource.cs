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
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException("the list is not a JSON array");
            }

            var entries = new List<SequencerMetadata>();
            var skipped = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (Parse(item, AssetsBase(settings)) is { } entry)
                {
                    entries.Add(entry);
                }
                else
                {
                    skipped++;
                }
            }

            if (skipped > 0)
            {
                logger.LogWarning("Sequencer metadata from {Source}: {Skipped} entries without a name or with a malformed address were skipped", (object?)settings.Url ?? settings.Path, skipped);
            }

            return entries;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or JsonException or UnauthorizedAccessException or OperationCanceledException)
        {
            logger.LogWarning("Sequencer metadata from {Source} could not be read ({Error}); keeping the previous list", (object?)settings.Url ?? settings.Path, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// One entry in either shape (ours or Metis'); null when it has no name or a malformed address. Addresses are
    /// compared case-insensitively, as Metis' own tools do (its list mixes checksummed and lower-case ones).
    /// </summary>
    internal static SequencerMetadata? Parse(JsonElement item, string? assetsBase)
    {
        if (item.ValueKind != JsonValueKind.Object || Text(item, "name") is not { Length: > 0 } name)
        {
            return null;
        }

        if (!TryAddress(item, "owner", "address", out var owner) || !TryAddress(item, "signer", "seq_addr", out var signer))
        {
            return null;
        }

        var avatar = Text(item, "avatar");
        if (avatar is not null && avatar.Contains("{BASEDIR}", StringComparison.Ordinal))
        {
            // Metis' lists give asset paths relative to the list's own folder.
            avatar = assetsBase is null ? null : avatar.Replace("{BASEDIR}", assetsBase, StringComparison.Ordinal);
        }

        return new SequencerMetadata
        {
            Id = item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number) ? number : null,
            Owner = owner,
            Signer = signer,
            Name = name,
            Avatar = avatar,
            Description = Text(item, "desc") ?? Text(item, "description"),
            Url = Text(item, "url"),
            LiquidStaking = Text(item, "lst_name") ?? Text(item, "liquidStaking"),
            LiquidStakingUrl = Text(item, "lst_url") ?? Text(item, "liquidStakingUrl"),
        };
    }

    /// <summary>Where {BASEDIR} points: the folder the list was fetched from (a list read from a file has none).</summary>
    private static string? AssetsBase(MetadataOptions settings) =>
        settings.Url is { } url ? url.GetLeftPart(UriPartial.Path)[..url.GetLeftPart(UriPartial.Path).LastIndexOf('/')] : null;

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text.Trim() : null;

    private static bool TryAddress(JsonElement item, string name, string alias, out Ethereum.Address? address)
    {
        address = null;
        var text = Text(item, name) ?? Text(item, alias);
        if (text is null)
        {
            return true;
        }

        if (!Ethereum.Address.TryParse(text.ToLowerInvariant(), out var parsed, out _))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    public void Dispose() => _gate.Dispose();
}
