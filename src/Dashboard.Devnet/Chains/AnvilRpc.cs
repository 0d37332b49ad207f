using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Devnet.Chains;

/// <summary>anvil's own methods (time travel, mining, impersonation, snapshots) as typed calls.</summary>
public static class AnvilRpc
{
    public static Task MineAsync(this EthRpcClient rpc, long blocks = 1, long? intervalSeconds = null, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("anvil_mine", intervalSeconds is { } interval ? [Hex.Quantity(blocks), Hex.Quantity(interval)] : [Hex.Quantity(blocks)], cancellationToken);

    public static Task SetNextBlockTimestampAsync(this EthRpcClient rpc, long timestamp, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("evm_setNextBlockTimestamp", [timestamp], cancellationToken);

    /// <summary>Sets the node's clock; blocks mined afterwards (automine) take their timestamps from it.</summary>
    public static Task SetTimeAsync(this EthRpcClient rpc, long timestamp, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("evm_setTime", [timestamp], cancellationToken);

    /// <summary>Mines one block with exactly this timestamp (the pending transactions go in it).</summary>
    public static Task MineAtAsync(this EthRpcClient rpc, long timestamp, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("evm_mine", [timestamp], cancellationToken);

    public static Task IncreaseTimeAsync(this EthRpcClient rpc, long seconds, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("evm_increaseTime", [seconds], cancellationToken);

    public static Task SetCoinbaseAsync(this EthRpcClient rpc, Address coinbase, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("anvil_setCoinbase", [coinbase.ToLowerHex()], cancellationToken);

    public static Task ImpersonateAsync(this EthRpcClient rpc, Address account, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("anvil_impersonateAccount", [account.ToLowerHex()], cancellationToken);

    public static Task SetBalanceAsync(this EthRpcClient rpc, Address account, BigInteger wei, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("anvil_setBalance", [account.ToLowerHex(), Hex.Quantity(wei)], cancellationToken);

    public static Task SetStorageAtAsync(this EthRpcClient rpc, Address account, long slot, Hash32 value, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("anvil_setStorageAt", [account.ToLowerHex(), Hex.Quantity(slot), value.ToString()], cancellationToken);

    public static Task SetCodeAsync(this EthRpcClient rpc, Address account, byte[] code, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("anvil_setCode", [account.ToLowerHex(), Hex.Encode(code)], cancellationToken);

    public static Task SetAutomineAsync(this EthRpcClient rpc, bool enabled, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("evm_setAutomine", [enabled], cancellationToken);

    public static Task SetIntervalMiningAsync(this EthRpcClient rpc, long seconds, CancellationToken cancellationToken = default) =>
        rpc.RequestAsync("evm_setIntervalMining", [seconds], cancellationToken);

    public static async Task<string> SnapshotAsync(this EthRpcClient rpc, CancellationToken cancellationToken = default) =>
        (await rpc.RequestAsync("evm_snapshot", [], cancellationToken)).GetString()!;

    public static async Task<bool> RevertAsync(this EthRpcClient rpc, string snapshotId, CancellationToken cancellationToken = default) =>
        (await rpc.RequestAsync("evm_revert", [snapshotId], cancellationToken)).GetBoolean();

    public static async Task<IReadOnlyList<Address>> AccountsAsync(this EthRpcClient rpc, CancellationToken cancellationToken = default) =>
        (await rpc.RequestAsync("eth_accounts", [], cancellationToken)).EnumerateArray().Select(a => Address.Parse(a.GetString()!)).ToArray();
}
