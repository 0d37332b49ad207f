using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Web.Services;

/// <summary>
/// Whether this visitor's browser is connected to its circuit. Blazor keeps a circuit whose browser went away (a tab
/// closed, a page left for another, a network drop) for a few minutes in case it comes back; its pages stop refreshing
/// meanwhile — nobody sees them, and a load test left 100 such circuits refreshing on every block beside 200 live
/// ones — and catch up once when the browser reconnects.
/// </summary>
public sealed class CircuitConnection
{
    public bool Up { get; private set; } = true;

    /// <summary>Raised when the browser reconnects to this circuit.</summary>
    public event Action? Restored;

    internal void Set(bool up)
    {
        Up = up;
        if (up)
        {
            Restored?.Invoke();
        }
    }

    /// <summary>Tells each circuit's <see cref="CircuitConnection"/> when its browser goes and comes back.</summary>
    public sealed class Handler(CircuitConnection connection) : CircuitHandler
    {
        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            connection.Set(false);
            return Task.CompletedTask;
        }

        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            connection.Set(true);
            return Task.CompletedTask;
        }
    }
}
