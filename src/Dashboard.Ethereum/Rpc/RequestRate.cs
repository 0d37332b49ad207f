namespace Dashboard.Ethereum.Rpc;

/// <summary>
/// How many JSON-RPC calls a second one node is sent (each call of a batch counts, as hosted providers count them).
/// Starts at the configured limit (or none) and adapts: a 429 lowers it by 30 % (from 50 calls/s when there was no
/// limit) and honours the node's Retry-After; every 5 s without one raises it by a tenth — doubling each second while
/// it is under half the highest rate refused lately — up to the configured limit. Calls are spaced evenly, so a
/// backfill runs at the rate the provider allows instead of failing.
/// </summary>
public sealed class RequestRate
{
    private const double Decrease = 0.7;
    private const double Increase = 1.1;

    /// <summary>Where an unlimited client starts when the node first refuses: a typical hosted provider's ceiling, calls/s.</summary>
    private const double UnknownCeiling = 50;

    private static readonly TimeSpan RaiseAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FastRaiseAfter = TimeSpan.FromSeconds(1);

    /// <summary>How long a refused rate counts as the ceiling to recover towards.</summary>
    private static readonly TimeSpan CeilingMemory = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly double? _limit;
    private readonly TimeProvider _clock;
    private double? _current;
    private long _next;
    private long _changedAt;
    private long _rateLimited;
    private long _generation;
    private double _ceiling;
    private long _refusedAt;

    /// <param name="limit">Calls per second at most; null for no limit until the node says otherwise.</param>
    public RequestRate(double? limit, TimeProvider? clock = null)
    {
        if (limit is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A request rate must be above 0 calls per second (leave it empty for no limit).");
        }

        _limit = limit;
        _current = limit;
        _clock = clock ?? TimeProvider.System;
        _changedAt = _clock.GetTimestamp();
        _refusedAt = _changedAt - (long)(CeilingMemory.TotalSeconds * 2 * _clock.TimestampFrequency);
    }

    /// <summary>Calls per second allowed now; null when unlimited.</summary>
    public double? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>How long the next call waits for its turn (after a Retry-After, or behind calls already spaced out).</summary>
    public TimeSpan NextCallIn
    {
        get
        {
            lock (_lock)
            {
                var now = _clock.GetTimestamp();
                return _next > now ? _clock.GetElapsedTime(now, _next) : TimeSpan.Zero;
            }
        }
    }

    /// <summary>Rate-limit answers (HTTP 429 or a JSON-RPC rate error) seen since start.</summary>
    public long RateLimitedCount => Interlocked.Read(ref _rateLimited);

    /// <summary>
    /// Waits for the turn of <paramref name="calls"/> calls at the current rate. Returns the rate's generation they
    /// were sent under, for <see cref="RateLimited"/>.
    /// </summary>
    public async ValueTask<long> WaitAsync(int calls, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        long generation;
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            generation = _generation;
            if (_current is null && _next <= now)
            {
                return generation;
            }

            var start = Math.Max(now, _next);
            if (_current is { } rate)
            {
                _next = start + (long)(calls / rate * _clock.TimestampFrequency);
            }

            wait = _clock.GetElapsedTime(now, start);
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
        }

        return generation;
    }

    /// <summary>
    /// The node refused for rate: slow down, and wait at least <paramref name="retryAfter"/> before the next call.
    /// Only a refusal of calls sent at the current rate lowers it (<paramref name="generation"/> from
    /// <see cref="WaitAsync"/>): the calls already on the wire when it was lowered say nothing about the new rate.
    /// </summary>
    public void RateLimited(TimeSpan? retryAfter, long? generation = null)
    {
        Interlocked.Increment(ref _rateLimited);
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            if (generation is null || generation == _generation)
            {
                var refused = _current ?? UnknownCeiling;
                // A cascade of refusals (calls spaced at an older rate still arriving) can push the rate far under
                // what the node allows: the highest rate refused lately is what it recovers towards, quickly.
                _ceiling = _clock.GetElapsedTime(_refusedAt, now) < CeilingMemory ? Math.Max(_ceiling, refused) : refused;
                _refusedAt = now;
                _current = Math.Max(1, refused * Decrease);
                _changedAt = now;
                _generation++;
            }

            var pause = retryAfter is { } after && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(1 / (_current ?? 1));
            _next = Math.Max(_next, now + (long)(pause.TotalSeconds * _clock.TimestampFrequency));
        }
    }

    /// <summary>
    /// An answer came back: after 5 s without a refusal (or a raise) the rate goes up by a tenth; under half the
    /// highest rate refused lately it doubles each second (up to 70 % of that rate); never above the configured limit.
    /// </summary>
    public void Succeeded()
    {
        lock (_lock)
        {
            if (_current is not { } rate || (_limit is { } limit && rate >= limit))
            {
                return;
            }

            var now = _clock.GetTimestamp();
            var far = rate < _ceiling * 0.5;
            if (_clock.GetElapsedTime(_changedAt, now) < (far ? FastRaiseAfter : RaiseAfter))
            {
                return;
            }

            var raised = far ? Math.Min(rate * 2, _ceiling * Decrease) : rate * Increase;
            _current = _limit is { } max ? Math.Min(max, raised) : raised;
            _changedAt = now;
            _generation++;
        }
    }
}
