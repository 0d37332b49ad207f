using Dashboard.Web.Services;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// A page that refreshes itself when the live stream announces something it shows. Bursts (a backfill announces
/// hundreds of blocks) are coalesced: at most one refresh runs at a time and one more follows it if needed, after a
/// pause that grows with the number of open pages (<see cref="LiveUpdates.RefreshPause"/>).
/// A load for new parameters (a filter clicked) and a live refresh never overlap: both go through
/// <see cref="RefreshInTurnAsync"/>, so a refresh started under the old filter cannot land after the new one's
/// answer and show unfiltered rows under the new filter.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private int _pending;
    private bool _running;
    private readonly SemaphoreSlim _turn = new(1, 1);

    [Inject] protected LiveUpdates Live { get; set; } = null!;

    [Inject] private CircuitConnection Connection { get; set; } = null!;

    /// <summary>Which kinds of message make this page refresh ("block", "epoch", "incident", "status", "l1").</summary>
    protected abstract IReadOnlySet<string> RefreshOn { get; }

    /// <summary>Reloads what the page shows, quietly (no loading state, the old data stays until the new is there).</summary>
    protected abstract Task RefreshAsync();

    protected override void OnInitialized()
    {
        Live.Received += OnLive;
        Connection.Restored += OnRestored;
    }

    /// <summary>Runs <see cref="RefreshAsync"/> after any refresh already running, in the order asked.</summary>
    protected async Task RefreshInTurnAsync()
    {
        await _turn.WaitAsync();
        try
        {
            await RefreshAsync();
        }
        finally
        {
            _turn.Release();
        }
    }

    private void OnLive(LiveMessage message)
    {
        if (!RefreshOn.Contains(message.Kind) || !RendererInfo.IsInteractive)
        {
            return;
        }

        Interlocked.Exchange(ref _pending, 1);
        if (Connection.Up)
        {
            _ = InvokeAsync(DrainAsync);
        }
    }

    // Back from a disconnection: what was announced meanwhile is loaded once.
    private void OnRestored()
    {
        if (Volatile.Read(ref _pending) == 1)
        {
            _ = InvokeAsync(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        if (_running)
        {
            return;
        }

        _running = true;
        try
        {
            while (Connection.Up && Interlocked.Exchange(ref _pending, 0) == 1)
            {
                await RefreshInTurnAsync();
                StateHasChanged();
                await Task.Delay(Live.RefreshPause);
            }
        }
        catch (ApiException)
        {
            // A refresh that fails keeps what the page shows; the next message tries again.
        }
        finally
        {
            _running = false;
        }
    }

    public void Dispose()
    {
        Live.Received -= OnLive;
        Connection.Restored -= OnRestored;
        GC.SuppressFinalize(this);
    }
}
