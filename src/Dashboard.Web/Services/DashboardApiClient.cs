using System.Text.Json;
using System.Globalization;
using System.Net.Http.Json;
using Dashboard.Core.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Services;

/// <summary>Typed client of the public REST API; failures become <see cref="ApiException"/> with a readable message.</summary>
public sealed class DashboardApiClient(HttpClient http, PrerenderedAnswers prerendered, SharedGets shared)
{
    public Uri? BaseAddress => http.BaseAddress;

    public Task<HealthReport> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetAsync<HealthReport>("api/health", cancellationToken, acceptServiceUnavailable: true);

    public Task<NetworkOverview> GetNetworkAsync(CancellationToken cancellationToken = default) =>
        GetAsync<NetworkOverview>("api/network", cancellationToken);

    public Task<IReadOnlyList<NetworkDay>> GetNetworkDailyAsync(int? days = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<NetworkDay>>(With("api/network/daily", ("days", days?.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<TaxHistory> GetTaxHistoryAsync(string address, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        GetAsync<TaxHistory>(With($"api/addresses/{address}/tax", ("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), cancellationToken);

    public Task<PageOf<BatchReconciliation>> GetReconciliationAsync(int page, bool differences, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<BatchReconciliation>>(With("api/reward-batches/reconciliation", ("page", page.ToString(CultureInfo.InvariantCulture)), ("pageSize", "25"), ("differences", differences ? "true" : null)), cancellationToken);

    public Task<DecentralizationReport> GetDecentralizationAsync(string window, CancellationToken cancellationToken = default) =>
        GetAsync<DecentralizationReport>(With("api/decentralization", ("window", window)), cancellationToken);

    public Task<PayoutReport> GetPayoutsAsync(string? status, long? sequencerId, CancellationToken cancellationToken = default) =>
        GetAsync<PayoutReport>(With("api/reward-payouts", ("status", status), ("sequencer", sequencerId?.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<FairnessReport> GetFairnessAsync(string window, long? sequencerId, CancellationToken cancellationToken = default) =>
        GetAsync<FairnessReport>(With(sequencerId is { } id ? $"api/sequencers/{id.ToString(CultureInfo.InvariantCulture)}/fairness" : "api/fairness", ("window", window)), cancellationToken);

    public Task<LivenessReport> GetLivenessAsync(string window, long? sequencerId, CancellationToken cancellationToken = default) =>
        GetAsync<LivenessReport>(With(sequencerId is { } id ? $"api/sequencers/{id.ToString(CultureInfo.InvariantCulture)}/liveness" : "api/liveness", ("window", window)), cancellationToken);

    public Task<IReadOnlyList<DecentralizationDay>> GetDecentralizationDailyAsync(int? days = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<DecentralizationDay>>(With("api/decentralization/daily", ("days", days?.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<PageOf<SequencerSummary>> GetSequencersAsync(ListQuery query, string? status = null, string? search = null, bool delegatable = false, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<SequencerSummary>>(query.AppendTo("api/sequencers", ("status", status), ("search", search), ("delegatable", delegatable ? "true" : null)), cancellationToken);

    public Task<SequencerDetail> GetSequencerAsync(long id, CancellationToken cancellationToken = default) =>
        GetAsync<SequencerDetail>($"api/sequencers/{id}", cancellationToken);

    public Task<PageOf<EpochItem>> GetSequencerEpochsAsync(long id, ListQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<EpochItem>>(query.AppendTo($"api/sequencers/{id}/epochs"), cancellationToken);

    public Task<IReadOnlyList<ProductionCell>> GetProductionAsync(long id, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ProductionCell>>($"api/sequencers/{id}/production", cancellationToken);

    public Task<PageOf<IncidentItem>> GetSequencerIncidentsAsync(long id, ListQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<IncidentItem>>(query.AppendTo($"api/sequencers/{id}/incidents"), cancellationToken);

    public Task<PageOf<StakeEventItem>> GetStakeHistoryAsync(long id, ListQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<StakeEventItem>>(query.AppendTo($"api/sequencers/{id}/stake"), cancellationToken);

    public Task<PageOf<RewardShareItem>> GetSequencerRewardsAsync(long id, ListQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<RewardShareItem>>(query.AppendTo($"api/sequencers/{id}/rewards"), cancellationToken);

    public Task<PageOf<RewardClaimItem>> GetSequencerClaimsAsync(long id, ListQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<RewardClaimItem>>(query.AppendTo($"api/sequencers/{id}/claims"), cancellationToken);

    public Task<IReadOnlyList<SequencerDayItem>> GetSequencerDailyAsync(long id, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<SequencerDayItem>>($"api/sequencers/{id}/daily", cancellationToken);

    public Task<PageOf<DelegatorItem>> GetDelegatorsAsync(long id, ListQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<DelegatorItem>>(query.AppendTo($"api/sequencers/{id}/delegators"), cancellationToken);

    public Task<IReadOnlyList<SignerItem>> GetSignersAsync(long id, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<SignerItem>>($"api/sequencers/{id}/signers", cancellationToken);

    public Task<PageOf<EpochItem>> GetEpochsAsync(ListQuery query, bool recommittedOnly = false, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<EpochItem>>(query.AppendTo("api/epochs", ("recommitted", recommittedOnly ? "true" : null)), cancellationToken);

    public Task<EpochItem> GetEpochAsync(long id, CancellationToken cancellationToken = default) =>
        GetAsync<EpochItem>($"api/epochs/{id}", cancellationToken);

    public Task<PageOf<BlockItem>> GetBlocksAsync(ListQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<BlockItem>>(query.AppendTo("api/blocks"), cancellationToken);

    public Task<ChainTransaction> GetTransactionAsync(string hash, CancellationToken cancellationToken = default) =>
        GetAsync<ChainTransaction>($"api/tx/{Uri.EscapeDataString(hash)}", cancellationToken);

    public Task<BlockItem> GetBlockAsync(long number, CancellationToken cancellationToken = default) =>
        GetAsync<BlockItem>($"api/blocks/{number}", cancellationToken);

    public Task<PageOf<RewardBatchItem>> GetRewardBatchesAsync(ListQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<RewardBatchItem>>(query.AppendTo("api/reward-batches"), cancellationToken);

    public Task<RewardBatchDetail> GetRewardBatchAsync(long id, CancellationToken cancellationToken = default) =>
        GetAsync<RewardBatchDetail>($"api/reward-batches/{id}", cancellationToken);

    public Task<PageOf<IncidentItem>> GetIncidentsAsync(ListQuery query, string? kind = null, DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<IncidentItem>>(query.AppendTo("api/incidents", ("kind", kind), ("since", since?.ToString("O", CultureInfo.InvariantCulture))), cancellationToken);

    public Task<IReadOnlyList<IncidentCount>> GetIncidentCountsAsync(string? kind = null, DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<IncidentCount>>(With("api/incidents/by-sequencer", ("kind", kind), ("since", since?.ToString("O", CultureInfo.InvariantCulture))), cancellationToken);

    public Task<PageOf<ParameterChangeItem>> GetParameterChangesAsync(ListQuery query, string? parameter = null, CancellationToken cancellationToken = default) =>
        GetAsync<PageOf<ParameterChangeItem>>(query.AppendTo("api/network/parameters", ("parameter", parameter)), cancellationToken);

    public Task<AddressActivity> GetAddressAsync(string address, CancellationToken cancellationToken = default) =>
        GetAsync<AddressActivity>($"api/addresses/{Uri.EscapeDataString(address)}", cancellationToken);

    public Task<SearchResult> SearchAsync(string query, CancellationToken cancellationToken = default) =>
        GetAsync<SearchResult>(With("api/search", ("q", query)), cancellationToken);

    public Task<IReadOnlyList<WalletChain>> GetWalletChainsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<WalletChain>>("api/network/chains", cancellationToken);

    public Task<WalletState> GetWalletAsync(string address, CancellationToken cancellationToken = default) =>
        GetAsync<WalletState>($"api/wallet/{Uri.EscapeDataString(address)}", cancellationToken);

    public Task<TransactionStatus> GetTransactionStatusAsync(string hash, string chain, CancellationToken cancellationToken = default) =>
        GetAsync<TransactionStatus>(With($"api/transactions/{hash}", ("chain", chain)), cancellationToken);

    /// <summary>Builds and checks a transaction; a refusal is an <see cref="ApiException"/> whose message says why and whose reason says what to do.</summary>
    public async Task<PreparedTransaction> PrepareAsync(TransactionIntent intent, CancellationToken cancellationToken = default) =>
        (await SendAsync<PreparedTransaction>("api/transactions/prepare", () => http.PostAsJsonAsync("api/transactions/prepare", intent, ApiJson.Options, cancellationToken), cancellationToken))!;

    /// <summary>Devnet only: devnet METIS and ETH for the account.</summary>
    public Task FaucetAsync(string address, CancellationToken cancellationToken = default) =>
        SendAsync<object>("api/devnet/faucet", () => http.PostAsync($"api/devnet/faucet/{Uri.EscapeDataString(address)}", null, cancellationToken), cancellationToken, noContent: true);

    /// <summary>A one-time nonce for a Sign-In with Ethereum message.</summary>
    public async Task<SignInNonce> GetSignInNonceAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<SignInNonce>("api/signin/nonce", () => http.PostAsync("api/signin/nonce", null, cancellationToken), cancellationToken))!;

    /// <summary>The account of a session token, or null when the session ended or expired.</summary>
    public async Task<SignInSession?> GetSessionAsync(string token, CancellationToken cancellationToken = default)
    {
        try
        {
            return await AuthorizedAsync<SignInSession>(token, HttpMethod.Get, "api/signin", null, cancellationToken);
        }
        catch (ApiException ex) when (ex.Status == System.Net.HttpStatusCode.Unauthorized)
        {
            return null;
        }
    }

    public Task<AlertChannelList> GetAlertChannelsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<AlertChannelList>("api/alerts/channels", cancellationToken);

    public async Task<IReadOnlyList<AlertSubscriptionItem>> GetAlertSubscriptionsAsync(string token, CancellationToken cancellationToken = default) =>
        (await AuthorizedAsync<List<AlertSubscriptionItem>>(token, HttpMethod.Get, "api/alerts/subscriptions", null, cancellationToken))!;

    public async Task<AlertSubscriptionItem> CreateAlertSubscriptionAsync(string token, AlertSubscriptionRequest request, CancellationToken cancellationToken = default) =>
        (await AuthorizedAsync<AlertSubscriptionItem>(token, HttpMethod.Post, "api/alerts/subscriptions", request, cancellationToken))!;

    public async Task<AlertSubscriptionItem> UpdateAlertSubscriptionAsync(string token, long id, AlertSubscriptionRequest request, CancellationToken cancellationToken = default) =>
        (await AuthorizedAsync<AlertSubscriptionItem>(token, HttpMethod.Put, $"api/alerts/subscriptions/{id}", request, cancellationToken))!;

    public Task DeleteAlertSubscriptionAsync(string token, long id, CancellationToken cancellationToken = default) =>
        AuthorizedAsync<object>(token, HttpMethod.Delete, $"api/alerts/subscriptions/{id}", null, cancellationToken, noContent: true);

    public async Task<AlertTestQueued> TestAlertSubscriptionAsync(string token, long id, CancellationToken cancellationToken = default) =>
        (await AuthorizedAsync<AlertTestQueued>(token, HttpMethod.Post, $"api/alerts/subscriptions/{id}/test", null, cancellationToken))!;

    public async Task<IReadOnlyList<AlertDeliveryItem>> GetAlertDeliveriesAsync(string token, long id, CancellationToken cancellationToken = default) =>
        (await AuthorizedAsync<List<AlertDeliveryItem>>(token, HttpMethod.Get, $"api/alerts/subscriptions/{id}/deliveries", null, cancellationToken))!;

    /// <summary>The Telegram chats that sent the bot this code.</summary>
    public async Task<IReadOnlyList<TelegramChat>> FindTelegramChatsAsync(string token, string code, CancellationToken cancellationToken = default) =>
        (await AuthorizedAsync<List<TelegramChat>>(token, HttpMethod.Get, With("api/alerts/telegram/chats", ("code", code)), null, cancellationToken))!;

    public Task<SequencerProfile> GetSequencerProfileAsync(long id, CancellationToken cancellationToken = default) =>
        GetAsync<SequencerProfile>($"api/sequencers/{id}/profile", cancellationToken);

    public async Task<SequencerProfile> EditSequencerProfileAsync(string token, long id, SequencerProfileRequest request, CancellationToken cancellationToken = default) =>
        (await AuthorizedAsync<SequencerProfile>(token, HttpMethod.Put, $"api/sequencers/{id}/profile", request, cancellationToken))!;

    /// <summary>Uploads an avatar image (the API re-encodes it).</summary>
    public async Task<SequencerProfile> UploadAvatarAsync(string token, long id, byte[] image, CancellationToken cancellationToken = default) =>
        (await AuthorizedAsync<SequencerProfile>(token, HttpMethod.Post, $"api/sequencers/{id}/profile/avatar", new ByteArrayContent(image), cancellationToken))!;

    /// <summary>A request as the signed-in visitor (their session token as bearer); never carried over from the prerender.</summary>
    private Task<T?> AuthorizedAsync<T>(string token, HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool noContent = false) =>
        SendAsync<T>(path, () =>
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            if (body is HttpContent raw)
            {
                request.Content = raw;
            }
            else if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
            }

            return http.SendAsync(request, cancellationToken);
        }, cancellationToken, noContent: noContent);

    /// <summary>The OpenAPI document that describes the API.</summary>
    public Task<System.Text.Json.JsonElement> GetOpenApiAsync(CancellationToken cancellationToken = default) =>
        GetAsync<System.Text.Json.JsonElement>("openapi/v1.json", cancellationToken);

    internal static string With(string path, params (string Name, string? Value)[] parameters) =>
        QueryHelpers.AddQueryString(path, parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken, bool acceptServiceUnavailable = false)
    {
        // A page going live answers from what it was prerendered with, at once (the task completes without waiting, so
        // no empty frame is drawn); every later call asks the API.
        if (prerendered.TryTake(path, out var json))
        {
            return JsonSerializer.Deserialize<T>(json, ApiJson.Options)!;
        }

        // Pages open at the same moment asking the same thing (all of them, when a block is announced) share one request.
        var answer = await shared.GetAsync(path, () => FetchAsync(path), cancellationToken);
        if (!IsSuccess(answer.Status) && !(acceptServiceUnavailable && answer.Status == System.Net.HttpStatusCode.ServiceUnavailable))
        {
            throw ApiException.FromAnswer(answer.Status, System.Text.Encoding.UTF8.GetString(answer.Body), path);
        }

        var value = JsonSerializer.Deserialize<T>(answer.Body, ApiJson.Options) ?? throw new ApiException($"The dashboard API sent an empty answer for /{path}.");
        if (prerendered.Recording)
        {
            prerendered.Record(path, System.Text.Encoding.UTF8.GetString(answer.Body));
        }

        return value;
    }

    private static bool IsSuccess(System.Net.HttpStatusCode status) => (int)status is >= 200 and <= 299;

    /// <summary>A GET on no one's behalf (shared): the client's own timeout ends it, never one caller's cancellation.</summary>
    private async Task<ApiAnswer> FetchAsync(string path)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
        catch (TaskCanceledException ex)
        {
            throw TooSlow(ex);
        }

        using (response)
        {
            return new ApiAnswer(response.StatusCode, await response.Content.ReadAsByteArrayAsync());
        }
    }

    private ApiException Unreachable(HttpRequestException ex) =>
        new($"The dashboard API at {http.BaseAddress} cannot be reached ({ex.Message}). Is Dashboard.Server running?", ex);

    private ApiException TooSlow(TaskCanceledException ex) => new($"The dashboard API at {http.BaseAddress} did not answer in time.", ex);

    /// <summary>One request: an API that cannot be reached, is too slow or answers an error becomes an <see cref="ApiException"/> in words.</summary>
    private async Task<T?> SendAsync<T>(string path, Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken, bool noContent = false)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw TooSlow(ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ApiException.FromResponseAsync(response, path, cancellationToken);
            }

            if (noContent)
            {
                return default;
            }

            return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken)
                ?? throw new ApiException($"The dashboard API sent an empty answer for /{path}.");
        }
    }
}
