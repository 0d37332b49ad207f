using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Npgsql;

namespace Dashboard.Server.Indexing;

/// <summary>
/// The network's live parameters and totals, read from the contracts' views (several have no event: the
/// constructors' defaults, for one) into the single network_state row.
/// </summary>
public sealed class ChainParameters(IndexedChain chain, EthRpcClient rpc, NpgsqlDataSource dataSource)
{
    private static readonly (string Contract, string Signature, string Column)[] L1Views =
    [
        (ContractNames.LockingInfo, "totalLocked()", "total_locked"),
        (ContractNames.LockingInfo, "minLock()", "min_lock"),
        (ContractNames.LockingInfo, "maxLock()", "max_lock"),
        (ContractNames.LockingPool, "currentBatch()", "current_batch"),
        (ContractNames.LockingPool, "rewardPerBlock()", "reward_per_block"),
        (ContractNames.LockingPool, "exitDelayPeriod()", "exit_delay_seconds"),
        (ContractNames.LockingPool, "paused()", "paused"),
        (ContractNames.LockingPool, "mpcAddress()", "mpc"),
    ];

    private static readonly (string Contract, string Signature, string Column)[] L2Views =
    [
        (ContractNames.MetisSequencerSet, "epochLength()", "epoch_length"),
        (ContractNames.MetisSequencerSet, "mpcAddress()", "l2_mpc"),
    ];

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var views = (chain.Role == ChainRole.L1 ? L1Views : L2Views).Where(v => chain.Contracts.ContainsKey(v.Contract)).ToArray();
        if (views.Length == 0)
        {
            return;
        }

        var results = await rpc.BatchAsync(views.Select(v => new RpcRequest("eth_call",
            EthRpcClient.CallObject(new TransactionRequest { To = chain.Contracts[v.Contract].Address, Data = FunctionCall.Selector(v.Signature) }), "latest")).ToArray(), cancellationToken);
        var assignments = new List<string>();
        await using var command = dataSource.CreateCommand();
        for (var i = 0; i < views.Length; i++)
        {
            if (results[i].Error is not null || Hex.Decode(results[i].Value.GetString()!) is not { Length: 32 } word)
            {
                continue;
            }

            var column = views[i].Column;
            object value = column switch
            {
                "paused" => word[31] != 0,
                "mpc" or "l2_mpc" => word[12..],
                "current_batch" or "exit_delay_seconds" or "epoch_length" => (long)new BigInteger(word, isUnsigned: true, isBigEndian: true),
                _ => new BigInteger(word, isUnsigned: true, isBigEndian: true),
            };
            assignments.Add($"{column} = @p{i}");
            command.Parameters.AddWithValue($"p{i}", value);
        }

        if (assignments.Count == 0)
        {
            return;
        }

        command.CommandText = $"update network_state set {string.Join(", ", assignments)} where id = 1";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
