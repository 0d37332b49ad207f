using System.Reflection;
using System.Text.Json;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Ethereum.Abi;
using Dashboard.Testing;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Tests.Bindings;

/// <summary>The C# event bindings, the compiled contracts and the real mainnet ABI (domain.md) must agree.</summary>
public class ContractBindingTests
{
    // Signatures exactly as ../shared/docs/domain.md lists the mainnet events (indexed flags checked separately).
    public static TheoryData<string> MainnetEvents =>
    [
        "Locked(address,uint256,uint256,uint256,uint256,uint256,bytes)",
        "Relocked(uint256,uint256,uint256)",
        "Withdraw(uint256,uint256)",
        "LockUpdate(uint256,uint256,uint256)",
        "ClaimRewards(uint256,address,uint256,uint256)",
        "UnlockInit(address,uint256,uint256,uint256,uint256,uint256,uint256)",
        "Unlocked(address,uint256,uint256,uint256)",
        "BatchSubmitReward(uint256)",
        "SignerChange(uint256,uint256,address,address,bytes)",
        "SetMinLock(uint256)",
        "SetMaxLock(uint256)",
        "SetRewardPayer(address)",
        "DistributeReward(uint256,uint256,uint256,uint256,uint256)",
        "RewardUpdate(uint256,uint256)",
        "WithrawDelayTimeChange(uint256,uint256)",
        "UpdateMpc(address)",
        "SetSignerUpdateThrottle(uint256)",
        "SetWhitelist(address,bool)",
        "SequencerRewardRecipientChanged(uint256,address)",
        "SequencerOwnerChanged(uint256,address)",
        "Paused(address)",
        "Unpaused(address)",
        "NewEpoch(uint256,uint256,uint256,address)",
        "ReCommitEpoch(uint256,uint256,uint256,uint256,uint256,address)",
        "MpcAddressUpdated(address)",
        "EpochUpdated(uint256)",
    ];

    private static readonly IReadOnlyList<Type> EventTypes = typeof(LockedEvent).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<EventAttribute>() is not null).ToList();

    [Theory]
    [MemberData(nameof(MainnetEvents))]
    public void Every_mainnet_event_has_a_binding_with_its_exact_signature(string signature) =>
        Assert.Contains(EventTypes, t => Signature(t) == signature);

    [Fact]
    public void Every_binding_matches_an_event_of_the_compiled_contracts_including_indexed_flags()
    {
        var compiled = new Dictionary<string, List<(string Signature, bool[] Indexed)>>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestPostgres.RepoRoot, "contracts", "out"), "*.json").Where(f => !f.EndsWith("errors.json", StringComparison.Ordinal)))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var item in doc.RootElement.GetProperty("abi").EnumerateArray().Where(i => i.GetProperty("type").GetString() == "event"))
            {
                var inputs = item.GetProperty("inputs").EnumerateArray().ToList();
                var signature = item.GetProperty("name").GetString() + "(" + string.Join(",", inputs.Select(i => i.GetProperty("type").GetString())) + ")";
                compiled.TryAdd(signature, []);
                compiled[signature].Add((signature, inputs.Select(i => i.GetProperty("indexed").GetBoolean()).ToArray()));
            }
        }

        // The real contracts sit behind ERC-1967 proxies, which emit Upgraded(address indexed implementation) (EIP-1967);
        // the devnet deploys its contracts without proxies, so the standard stands in for the compiler's output.
        compiled.TryAdd("Upgraded(address)", [("Upgraded(address)", [true])]);
        Assert.NotEmpty(EventTypes);
        foreach (var type in EventTypes)
        {
            var signature = Signature(type);
            Assert.True(compiled.ContainsKey(signature), $"{type.Name}: {signature} is not emitted by any compiled contract");
            var indexed = Parameters(type).Select(p => p.Indexed).ToArray();
            Assert.Contains(compiled[signature], c => c.Indexed.SequenceEqual(indexed));
        }
    }

    [Fact]
    public void Locked_topic_is_the_one_seen_on_mainnet() =>
        Assert.Equal("0xe6f1eb1f1d0ca344d03cf47b9e6ece8a7d3b196e38dd7dd2307cca75e26682a8", EventDecoder<LockedEvent>.Instance.Topic0.ToString());

    // The mainnet functions a user's wallet sends (domain.md), with their exact signatures.
    public static TheoryData<string> MainnetFunctions =>
    [
        "lockFor(address,uint256,bytes)",
        "lockWithRewardRecipient(address,address,uint256,bytes)",
        "relock(uint256,uint256,bool)",
        "withdraw(uint256,uint256)",
        "withdrawRewards(uint256,uint32)",
        "unlock(uint256,uint32)",
        "unlockClaim(uint256,uint32)",
        "setSequencerRewardRecipient(uint256,address)",
        "updateSigner(uint256,bytes)",
        "batchSubmitRewards(uint256,uint256,uint256,address[],uint256[])",
    ];

    private static readonly List<Type> FunctionTypes = typeof(LockedEvent).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<FunctionAttribute>() is not null).ToList();

    [Theory]
    [MemberData(nameof(MainnetFunctions))]
    public void Every_mainnet_function_a_wallet_sends_has_a_binding_with_its_exact_signature(string signature) =>
        Assert.Contains(FunctionTypes, t => FunctionSignature(t) == signature);

    [Fact]
    public void Every_function_binding_is_a_function_of_the_compiled_contracts()
    {
        var compiled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(TestPostgres.RepoRoot, "contracts", "out"), "*.json").Where(f => !f.EndsWith("errors.json", StringComparison.Ordinal)))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var item in doc.RootElement.GetProperty("abi").EnumerateArray().Where(i => i.GetProperty("type").GetString() == "function"))
            {
                compiled.Add(item.GetProperty("name").GetString() + "(" + string.Join(",", item.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("type").GetString())) + ")");
            }
        }

        Assert.True(FunctionTypes.Count >= 15);
        Assert.All(FunctionTypes, type => Assert.True(compiled.Contains(FunctionSignature(type)), $"{type.Name}: {FunctionSignature(type)} is not a function of any compiled contract"));
    }

    [Fact]
    public void Tracked_error_catalogue_matches_the_compiler_output()
    {
        var root = TestPostgres.RepoRoot;
        Assert.Equal(File.ReadAllText(Path.Combine(root, "contracts", "out", "errors.json")), File.ReadAllText(Path.Combine(root, "contracts", "errors.json")));
    }

    // As Nethereum reads the declarations (its typed registry), not as we would.
    private static string Signature(Type type) =>
        ABITypedRegistry.GetEvent(type) is var abi ? $"{abi.Name}({string.Join(",", abi.InputParameters.OrderBy(p => p.Order).Select(p => p.ABIType.CanonicalName))})" : "";

    private static string FunctionSignature(Type type) =>
        ABITypedRegistry.GetFunctionABI(type) is var abi ? $"{abi.Name}({string.Join(",", abi.InputParameters.OrderBy(p => p.Order).Select(p => p.ABIType.CanonicalName))})" : "";

    private static IEnumerable<Nethereum.ABI.Model.Parameter> Parameters(Type type) => ABITypedRegistry.GetEvent(type).InputParameters.OrderBy(p => p.Order);
}
