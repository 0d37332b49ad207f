using System.Reflection;
using Dashboard.Ethereum.Rpc;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Contracts;

namespace Dashboard.Ethereum.Abi;

/// <summary>
/// Decodes logs into a Nethereum event DTO (<see cref="IEventDTO"/>), with everything Nethereum derives by reflection
/// — the event's ABI, topic0, which property each parameter fills — worked out once per event type. Nethereum's own
/// <c>DecodeEvent&lt;T&gt;</c> repeats that work on every log, which a replay over every stored log pays thousands of
/// times (measured in bench/: README, "What stays ours"). The values themselves are decoded by Nethereum's ABI types.
/// Indexed dynamic values (bytes, string, arrays) arrive only as their hash: such properties are strings.
/// </summary>
public sealed class EventDecoder<T> where T : IEventDTO, new()
{
    public static EventDecoder<T> Instance { get; } = new();

    private readonly (PropertyInfo Property, Parameter Parameter)[] _indexed;
    private readonly (PropertyInfo Property, Parameter Parameter)[] _data;
    private readonly ParameterDecoder _decoder = new();

    private EventDecoder()
    {
        var abi = ABITypedRegistry.GetEvent<T>();
        Name = abi.Name;
        Topic0 = Hash32.Parse("0x" + abi.Sha3Signature);
        Signature = $"{abi.Name}({string.Join(",", abi.InputParameters.OrderBy(p => p.Order).Select(p => p.ABIType.CanonicalName))})";
        var parameters = PropertiesExtractor.GetPropertiesWithParameterAttribute(typeof(T))
            .Select(property =>
            {
                var parameter = property.GetCustomAttribute<ParameterAttribute>(true)!.Parameter;
                // Decode straight into the property's type, as Nethereum's own attribute decoding does.
                parameter.DecodedType = property.PropertyType;
                return (Property: property, Parameter: parameter);
            })
            .OrderBy(p => p.Parameter.Order)
            .ToArray();
        _indexed = parameters.Where(p => p.Parameter.Indexed).ToArray();
        _data = parameters.Where(p => !p.Parameter.Indexed).ToArray();
        if (_indexed.Length > 3)
        {
            throw new InvalidOperationException($"{Signature}: at most 3 indexed parameters.");
        }
    }

    public string Name { get; }

    /// <summary>Canonical signature, e.g. <c>Withdraw(uint256,uint256)</c>.</summary>
    public string Signature { get; }

    public Hash32 Topic0 { get; }

    public bool IsLogFor(Log log) => log.Topics.Count == _indexed.Length + 1 && log.Topics[0] == Topic0;

    /// <summary>The event, or null when the log is not this event or does not decode as it.</summary>
    public T? TryDecode(Log log)
    {
        try
        {
            return IsLogFor(log) ? Decode(log) : default;
        }
        catch (AbiDecodingException)
        {
            return default;
        }
    }

    public T Decode(Log log)
    {
        if (!IsLogFor(log))
        {
            throw new AbiDecodingException(
                $"Log {log.TransactionHash}#{log.LogIndex} is not {Signature} (topic0 {(log.Topics.Count > 0 ? log.Topics[0] : "none")}, {log.Topics.Count} topics).");
        }

        var result = new T();
        try
        {
            for (var i = 0; i < _indexed.Length; i++)
            {
                var (property, parameter) = _indexed[i];
                var topic = log.Topics[i + 1];
                property.SetValue(result, parameter.ABIType.IsDynamic() ? topic.ToString() : parameter.ABIType.Decode(topic.ToBytes(), property.PropertyType));
            }

            if (_data.Length > 0)
            {
                // Nethereum reads past the end of short data as zeros; a log that short is not this event.
                if (log.Data.Length < 32 * _data.Length || log.Data.Length % 32 != 0)
                {
                    throw new AbiDecodingException($"Log {log.TransactionHash}#{log.LogIndex} does not decode as {Signature}: {log.Data.Length} bytes of data.");
                }

                var outputs = _data.Select(d => new ParameterOutput { Parameter = d.Parameter }).ToArray();
                _decoder.DecodeOutput(log.Data, outputs);
                for (var i = 0; i < _data.Length; i++)
                {
                    _data[i].Property.SetValue(result, outputs[i].Result);
                }
            }
        }
        catch (Exception ex) when (ex is not AbiDecodingException and (ArgumentException or FormatException or IndexOutOfRangeException or InvalidCastException or OverflowException))
        {
            throw new AbiDecodingException($"Log {log.TransactionHash}#{log.LogIndex} does not decode as {Signature}: {ex.Message}");
        }

        return result;
    }
}
