namespace Dashboard.Core.Api;

/// <summary>
/// When an L2 block interval is an anomaly (the methodology page, #liveness): against the <see cref="BaselineBlocks"/>
/// intervals before it, its robust z-score — (interval − median) ÷ max(1.4826 × median absolute deviation, 1 s) — is
/// at least <see cref="MinScore"/> and the interval is at least <see cref="MinRatio"/> times the median. Median and MAD
/// rather than mean and standard deviation, so one long stall does not hide the next ones for 120 blocks; only long
/// intervals count (a burst of quick blocks is no liveness problem); a block needs <see cref="MinBaseline"/> intervals
/// before it. The spread is floored at one second, the resolution of block times, so a perfectly regular chain does
/// not flag a one-second jitter.
/// </summary>
public static class LivenessRule
{
    public const int BaselineBlocks = 120;

    public const int MinBaseline = 30;

    public const double MinScore = 5;

    public const double MinRatio = 2.5;

    /// <summary>Scales the median absolute deviation to the standard deviation of a normal distribution.</summary>
    public const double MadScale = 1.4826;

    public const double SpreadFloorSeconds = 1;

    /// <summary>Median and median absolute deviation of <paramref name="sorted"/> (ascending, not empty), in O(n).</summary>
    public static (double Median, double Mad) MedianAndMad(ReadOnlySpan<int> sorted)
    {
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + (double)sorted[n / 2]) / 2;

        // The deviations from the median, in ascending order, are a merge of those below it (walking down) and above it
        // (walking up): the middle one(s) of that merge are the MAD.
        var up = 0;
        while (up < n && sorted[up] < median)
        {
            up++;
        }

        var down = up - 1;
        var first = (n - 1) / 2;
        double middle = 0, next = 0;
        for (var k = 0; k <= first + 1 && k < n; k++)
        {
            var below = down >= 0 ? median - sorted[down] : double.MaxValue;
            var above = up < n ? sorted[up] - median : double.MaxValue;
            double deviation;
            if (below <= above)
            {
                deviation = below;
                down--;
            }
            else
            {
                deviation = above;
                up++;
            }

            if (k == first)
            {
                middle = deviation;
            }
            else if (k == first + 1)
            {
                next = deviation;
            }
        }

        return (median, n % 2 == 1 ? middle : (middle + next) / 2);
    }

    /// <summary>The robust z-score of <paramref name="interval"/> against a baseline's median and MAD.</summary>
    public static double Score(double interval, double median, double mad) => (interval - median) / Math.Max(MadScale * mad, SpreadFloorSeconds);

    public static bool IsAnomaly(double interval, double median, double mad) => interval >= MinRatio * median && Score(interval, median, mad) >= MinScore;

    /// <summary>Who an anomaly is attributed to.</summary>
    public static class Causes
    {
        /// <summary>The signer of the block's epoch was slow to produce it (inside its epoch, or its first block).</summary>
        public const string Sequencer = "sequencer";

        /// <summary>The chain waited on a signer the MPC then replaced in this block: the wait is that signer's, and the MPC's response time.</summary>
        public const string Recommit = "recommit";

        /// <summary>The epoch starting with this block was committed in it, after the previous epoch ended: the chain waited for the MPC.</summary>
        public const string LateCommit = "late-commit";
    }
}

/// <summary>One L2 block that came far later than the blocks before it would predict.</summary>
public sealed record IntervalAnomaly
{
    public required long Block { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>Seconds since the previous block.</summary>
    public required int IntervalSeconds { get; init; }

    /// <summary>Median of the baseline intervals before it, and their spread (1.4826 × median absolute deviation), in seconds.</summary>
    public required double BaselineMedian { get; init; }

    public required double BaselineSpread { get; init; }

    public required double Score { get; init; }

    /// <summary>"sequencer", "recommit" or "late-commit" (<see cref="LivenessRule.Causes"/>).</summary>
    public required string Cause { get; init; }

    public long? EpochId { get; init; }

    /// <summary>The signer the wait is attributed to; null when the MPC was late.</summary>
    public string? Signer { get; init; }

    public long? SequencerId { get; init; }

    public string? SequencerName { get; init; }
}

/// <summary>How long the MPC took to replace a stalled sequencer.</summary>
public sealed record RecommitResponse
{
    /// <summary>The L2 block the recommit is in: the replacement's first block.</summary>
    public required long Block { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required long StalledSequencerId { get; init; }

    public string? StalledSequencerName { get; init; }

    public required long ReplacementSequencerId { get; init; }

    public string? ReplacementSequencerName { get; init; }

    /// <summary>The epoch's first block was never produced (the MPC's first-block case).</summary>
    public required bool NeverStarted { get; init; }

    /// <summary>The last block before the chain stopped; null while that block is not indexed yet (events first).</summary>
    public DateTimeOffset? StalledSince { get; init; }

    /// <summary>From the last block before the stop to the recommit (seconds).</summary>
    public int? ResponseSeconds { get; init; }
}

/// <summary>An epoch committed only after the previous one had ended: the chain waited for the MPC.</summary>
public sealed record LateEpochCommit
{
    public required long EpochId { get; init; }

    public required long StartBlock { get; init; }

    public required DateTimeOffset CommittedAt { get; init; }

    /// <summary>The previous epoch's last block: from then on the chain waited.</summary>
    public required DateTimeOffset PreviousEndedAt { get; init; }

    public required int DelaySeconds { get; init; }

    public required long SequencerId { get; init; }

    public string? SequencerName { get; init; }
}

/// <summary>Percentiles of a set of durations in seconds (nearest rank); nulls when the set is empty.</summary>
public sealed record DurationSummary
{
    public required int Count { get; init; }

    public int? Median { get; init; }

    public int? P95 { get; init; }

    public int? Max { get; init; }
}

/// <summary>Liveness over a window: interval anomalies and whom they are attributed to, recommit response times, epoch-commit timeliness.</summary>
public sealed record LivenessReport
{
    /// <summary>"24h", "7d", "30d" or "all".</summary>
    public required string Window { get; init; }

    /// <summary>A sequencer's own report (<c>/api/sequencers/{id}/liveness</c>): only what is attributed to it; null network-wide.</summary>
    public long? SequencerId { get; init; }

    /// <summary>The newest L2 block the anomaly search has looked at.</summary>
    public long? CheckedThroughBlock { get; init; }

    public required IReadOnlyDictionary<string, int> AnomaliesByCause { get; init; }

    /// <summary>The anomalies in the window, newest first (at most <see cref="ListLimit"/>; the counts are of all).</summary>
    public required IReadOnlyList<IntervalAnomaly> Anomalies { get; init; }

    /// <summary>Per sequencer: anomalies attributed to it (recommit and sequencer causes), most first.</summary>
    public required IReadOnlyList<SequencerAnomalyCount> BySequencer { get; init; }

    public required DurationSummary RecommitResponse { get; init; }

    public required IReadOnlyList<RecommitResponse> Recommits { get; init; }

    /// <summary>Epochs committed in the window (first commits; recommit replacements are not counted).</summary>
    public required int EpochsCommitted { get; init; }

    /// <summary>Of those, committed ahead: seconds from the commit to the previous epoch's last block (how far ahead the MPC was).</summary>
    public required DurationSummary CommitLead { get; init; }

    public required DurationSummary LateCommitDelay { get; init; }

    public required IReadOnlyList<LateEpochCommit> LateCommits { get; init; }

    public const int ListLimit = 200;
}

public sealed record SequencerAnomalyCount
{
    public required long SequencerId { get; init; }

    public string? SequencerName { get; init; }

    public required int Anomalies { get; init; }

    /// <summary>Of those, waits that ended in the MPC replacing it.</summary>
    public required int Replaced { get; init; }

    public required int LongestSeconds { get; init; }
}
