using Dashboard.Contracts.Bridge;
using Dashboard.Contracts.Prices;
using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Contracts.Deployment;
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

    /// <summary>Metis' L2 standard bridge predeploy: where deposits from L1 (reward payouts) arrive.</summary>
    public static readonly Address L2BridgeAddress = Address.Parse("0x4200000000000000000000000000000000000010");

    /// <summary>The devnet's AMM (SwapPool), installed at a fixed address like the predeploys.</summary>
    public static readonly Address SwapPoolAddress = Address.Parse("0x5300000000000000000000000000000000000001");

    /// <summary>Metis' L2 cross-domain messenger predeploy: the only caller of the L2 bridge (the simulator impersonates it).</summary>
    public static readonly Address L2MessengerAddress = Address.Parse("0x4200000000000000000000000000000000000007");
    public static readonly Address L2MetisToken = Address.Parse("0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000");
    public static readonly BigInteger MaxApproval = (BigInteger.One << 256) - 1;

    /// <summary>The devnet's METIS price: 0.006 ETH (about $20 at $3,300 an ETH), in its deepest METIS/WETH pool.</summary>
    public const decimal MetisPriceInEth = 0.006m;


    /// <summary>L1: token, bridge, LockingInfo, LockingPool, wiring, and METIS for everyone who needs it.</summary>
    public async Task<DeploymentManifest> DeployL1Async(BigInteger? rewardPerBlock, BigInteger? bridgeFeePerL2Gas, int stallSeconds, CancellationToken cancellationToken)
    {
        var admin = accounts.Admin;
        var l2ChainId = await l2.Rpc.ChainIdAsync(cancellationToken);
        var (token, tokenBlock) = await DeployAsync(l1, admin, "MetisToken", "address", [admin], cancellationToken);
        // The bridge fee as on Metis: the bridge finds MVM_DiscountOracle in the address manager and charges
        // max(l2Gas, minL2Gas = 200,000) × discount (0.0002 ETH at 1 gwei), so the UI has a real fee to explain.
        var (addressManager, addressManagerBlock) = await DeployAsync(l1, admin, "AddressManager", "address", [admin], cancellationToken);
        var (oracle, _) = await DeployAsync(l1, admin, "DiscountOracle", "address,uint256", [admin, bridgeFeePerL2Gas ?? BigInteger.Zero], cancellationToken);
        await l1.SendAsync(admin, addressManager, "setAddress(string,address)", BridgeFee.OracleName, oracle);
        var (bridge, bridgeBlock) = await DeployAsync(l1, admin, "L1Bridge", "address,address", [admin, addressManager], cancellationToken);
        var (lockingInfo, infoBlock) = await DeployAsync(l1, admin, "LockingInfo", "address,address,address,address,uint256",
            [admin, bridge, token, L2MetisToken, new BigInteger(l2ChainId)], cancellationToken);
        var (lockingPool, poolBlock) = await DeployAsync(l1, admin, "LockingPool", "address,address", [admin, lockingInfo], cancellationToken);
        await l1.SendAsync(admin, lockingInfo, "initManager(address)", lockingPool);
        await l1.SendAsync(admin, lockingPool, "updateMpc(address)", accounts.Mpc);
        await l1.SendAsync(admin, lockingInfo, "setRewardPayer(address)", accounts.RewardPayer);
        if (rewardPerBlock is { } rpb)
        {
            await l1.SendAsync(admin, lockingPool, "updateBlockReward(uint256)", rpb);
        }

        await l1.SendAsync(admin, token, "mint(address,uint256)", accounts.RewardPayer, MetisAmount.FromMetis(50_000_000m));
        await l1.SendAsync(accounts.RewardPayer, token, "approve(address,uint256)", lockingInfo, MaxApproval);
        foreach (var holder in accounts.Operators.Concat(accounts.Delegators))
        {
            await l1.SendAsync(admin, token, "mint(address,uint256)", holder, MetisAmount.FromMetis(1_000_000m));
        }

        // A METIS price from chain data, as on mainnet: Uniswap V3-shaped pools of METIS and WETH behind a factory. The
        // deep 0.3 % pool holds the price the dashboard must use; a shallow 1 % pool holds another, to be passed over.
        var (weth, wethBlock) = await DeployAsync(l1, admin, "WrappedEther", "", [], cancellationToken);
        var (factory, factoryBlock) = await DeployAsync(l1, admin, "PriceFactory", "address", [admin], cancellationToken);
        foreach (var (fee, ethPerMetis, liquidity) in new[] { (3000, MetisPriceInEth, BigInteger.Pow(10, 24)), (10_000, MetisPriceInEth * 3, BigInteger.Pow(10, 20)) })
        {
            var (pricePool, _) = await DeployAsync(l1, admin, "PricePool", "address,address,address,uint24,uint160,uint128",
                [admin, token, weth, new BigInteger(fee), PoolPrice.SqrtPriceFor(ethPerMetis, token, weth), liquidity], cancellationToken);
            await l1.SendAsync(admin, factory, "register(address)", pricePool);
        }

        say($"L1 contracts deployed: LockingInfo {lockingInfo}, LockingPool {lockingPool}");
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
                    [ContractNames.L1Bridge] = new(bridge, bridgeBlock),
                    [ContractNames.AddressManager] = new(addressManager, addressManagerBlock),
                    [ContractNames.LockingInfo] = new(lockingInfo, infoBlock),
                    [ContractNames.LockingPool] = new(lockingPool, poolBlock),
                    [ContractNames.UniswapV3Factory] = new(factory, factoryBlock),
                    [ContractNames.Weth] = new(weth, wethBlock),
                },
            },
            L2 = new ChainDeployment { ChainId = l2ChainId, RpcUrl = l2.Rpc.Endpoint.ToString().TrimEnd('/'), StallSeconds = stallSeconds },
            Accounts = accounts.ToManifest(),
        };
    }

    /// <summary>
    /// L2: MetisSequencerSet with epoch 0 = the next <paramref name="epochLength"/> blocks produced by
    /// <paramref name="firstSigner"/>, and the fee vault's code installed at its predeploy address.
    /// </summary>
    public async Task DeployL2Async(DeploymentManifest manifest, Address firstSigner, long epochLength, CancellationToken cancellationToken)
    {
        var admin = accounts.Admin;
        var vault = ContractArtifact.Load("SequencerFeeVault");
        await l2.Rpc.SetCodeAsync(FeeVaultAddress, vault.DeployedBytecode, cancellationToken);
        await l2.SendAsync(admin, FeeVaultAddress, "initialize(address)", admin);
        var vaultBlock = await l2.Rpc.BlockNumberAsync(cancellationToken);
        // The deployment is mined in the next block; epoch 0 starts right after it.
        var firstBlock = vaultBlock + 2;
        var (sequencerSet, setBlock) = await DeployAsync(l2, admin, "MetisSequencerSet", "address,address,address,uint256,uint256,uint256",
            [admin, firstSigner, accounts.Mpc, new BigInteger(firstBlock), new BigInteger(firstBlock + epochLength - 1), new BigInteger(epochLength)], cancellationToken);
        manifest.L2.Contracts[ContractNames.MetisSequencerSet] = new(sequencerSet, setBlock);
        manifest.L2.Contracts[ContractNames.SequencerFeeVault] = new(FeeVaultAddress, vaultBlock);

        // The L2 bridge at its predeploy address, its relayer (slot 0) the messenger, funded to pay out what is bridged
        // (on Metis the bridge mints METIS): set without mining a block, so the chain's first blocks are as before.
        await l2.Rpc.SetCodeAsync(L2BridgeAddress, ContractArtifact.Load("L2StandardBridge").DeployedBytecode, cancellationToken);
        await l2.Rpc.SetStorageAtAsync(L2BridgeAddress, 0, LogFilter.AddressTopic(L2MessengerAddress), cancellationToken);
        await l2.Rpc.SetBalanceAsync(L2BridgeAddress, BigInteger.Pow(10, 27), cancellationToken);
        manifest.L2.Contracts[ContractNames.L2StandardBridge] = new(L2BridgeAddress, vaultBlock);
        say($"L2 contracts deployed: MetisSequencerSet {sequencerSet}, fee vault {FeeVaultAddress}, bridge {L2BridgeAddress}");
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

    /// <summary>
    /// Creates a delegation pool for <paramref name="operatorAccount"/> and its sequencer: deploys the pool, the admin
    /// whitelists it, the operator approves its self-stake to the pool and initializes the sequencer through it.
    /// </summary>
    public static async Task<(long SequencerId, Address Pool)> CreatePoolSequencerAsync(ChainWriter l1, DeploymentManifest manifest, Address admin,
        Address operatorAccount, DevnetKey signer, BigInteger selfStake, DelegationPoolTerms terms, CancellationToken cancellationToken = default)
    {
        var lockingPool = manifest.L1.Contract(ContractNames.LockingPool).Address;
        var token = manifest.L1.Contract(ContractNames.MetisToken).Address;
        var pool = await l1.DeployAsync(operatorAccount, ContractArtifact.Load("DelegationPool"), "address,address,uint256,uint256,uint256,uint256,uint256",
            [lockingPool, operatorAccount, new BigInteger(terms.CommissionBps), new BigInteger((long)terms.CommissionNotice.TotalSeconds),
                new BigInteger(terms.MaxCommissionStepBps), new BigInteger((long)terms.UnbondingDelay.TotalSeconds), terms.MinDelegation], cancellationToken);
        await l1.SendAsync(admin, lockingPool, "setWhitelist(address,bool)", pool, true);
        await l1.SendAsync(operatorAccount, token, "approve(address,uint256)", pool, selfStake);
        await l1.SendAsync(operatorAccount, pool, "initializeSequencer(address,uint256,bytes,address)", signer.Address, selfStake, signer.PublicKey, operatorAccount);
        var id = await l1.ReadAsync(pool, "sequencerId()", "uint256");
        return ((long)(BigInteger)id[0]!, pool);
    }

    public static async Task<(Address Address, long Block)> DeployAsync(ChainWriter chain, Address from, string contract, string types, object?[] arguments, CancellationToken cancellationToken)
    {
        var address = await chain.DeployAsync(from, ContractArtifact.Load(contract), types, arguments, cancellationToken);
        return (address, await chain.Rpc.BlockNumberAsync(cancellationToken));
    }
}
