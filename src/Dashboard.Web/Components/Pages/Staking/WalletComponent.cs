using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Core.Formatting;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Staking;

/// <summary>
/// A view that acts with the visitor's wallet: it reads what the connected account holds (live, from the API's
/// wallet endpoint), reloads it when the account or chain changes and when one of its transactions is indexed,
/// and runs transaction plans through <see cref="TransactionFlow"/>.
/// </summary>
public abstract class WalletComponent : ComponentBase, IDisposable
{
    [Inject] protected WalletSession Wallet { get; set; } = null!;

    [Inject] protected TransactionFlow Flow { get; set; } = null!;

    [Inject] protected DashboardApiClient Api { get; set; } = null!;

    protected WalletState? State { get; private set; }

    /// <summary>The account <see cref="State"/> was (or is being) read for.</summary>
    private string? _loadedFor;

    protected string? StateError { get; private set; }

    protected override void OnInitialized()
    {
        Wallet.Changed += OnWalletChanged;
        Flow.Changed += OnFlowChanged;
        Flow.Indexed += OnIndexed;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await Wallet.InitializeAsync();
            // A remembered wallet that reconnected has had its account read already (OnWalletChanged).
            if (Wallet.Account != _loadedFor)
            {
                await ReloadStateAsync();
            }

            StateHasChanged();
        }
    }

    protected async Task ReloadStateAsync()
    {
        _loadedFor = Wallet.Account;
        if (Wallet.Account is not { } account)
        {
            State = null;
            return;
        }

        try
        {
            State = await Api.GetWalletAsync(account);
            StateError = null;
        }
        catch (ApiException ex)
        {
            StateError = $"Could not read the account from L1. {ex.Message}";
        }
    }

    /// <summary>Reads the account again and shows it (after the faucet, or for "Try again").</summary>
    protected async Task RefreshStateAsync()
    {
        await ReloadStateAsync();
        StateHasChanged();
    }

    /// <summary>
    /// Runs <paramref name="goal"/>, preceded by the approval it needs when <paramref name="allowance"/> is short of
    /// <paramref name="amount"/> (the flow checks the goal before the approval is asked for).
    /// </summary>
    protected Task<bool> RunWithApprovalAsync(BigInteger allowance, BigInteger amount, string spender, string spenderName, string? pool,
        (string Title, TransactionIntent Intent) goal) =>
        amount > 0 && allowance < amount
            ? RunAsync(($"Allow {spenderName} to take {MetisAmount.Format(amount, 4)}",
                new TransactionIntent { Action = TransactionActions.Approve, From = goal.Intent.From, Spender = spender, Pool = pool, Amount = amount }), goal)
            : RunAsync(goal);

    /// <summary>Runs the plan; the page shows each step in the transaction panel and reloads what changed. True when all were confirmed.</summary>
    protected async Task<bool> RunAsync(params (string Title, TransactionIntent Intent)[] plan)
    {
        var done = await Flow.RunAsync(plan);
        await ReloadStateAsync();
        StateHasChanged();
        return done;
    }

    // What an account holds does not depend on the wallet's chain: read again only when the account changed.
    private void OnWalletChanged() => _ = InvokeAsync(async () =>
    {
        if (Wallet.Account != _loadedFor)
        {
            await ReloadStateAsync();
        }

        StateHasChanged();
    });

    private void OnFlowChanged() => _ = InvokeAsync(StateHasChanged);

    private void OnIndexed() => _ = InvokeAsync(async () =>
    {
        await ReloadStateAsync();
        await OnIndexedAsync();
        StateHasChanged();
    });

    /// <summary>A transaction of this visitor is now in the dashboard's data: reload indexed views too.</summary>
    protected virtual Task OnIndexedAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Wallet.Changed -= OnWalletChanged;
        Flow.Changed -= OnFlowChanged;
        Flow.Indexed -= OnIndexed;
        GC.SuppressFinalize(this);
    }
}
