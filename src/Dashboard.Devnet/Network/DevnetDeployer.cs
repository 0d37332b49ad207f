using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Core.Deployment;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Contracts;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Devnet.Network;

/// <summary>
/// Deploys our contracts on the two devnet chains and wires them as on mainnet: METIS, the bridge stand-in,
/// LockingInfo (escrow) and LockingPool on L1; MetisSequencerSet and the fee vault at its predeploy address on L2.
/// </summary>
public sealed class DevnetDeployer(ChainWriter l1, ChainWriter l2, DevnetAccounts accounts, Action<string> say)
{
    public static readonly Address FeeVaultAddress = Address.Parse("0x4200000000000000000000000000000000000011");
    public static readonly Address L2MetisToken = Address.Parse("0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000");
    public static readonly BigInteger MaxApproval = (BigInteger.One << 256) - 1;

    public async Task<DeploymentManifest> DeployAsync(long epochLength, CancellationToken cancellationToken)
    {
        var admin = accounts.Admin;
        var l2ChainId = await l2.Rpc.ChainIdAsync(cancellationToken);

        // L1
        var (token, tokenBlock) = await DeployAsync(l1, "MetisToken", "address", [admin], cancellationToken);
        var (bridge, _) = await DeployAsync(l1, "L1Bridge", "address", [admin], cancellationToken);
        var (lockingInfo, infoBlock) = await DeployAsync(l1, "LockingInfo", "address,address,address,address,uint256",
            [admin, bridge, token, L2MetisToken, new BigInteger(l2ChainId)], cancellationToken);
        var (lockingPool, poolBlock) = await DeployAsync(l1, "LockingPool", "address,address", [admin, lockingInfo], cancellationToken);
        await l1.SendAsync(admin, lockingInfo, "initManager(address)", lockingPool);
        await l1.SendAsync(admin, lockingPool, "updateMpc(address)", accounts.Mpc);
        await l1.SendAsync(admin, lockingInfo, "setRewardPayer(address)", accounts.RewardPayer);
        await l1.SendAsync(admin, token, "mint(address,uint256)", accounts.RewardPayer, MetisAmount.FromMetis(10_000_000m));
        await l1.SendAsync(accounts.RewardPayer, token, "approve(address,uint256)", lockingInfo, MaxApproval);
        foreach (var holder in accounts.Operators.Concat(accounts.Delegators))
        {
            await l1.SendAsync(admin, token, "mint(address,uint256)", holder, MetisAmount.FromMetis(1_000_000m));
        }

        // L2: epoch 0 is the next epochLength blocks, produced by no one yet (the simulator assigns them).
        var l2Head = await l2.Rpc.BlockNumberAsync(cancellationToken);
        var (sequencerSet, setBlock) = await DeployAsync(l2, "MetisSequencerSet", "address,address,address,uint256,uint256,uint256",
            [admin, Address.Zero, accounts.Mpc, new BigInteger(l2Head + 2), new BigInteger(l2Head + 1 + epochLength), new BigInteger(epochLength)], cancellationToken);
        var vault = ContractArtifact.Load("SequencerFeeVault");
        await l2.Rpc.SetCodeAsync(FeeVaultAddress, vault.DeployedBytecode, cancellationToken);
        await l2.SendAsync(admin, FeeVaultAddress, "initialize(address)", admin);
        var vaultBlock = await l2.Rpc.BlockNumberAsync(cancellationToken);
        say($"Contracts deployed: LockingInfo {lockingInfo}, LockingPool {lockingPool}, MetisSequencerSet {sequencerSet}");

        return new DeploymentManifest
        {
            Network = "devnet",
            CreatedAt = DateTimeOffset.UtcNow,
            L1 = new ChainDeployment
            {
                ChainId = await l1.Rpc.ChainIdAsync(cancellationToken),
                RpcUrl = l1.Rpc.Endpoint.ToString().TrimEnd('/'),
                Contracts = new(StringComparer.Ordinal)
                {
                    [ContractNames.MetisToken] = new(token, tokenBlock),
                    [ContractNames.L1Bridge] = new(bridge, tokenBlock),
                    [ContractNames.LockingInfo] = new(lockingInfo, infoBlock),
                    [ContractNames.LockingPool] = new(lockingPool, poolBlock),
                },
            },
            L2 = new ChainDeployment
            {
                ChainId = l2ChainId,
                RpcUrl = l2.Rpc.Endpoint.ToString().TrimEnd('/'),
                Contracts = new(StringComparer.Ordinal)
                {
                    [ContractNames.MetisSequencerSet] = new(sequencerSet, setBlock),
                    [ContractNames.SequencerFeeVault] = new(FeeVaultAddress, vaultBlock),
                },
            },
            Accounts = accounts.ToManifest(),
        };
    }

    /// <summary>
    /// Registers a sequencer as mainnet does: the admin whitelists the owner, the owner approves METIS to
    /// LockingInfo and locks with its signer's 64-byte public key. Returns the new sequencer id.
    /// </summary>
    public static async Task<long> LockSequencerAsync(ChainWriter l1, DeploymentManifest manifest, Address admin, Address owner, DevnetKey signer,
        BigInteger amount, Address? rewardRecipient = null, CancellationToken cancellationToken = default)
    {
        var pool = manifest.L1.Contract(ContractNames.LockingPool).Address;
        var info = manifest.L1.Contract(ContractNames.LockingInfo).Address;
        var token = manifest.L1.Contract(ContractNames.MetisToken).Address;
        await l1.SendAsync(admin, pool, "setWhitelist(address,bool)", owner, true);
        await l1.SendAsync(owner, token, "approve(address,uint256)", info, amount);
        await l1.SendAsync(owner, pool, "lockWithRewardRecipient(address,address,uint256,bytes)", signer.Address, rewardRecipient ?? owner, amount, signer.PublicKey);
        var id = await l1.ReadAsync(pool, "seqOwners(address)", "uint256", owner);
        return (long)(BigInteger)id[0]!;
    }

    private static async Task<(Address Address, long Block)> DeployAsync(ChainWriter chain, string contract, string types, object?[] arguments, CancellationToken cancellationToken)
    {
        var deployer = (await chain.Rpc.AccountsAsync(cancellationToken))[0];
        var address = await chain.DeployAsync(deployer, ContractArtifact.Load(contract), types, arguments, cancellationToken);
        return (address, await chain.Rpc.BlockNumberAsync(cancellationToken));
    }
}
