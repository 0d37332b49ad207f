using System.Collections.Concurrent;
using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Core.Formatting;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;

namespace Dashboard.Server.Transactions;

/// <summary>
/// Devnet only: gives a visitor's own wallet account devnet METIS and ETH, so the demo can be tried with any wallet.
/// The devnet's admin account sends them; anvil holds its key (this server holds none). Once per account every
/// few minutes.
/// </summary>
public sealed class DevnetFaucet(ChainClients chains, ResolvedNetwork network, TimeProvider clock)
{
    public static readonly BigInteger Metis = MetisAmount.FromMetis(50_000m);
    public static readonly BigInteger Ether = MetisAmount.FromMetis(10m);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<Address, DateTimeOffset> _given = new();

    public bool Available => network.IsDevnet && network.DevnetAccounts.ContainsKey("admin");

    public async Task GiveAsync(Address account, CancellationToken cancellationToken)
    {
        if (!Available)
        {
            throw new TransactionRefusedException("not-devnet", "The faucet exists only on the devnet: on a real network METIS is bought, not given.");
        }

        var now = clock.GetUtcNow();
        if (_given.TryGetValue(account, out var last) && now - last < Interval)
        {
            throw new TransactionRefusedException("too-soon", $"{account} was given devnet METIS at {last.UtcDateTime:HH:mm:ss} UTC; ask again from {(last + Interval).UtcDateTime:HH:mm:ss} UTC.");
        }

        _given[account] = now;
        var admin = network.DevnetAccounts["admin"];
        var token = network.Chain(ChainRole.L1).Contracts[ContractNames.MetisToken].Address;
        var rpc = chains.For(ChainRole.L1);
        try
        {
            foreach (var transaction in new[]
                     {
                         new TransactionRequest { From = admin, To = token, Data = FunctionCall.Encode("mint(address,uint256)", account, Metis) },
                         new TransactionRequest { From = admin, To = account, Value = Ether },
                     })
            {
                var hash = await rpc.SendTransactionAsync(transaction with { Gas = await rpc.EstimateGasAsync(transaction, cancellationToken) * 13 / 10 }, cancellationToken);
                await rpc.WaitForReceiptAsync(hash, TimeSpan.FromSeconds(30), cancellationToken);
            }
        }
        catch
        {
            // Nothing (or only part) was given: the account may ask again at once.
            _given.TryRemove(account, out _);
            throw;
        }
    }
}
