using Dashboard.Contracts.Token;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
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
    private readonly Dictionary<Address, DateTimeOffset> _given = [];

    public async Task GiveAsync(Address account, CancellationToken cancellationToken)
    {
        // Mapped only on the devnet (see TransactionsApi): a real network has no admin that mints.
        var admin = network.DevnetAdmin ?? throw new InvalidOperationException("The faucet exists only on the devnet.");

        var now = clock.GetUtcNow();
        lock (_given)
        {
            // Taken at once (two quick clicks give once); handed back below if the transfer fails.
            if (_given.TryGetValue(account, out var last) && now - last < FaucetGift.Interval)
            {
                throw new TransactionRefusedException("too-soon",
                    $"{account} was given devnet METIS at {last.UtcDateTime:HH:mm:ss} UTC; ask again from {(last + FaucetGift.Interval).UtcDateTime:HH:mm:ss} UTC.");
            }

            _given[account] = now;
        }

        var token = network.Chain(ChainRole.L1).Contracts[ContractNames.MetisToken].Address;
        var rpc = chains.For(ChainRole.L1);
        try
        {
            foreach (var transaction in new[]
                     {
                         new TransactionRequest { From = admin, To = token, Data = Calldata.Of(new MintFunction { To = account.ToString(), Amount = FaucetGift.Metis }) },
                         new TransactionRequest { From = admin, To = account, Value = FaucetGift.Ether },
                     })
            {
                var hash = await rpc.SendTransactionAsync(transaction with { Gas = await rpc.EstimateGasAsync(transaction, cancellationToken) * 13 / 10 }, cancellationToken);
                await rpc.WaitForReceiptAsync(hash, TimeSpan.FromSeconds(30), cancellationToken);
            }
        }
        catch
        {
            // Nothing (or only part) was given: the account may ask again at once.
            lock (_given)
            {
                _given.Remove(account);
            }

            throw;
        }
    }
}
