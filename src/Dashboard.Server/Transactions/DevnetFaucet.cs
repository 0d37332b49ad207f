using Dashboard.Contracts.Token;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Npgsql;

namespace Dashboard.Server.Transactions;

/// <summary>
/// Devnet only: gives a visitor's own wallet account devnet METIS and ETH, so the demo can be tried with any wallet.
/// The devnet's admin account sends them; anvil holds its key (this server holds none). Once per account every
/// few minutes: the time of each gift is kept in PostgreSQL, so a restart (or another instance) keeps the limit.
/// </summary>
public sealed class DevnetFaucet(ChainClients chains, ResolvedNetwork network, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task GiveAsync(Address account, CancellationToken cancellationToken)
    {
        // Mapped only on the devnet (see TransactionsApi): a real network has no admin that mints.
        var admin = network.DevnetAdmin ?? throw new InvalidOperationException("The faucet exists only on the devnet.");

        // Taken at once and atomically (two quick clicks, or two instances, give once); handed back below if the transfer fails.
        var now = clock.GetUtcNow();
        var previous = await TakeAsync(account, now, cancellationToken);
        if (previous is { } last)
        {
            throw new TransactionRefusedException("too-soon",
                $"{account} was given devnet METIS at {last.UtcDateTime:HH:mm:ss} UTC; ask again from {(last + FaucetGift.Interval).UtcDateTime:HH:mm:ss} UTC.");
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
            await using var release = dataSource.CreateCommand("delete from faucet_grants where account = @account and given_at = @now");
            release.Parameters.AddWithValue("account", account.ToBytes());
            release.Parameters.AddWithValue("now", now.UtcDateTime);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Records a gift now unless one was given within the interval; returns that earlier gift's time if so.</summary>
    private async Task<DateTimeOffset?> TakeAsync(Address account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var take = dataSource.CreateCommand("""
            insert into faucet_grants (account, given_at) values (@account, @now)
            on conflict (account) do update set given_at = excluded.given_at where faucet_grants.given_at <= @before
            returning given_at
            """);
        take.Parameters.AddWithValue("account", account.ToBytes());
        take.Parameters.AddWithValue("now", now.UtcDateTime);
        take.Parameters.AddWithValue("before", (now - FaucetGift.Interval).UtcDateTime);
        if (await take.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return null;
        }

        await using var read = dataSource.CreateCommand("select given_at from faucet_grants where account = @account");
        read.Parameters.AddWithValue("account", account.ToBytes());
        return await read.ExecuteScalarAsync(cancellationToken) is DateTime given ? new DateTimeOffset(given, TimeSpan.Zero) : now;
    }
}
