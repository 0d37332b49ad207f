using System.Reflection;
using Dashboard.Ethereum;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Server.ReadModel;

/// <summary>
/// Names for what a transaction did in our contracts: every event (topic0) and function (4-byte selector) bound in
/// Dashboard.Contracts, read once from their Nethereum bindings.
/// </summary>
public static class ContractCatalog
{
    private static readonly Lazy<(Dictionary<Hash32, string> Events, Dictionary<string, string> Functions)> Names = new(Build);

    /// <summary>The event's name ("Locked"), or null for an event we do not bind.</summary>
    public static string? Event(Hash32 topic0) => Names.Value.Events.GetValueOrDefault(topic0);

    /// <summary>The function's name ("lockFor") from calldata, or null for a plain transfer or a function we do not bind.</summary>
    public static string? Function(ReadOnlySpan<byte> input) =>
        input.Length < 4 ? null : Names.Value.Functions.GetValueOrDefault(Convert.ToHexStringLower(input[..4]));

    private static (Dictionary<Hash32, string>, Dictionary<string, string>) Build()
    {
        var events = new Dictionary<Hash32, string>();
        var functions = new Dictionary<string, string>(StringComparer.Ordinal);
        var getEvent = typeof(ABITypedRegistry).GetMethod(nameof(ABITypedRegistry.GetEvent), 1, Type.EmptyTypes)!;
        var getFunction = typeof(ABITypedRegistry).GetMethod(nameof(ABITypedRegistry.GetFunctionABI), 1, Type.EmptyTypes)!;
        foreach (var type in typeof(Dashboard.Contracts.ContractErrors).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            if (type.GetCustomAttribute<EventAttribute>() is not null && typeof(IEventDTO).IsAssignableFrom(type))
            {
                var abi = (Nethereum.ABI.Model.EventABI)getEvent.MakeGenericMethod(type).Invoke(null, null)!;
                events.TryAdd(Hash32.Parse("0x" + abi.Sha3Signature), abi.Name);
            }
            else if (type.GetCustomAttribute<FunctionAttribute>() is not null && typeof(FunctionMessage).IsAssignableFrom(type))
            {
                var abi = (Nethereum.ABI.Model.FunctionABI)getFunction.MakeGenericMethod(type).Invoke(null, null)!;
                functions.TryAdd(abi.Sha3Signature.ToLowerInvariant(), abi.Name);
            }
        }

        return (events, functions);
    }
}
