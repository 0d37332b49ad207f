using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Api;
using Microsoft.JSInterop;

namespace Dashboard.Web.Services;

/// <summary>
/// The visitor's browser wallet, for one circuit: which wallet, which account, which chain. It talks to the wallet
/// only through wwwroot/js/wallet.js (EIP-6963 discovery, EIP-1193 requests) and follows account and chain
/// changes the wallet announces. It never sees a key; it hands the wallet transactions the server prepared.
/// </summary>
public sealed class WalletSession(IJSRuntime js, DashboardApiClient api, ILogger<WalletSession> logger) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private DotNetObjectReference<WalletSession>? _self;
    private Task? _initializing;

    public event Action? Changed;

    public WalletInfo? Wallet { get; private set; }

    /// <summary>The connected account as the wallet gives it (often lower case).</summary>
    public string? Account { get; private set; }

    /// <summary>The account as people read it: EIP-55 checksummed by the API once it answered, the wallet's text until then.</summary>
    public string? AccountShown => Account is null ? null : string.Equals(_checksummed, Account, StringComparison.OrdinalIgnoreCase) ? _checksummed : Account;

    private string? _checksummed;

    public long? ChainId { get; private set; }

    public IReadOnlyList<WalletChain> Chains { get; private set; } = [];

    public bool Ready => _module is not null;

    public bool Connected => Account is not null;

    /// <summary>"L1" or "L2" when the wallet is on one of the network's chains, else null.</summary>
    public string? ChainName => Chains.FirstOrDefault(c => c.ChainId == ChainId)?.Chain;

    /// <summary>Loads the module, the network's chains, and picks up a wallet connected on an earlier visit. Once per circuit.</summary>
    public Task InitializeAsync() => _initializing ??= InitializeOnceAsync();

    private async Task InitializeOnceAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch
        {
            // A failed start (the page went away, the script did not load) is tried again by the next caller.
            _initializing = null;
            throw;
        }
    }

    private async Task LoadAsync()
    {
        _module = await js.InvokeAsync<IJSObjectReference>("import", "./js/wallet.js");
        _self = DotNetObjectReference.Create(this);
        await _module.InvokeVoidAsync("init", _self);
        try
        {
            Chains = await api.GetWalletChainsAsync();
        }
        catch (ApiException ex)
        {
            logger.LogWarning("The network's chains could not be read: {Error}", ex.Message);
        }

        var remembered = await CallAsync<string?>("rememberedWallet");
        if (remembered.Ok && remembered.Value is { Length: > 0 } id)
        {
            var again = await CallAsync<ConnectedWallet>("reconnect", id);
            if (again.Ok)
            {
                Apply(again.Value!);
            }
        }

        Changed?.Invoke();
    }

    public async Task<WalletResult<IReadOnlyList<WalletInfo>>> DiscoverAsync()
    {
        await InitializeAsync();
        var found = await CallAsync<List<WalletInfo>>("discover", 300);
        return found.Ok ? WalletResult<IReadOnlyList<WalletInfo>>.Success(found.Value!) : WalletResult<IReadOnlyList<WalletInfo>>.Fail(found.Code, found.Message);
    }

    public async Task<WalletResult<string>> ConnectAsync(string walletId)
    {
        await InitializeAsync();
        var connected = await CallAsync<ConnectedWallet>("connect", walletId);
        if (!connected.Ok)
        {
            return WalletResult<string>.Fail(connected.Code, connected.Code == 4001
                ? "You declined the connection in your wallet."
                : $"The wallet did not connect: {connected.Message}");
        }

        Apply(connected.Value!);
        await CallAsync<bool>("rememberWallet", Wallet?.Rdns ?? walletId);
        Changed?.Invoke();
        return WalletResult<string>.Success(Account!);
    }

    public async Task DisconnectAsync()
    {
        await CallAsync<bool>("disconnect");
        await CallAsync<bool>("rememberWallet", (string?)null);
        Wallet = null;
        Account = null;
        ChainId = null;
        Changed?.Invoke();
    }

    /// <summary>Asks the wallet to switch to the chain with this id (adding it when it does not know it).</summary>
    public async Task<WalletResult<long>> EnsureChainAsync(long chainId)
    {
        if (ChainId == chainId)
        {
            return WalletResult<long>.Success(chainId);
        }

        var chain = Chains.FirstOrDefault(c => c.ChainId == chainId);
        var name = chain is null ? $"chain {chainId}" : $"{chain.Name} (chain {chainId})";
        var switched = await CallAsync<string>("switchChain", new
        {
            chainId = chain?.ChainIdHex ?? "0x" + chainId.ToString("x", CultureInfo.InvariantCulture),
            chainName = chain?.Name ?? name,
            rpcUrls = chain?.RpcUrls ?? [],
            nativeCurrency = new { name = chain?.CurrencyName ?? "Ether", symbol = chain?.CurrencySymbol ?? "ETH", decimals = 18 },
            blockExplorerUrls = chain is { ExplorerUrls.Count: > 0 } ? chain.ExplorerUrls : null,
        });
        if (!switched.Ok)
        {
            return WalletResult<long>.Fail(switched.Code, switched.Code == 4001
                ? $"Your wallet is on {Describe(ChainId)}; this needs {name}. You declined the switch."
                : $"Your wallet is on {Describe(ChainId)}; this needs {name}, and the wallet could not switch: {switched.Message}");
        }

        ChainId = ParseChain(switched.Value!);
        Changed?.Invoke();
        return ChainId == chainId
            ? WalletResult<long>.Success(chainId)
            : WalletResult<long>.Fail(4901, $"Your wallet stayed on {Describe(ChainId)}; switch it to {name} and try again.");
    }

    /// <summary>Hands the wallet a prepared transaction to sign and send; answers its hash.</summary>
    public async Task<WalletResult<string>> SendAsync(PreparedTransaction prepared)
    {
        var request = prepared.Request;
        var sent = await CallAsync<string>("sendTransaction", new
        {
            from = request.From,
            to = request.To,
            data = request.Data,
            value = request.Value,
            gas = request.Gas,
            chainId = request.ChainId,
        }, new { chain = prepared.Chain, title = prepared.Title, from = prepared.From });
        if (!sent.Ok)
        {
            return WalletResult<string>.Fail(sent.Code, sent.Code switch
            {
                4001 => "You rejected the transaction in your wallet. Nothing was sent.",
                4100 => "The wallet did not let this site send from that account: reconnect it.",
                4900 or 4901 => "The wallet is disconnected from the network.",
                _ when sent.Message.Contains("insufficient funds", StringComparison.OrdinalIgnoreCase) => "Your wallet has not enough ETH for the gas of this transaction.",
                _ => $"The wallet did not send it: {sent.Message}",
            });
        }

        return IsHash(sent.Value) ? WalletResult<string>.Success(sent.Value!.ToLowerInvariant()) : WalletResult<string>.Fail(-1, $"The wallet answered '{sent.Value}', not a transaction hash.");
    }

    /// <summary>
    /// Signs in to the dashboard with the connected account (Sign-In with Ethereum): a nonce from the API, the EIP-4361
    /// message for this site, the wallet's signature, and this site's session cookie (set by its own endpoint, out of
    /// this circuit's reach: the page reloads to use it). Answers the account, or why not.
    /// </summary>
    public async Task<WalletResult<string>> SignInAsync(Uri site, long chainId)
    {
        if (Account is null)
        {
            return WalletResult<string>.Fail(4100, "Connect your wallet first (top right).");
        }

        SignInNonce nonce;
        string address;
        try
        {
            // EIP-4361 names the account EIP-55 checksummed (the API writes it so).
            address = (await api.GetAddressAsync(Account)).Address;
            nonce = await api.GetSignInNonceAsync();
        }
        catch (ApiException ex)
        {
            return WalletResult<string>.Fail(-1, ex.Message);
        }

        var message = new SignInMessage
        {
            Domain = site.Authority,
            Address = address,
            Statement = SignInMessage.DefaultStatement,
            Uri = site.GetLeftPart(UriPartial.Authority) + "/",
            ChainId = ChainName is not null && ChainId is { } current ? current : chainId,
            Nonce = nonce.Nonce,
            IssuedAt = DateTimeOffset.UtcNow,
            ExpirationTime = DateTimeOffset.UtcNow.AddDays(1),
        };
        var text = message.Format();
        var signed = await CallAsync<string>("signMessage", text);
        if (!signed.Ok)
        {
            return WalletResult<string>.Fail(signed.Code, signed.Code == 4001 ? "You declined to sign in. Nothing was signed." : $"The wallet did not sign: {signed.Message}");
        }

        var session = await CallAsync<SignInSession>("session", new SignInRequest { Message = text, Signature = signed.Value! });
        return session.Ok ? WalletResult<string>.Success(session.Value!.Address) : WalletResult<string>.Fail(session.Code, $"The dashboard refused the sign-in: {session.Message}");
    }

    /// <summary>Ends the dashboard session (the page reloads afterwards).</summary>
    public async Task SignOutAsync() => await CallAsync<object>("session", (object?)null);

    public async Task<IReadOnlyList<PendingTransaction>> LoadPendingAsync()
    {
        await InitializeAsync();
        var loaded = await CallAsync<List<PendingTransaction>>("loadPending");
        return loaded.Ok ? loaded.Value ?? [] : [];
    }

    /// <summary>Drops one hash from the browser's pending list (read and written in one step in the browser).</summary>
    public async Task ForgetPendingAsync(string hash) => await CallAsync<bool>("forgetPending", hash);

    [JSInvokable]
    public Task OnAccountsChanged(string[] accounts)
    {
        Account = accounts.Length > 0 && IsAddress(accounts[0]) ? accounts[0] : null;
        if (Account is null)
        {
            Wallet = null;
            ChainId = null;
        }

        _ = ChecksumAsync();

        Changed?.Invoke();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public Task OnChainChanged(string chainId)
    {
        ChainId = ParseChain(chainId);
        Changed?.Invoke();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public Task OnDisconnected()
    {
        Wallet = null;
        Account = null;
        ChainId = null;
        Changed?.Invoke();
        return Task.CompletedTask;
    }

    public string Describe(long? chainId) =>
        chainId is not { } id ? "no chain" : Chains.FirstOrDefault(c => c.ChainId == id) is { } known ? $"{known.Name} (chain {id})" : $"chain {id}, not this network's";

    private void Apply(ConnectedWallet connected)
    {
        Wallet = connected.Wallet;
        Account = connected.Accounts.Length > 0 && IsAddress(connected.Accounts[0]) ? connected.Accounts[0] : null;
        ChainId = ParseChain(connected.ChainId);
        _ = ChecksumAsync();
    }

    // The UI carries no Ethereum library: the API, which validates every address, answers it in its EIP-55 form.
    private async Task ChecksumAsync()
    {
        if (Account is not { } account || string.Equals(_checksummed, account, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            var answer = await api.GetAddressAsync(account);
            _checksummed = answer.Address;
            Changed?.Invoke();
        }
        catch (ApiException ex)
        {
            logger.LogDebug("The account {Account} was not checksummed: {Error}", account, ex.Message);
        }
    }

    // The wallet's answers are checked for shape only; the server validates what it is sent.
    private static bool IsAddress(string? text) => text is { Length: 42 } && text.StartsWith("0x", StringComparison.Ordinal) && text.AsSpan(2).ContainsAnyExcept(HexDigits) is false;

    private static bool IsHash(string? text) => text is { Length: 66 } && text.StartsWith("0x", StringComparison.Ordinal) && text.AsSpan(2).ContainsAnyExcept(HexDigits) is false;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static long? ParseChain(string? hex) =>
        hex is { Length: > 2 } && long.TryParse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var id) ? id : null;

    private async Task<JsAnswer<T>> CallAsync<T>(string function, params object?[] arguments)
    {
        if (_module is null)
        {
            return new JsAnswer<T>(false, default, 4900, "The wallet module is not loaded yet.");
        }

        // A person may take their time in the wallet: no interop timeout (Blazor's default is one minute), a long cap.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        try
        {
            var element = await _module.InvokeAsync<JsonElement>(function, patience.Token, arguments);
            var ok = element.GetProperty("ok").GetBoolean();
            return ok
                ? new JsAnswer<T>(true, element.TryGetProperty("value", out var value) ? value.Deserialize<T>(ApiJson.Options) : default, 0, "")
                : new JsAnswer<T>(false, default, element.GetProperty("code").GetInt32(), element.GetProperty("message").GetString() ?? "");
        }
        catch (JSException ex)
        {
            return new JsAnswer<T>(false, default, -1, ex.Message);
        }
        catch (JSDisconnectedException)
        {
            return new JsAnswer<T>(false, default, 4900, "The page was closed.");
        }
        catch (OperationCanceledException)
        {
            return new JsAnswer<T>(false, default, 4900, "The wallet did not answer within 30 minutes.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("release");
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone already.
            }
        }

        _self?.Dispose();
    }

    private sealed record JsAnswer<T>(bool Ok, T? Value, int Code, string Message);

    private sealed record ConnectedWallet(WalletInfo Wallet, string[] Accounts, string ChainId);
}

/// <summary>A wallet found in the browser (EIP-6963 announcement, or window.ethereum).</summary>
public sealed record WalletInfo(string Id, string Name, string? Icon, string? Rdns);

/// <summary>The outcome of asking the wallet for something: the value, or the EIP-1193 code and what to tell the user.</summary>
public sealed record WalletResult<T>(bool Ok, T? Value, int Code, string Message)
{
    public static WalletResult<T> Success(T value) => new(true, value, 0, "");

    public static WalletResult<T> Fail(int code, string message) => new(false, default, code, message);
}

/// <summary>A transaction sent but not seen through to the end; kept in the browser so a reload picks it up again.</summary>
public sealed record PendingTransaction(string Hash, string Chain, string Title, string From, DateTimeOffset SentAt);
