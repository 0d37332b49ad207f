namespace Dashboard.Server.Indexing;

/// <summary>
/// The eth_getLogs block range: grows ×1.25 after each success, halves when the node says "too much" or times out,
/// so a backfill finds the largest range a provider accepts without configuration.
/// </summary>
public sealed class AdaptiveRange(int initial, int max)
{
    public int Current { get; private set; } = Math.Clamp(initial, 1, max);

    public void Succeeded() => Current = (int)Math.Min(max, Math.Ceiling(Current * 1.25));

    /// <summary>Halves the range; false when it is already a single block (the block itself is too much).</summary>
    public bool Shrink()
    {
        if (Current <= 1)
        {
            return false;
        }

        Current = Math.Max(1, Current / 2);
        return true;
    }
}
