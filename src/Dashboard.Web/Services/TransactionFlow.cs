using Dashboard.Core.Api;

namespace Dashboard.Web.Services;

/// <summary>
/// Runs a user's transaction through every stage they see — building, checked (the server simulated it), awaiting
/// their signature, pending (hash), confirmed, and visible in the dashboard once indexed — and says in plain words
/// where it stopped when it did. Steps run in order (approve, then delegate); a sent transaction is kept in the
/// browser until it is indexed, so a reload picks it up again. One per circuit.
/// </summary>
public sealed class TransactionFlow(DashboardApiClient api, WalletSession wallet, ILogger<TransactionFlow> logger) : IDisposable
{
    private readonly List<TransactionStep> _steps = [];
    private readonly CancellationTokenSource _stop = new();
    private bool _resumed;
    private int _running;

    public event Action? Changed;

    /// <summary>Raised when a transaction is indexed: pages showing its effect reload.</summary>
    public event Action? Indexed;

    public IReadOnlyList<TransactionStep> Steps => _steps;

    /// <summary>
    /// A plan is running (from building its first step until its last is confirmed or one fails): the pages keep
    /// their action buttons off meanwhile, so nothing is sent twice while an approval waits for its block.
    /// </summary>
    public bool Busy => _running > 0;

    /// <summary>Picks up transactions a previous page of this browser sent and did not see through (once).</summary>
    public async Task ResumeAsync()
    {
        if (_resumed)
        {
            return;
        }

        _resumed = true;
        foreach (var pending in await wallet.LoadPendingAsync())
        {
            if (_steps.Any(s => s.Hash == pending.Hash))
            {
                continue;
            }

            var step = new TransactionStep(pending.Title) { Stage = TransactionStage.Pending, Hash = pending.Hash, Chain = pending.Chain, Resumed = true };
            _steps.Add(step);
            _ = FollowAsync(step, pending, null);
        }

        Changed?.Invoke();
    }

    /// <summary>Runs the steps in order; stops at the first that does not go through. True when all were confirmed.</summary>
    public async Task<bool> RunAsync(IReadOnlyList<(string Title, TransactionIntent Intent)> plan)
    {
        _running++;
        try
        {
            return await RunPlanAsync(plan);
        }
        finally
        {
            _running--;
            Changed?.Invoke();
        }
    }

    private async Task<bool> RunPlanAsync(IReadOnlyList<(string Title, TransactionIntent Intent)> plan)
    {
        _steps.RemoveAll(s => s.Stage is TransactionStage.Indexed or TransactionStage.Failed);
        var steps = plan.Select(p => new TransactionStep(p.Title)).ToList();
        _steps.AddRange(steps);
        Changed?.Invoke();
        if (plan.Count > 1 && !await GoalCanGoThroughAsync(steps, plan[^1].Intent))
        {
            return false;
        }

        for (var i = 0; i < plan.Count; i++)
        {
            if (!await RunStepAsync(steps[i], plan[i].Intent))
            {
                if (steps[i].Stage == TransactionStage.Failed)
                {
                    logger.LogInformation("Transaction step \"{Title}\" did not go through ({Reason}): {Error}", steps[i].Title, steps[i].Reason, steps[i].Error);
                }
                foreach (var skipped in steps.Skip(i + 1))
                {
                    skipped.Fail("Not sent: the step before it did not go through.");
                }

                Changed?.Invoke();
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The earlier steps of a plan (approvals) only prepare its last one: that one is checked first, so an approval is
    /// never sent for a delegation or lock that would be refused anyway (below the minimum, over capacity, not
    /// whitelisted, ...). Missing allowance is what the earlier steps fix, so it does not count.
    /// </summary>
    private async Task<bool> GoalCanGoThroughAsync(List<TransactionStep> steps, TransactionIntent goal)
    {
        var last = steps[^1];
        last.Stage = TransactionStage.Building;
        Changed?.Invoke();
        try
        {
            await api.PrepareAsync(goal, _stop.Token);
        }
        catch (ApiException ex) when (ex.Reason != "allowance")
        {
            last.Fail(ex.Message, ex.Reason);
            foreach (var earlier in steps.SkipLast(1))
            {
                earlier.Fail($"Not sent: \"{last.Title}\" would not go through, so this was not asked for.", "not-needed");
            }

            logger.LogInformation("Transaction step \"{Title}\" refused before its approval ({Reason}): {Error}", last.Title, ex.Reason, ex.Message);
            Changed?.Invoke();
            return false;
        }
        catch (ApiException)
        {
            // Only the allowance is missing: the approval comes first.
        }

        last.Stage = TransactionStage.Waiting;
        Changed?.Invoke();
        return true;
    }

    public void Dismiss(TransactionStep step)
    {
        _steps.Remove(step);
        Changed?.Invoke();
    }

    private async Task<bool> RunStepAsync(TransactionStep step, TransactionIntent intent)
    {
        step.Stage = TransactionStage.Building;
        Changed?.Invoke();
        PreparedTransaction prepared;
        try
        {
            prepared = await api.PrepareAsync(intent, _stop.Token);
        }
        catch (ApiException ex)
        {
            step.Fail(ex.Message, ex.Reason);
            Changed?.Invoke();
            return false;
        }

        step.Title = prepared.Title;
        step.Details = prepared.Details;
        step.Chain = prepared.Chain;
        step.Stage = TransactionStage.Checked;
        Changed?.Invoke();

        if (wallet.ChainId != prepared.ChainId)
        {
            step.Stage = TransactionStage.Switching;
            Changed?.Invoke();
            var switched = await wallet.EnsureChainAsync(prepared.ChainId);
            if (!switched.Ok)
            {
                step.Fail(switched.Message, "wrong-chain");
                Changed?.Invoke();
                return false;
            }
        }

        step.Stage = TransactionStage.AwaitingSignature;
        Changed?.Invoke();
        var sent = await wallet.SendAsync(prepared);
        if (!sent.Ok)
        {
            step.Fail(sent.Message, sent.Code == 4001 ? "rejected" : "wallet");
            Changed?.Invoke();
            return false;
        }

        // The wallet module already put the hash in the browser's pending list (see wallet.js).
        step.Hash = sent.Value!;
        step.Stage = TransactionStage.Pending;
        var pending = new PendingTransaction(step.Hash, prepared.Chain, prepared.Title, prepared.From, DateTimeOffset.UtcNow);
        Changed?.Invoke();
        // The next step may go once this one is confirmed (checks read the chain, not the index); following it
        // until the dashboard shows it goes on meanwhile.
        var confirmed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = FollowAsync(step, pending, confirmed);
        return await confirmed.Task;
    }

    /// <summary>
    /// Polls the API until the transaction is confirmed (or failed), then until the dashboard's data includes it.
    /// <paramref name="confirmed"/> learns the outcome as soon as the chain has it.
    /// </summary>
    private async Task FollowAsync(TransactionStep step, PendingTransaction pending, TaskCompletionSource<bool>? confirmed)
    {
        var started = DateTimeOffset.UtcNow;
        DateTimeOffset? confirmedAt = null;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var status = await api.GetTransactionStatusAsync(pending.Hash, pending.Chain, _stop.Token);
                switch (status.State)
                {
                    case "failed":
                        step.Fail($"The transaction was mined but failed: {status.Error}", "failed");
                        await ForgetAsync(pending);
                        Changed?.Invoke();
                        confirmed?.TrySetResult(false);
                        return;
                    case "confirmed" when status.Indexed:
                        step.Stage = TransactionStage.Indexed;
                        step.Block = status.Block;
                        await ForgetAsync(pending);
                        Changed?.Invoke();
                        confirmed?.TrySetResult(true);
                        Indexed?.Invoke();
                        return;
                    case "confirmed":
                        if (step.Stage != TransactionStage.Confirmed)
                        {
                            step.Stage = TransactionStage.Confirmed;
                            step.Block = status.Block;
                            confirmedAt = DateTimeOffset.UtcNow;
                            Changed?.Invoke();
                            confirmed?.TrySetResult(true);
                        }
                        else if (DateTimeOffset.UtcNow - confirmedAt > TimeSpan.FromMinutes(10))
                        {
                            // Done on chain; the dashboard's indexer is behind. Say so and stop asking.
                            step.Note = "Confirmed on chain; the dashboard's data has not caught up yet (see the freshness in the header).";
                            await ForgetAsync(pending);
                            Changed?.Invoke();
                            return;
                        }

                        break;
                    case "unknown" when DateTimeOffset.UtcNow - pending.SentAt > TimeSpan.FromMinutes(30):
                        step.Fail("The node no longer knows this transaction: it was dropped or replaced (a speed-up or cancel in the wallet sends a new one). Check your wallet's activity.", "dropped");
                        await ForgetAsync(pending);
                        Changed?.Invoke();
                        confirmed?.TrySetResult(false);
                        return;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is ApiException or System.Text.Json.JsonException or HttpRequestException or TaskCanceledException)
            {
                // The API or the node is away for a moment; the transaction is not lost, keep asking.
                logger.LogDebug("Status of {Hash} not available yet: {Error}", pending.Hash, ex.Message);
            }

            try
            {
                await Task.Delay(DateTimeOffset.UtcNow - started > TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(700), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        confirmed?.TrySetResult(false);
    }

    private Task ForgetAsync(PendingTransaction pending) => wallet.ForgetPendingAsync(pending.Hash);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}

public enum TransactionStage
{
    Waiting,
    Building,
    Checked,
    Switching,
    AwaitingSignature,
    Pending,
    Confirmed,
    Indexed,
    Failed,
}

/// <summary>One transaction of a flow, as the user follows it.</summary>
public sealed class TransactionStep(string title)
{
    public string Title { get; set; } = title;

    public TransactionStage Stage { get; set; } = TransactionStage.Waiting;

    public IReadOnlyList<TransactionDetail> Details { get; set; } = [];

    public string? Chain { get; set; }

    public string? Hash { get; set; }

    public long? Block { get; set; }

    public string? Error { get; private set; }

    /// <summary>Why it stopped, as a word the page can act on (allowance, rejected, wrong-chain, revert, ...).</summary>
    public string? Reason { get; private set; }

    /// <summary>Picked up after a reload.</summary>
    public bool Resumed { get; init; }

    /// <summary>Something to know about a step that went through (e.g. the index lags).</summary>
    public string? Note { get; set; }

    public void Fail(string error, string? reason = null)
    {
        Stage = TransactionStage.Failed;
        Error = error;
        Reason = reason;
    }
}
