using System.Reflection;
using Dashboard.Ethereum.Crypto;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Ethereum.Abi;

/// <summary>
/// The ABI of one event, read from a class declared with <see cref="EventAttribute"/>: its signature, its topic0
/// and a decoder from <see cref="Log"/> to the class. Indexed dynamic values (bytes, string, arrays) arrive only as
/// their hash, so such properties must be <see cref="Hash32"/>.
/// </summary>
public sealed class EventDefinition<T> where T : class, new()
{
    public static EventDefinition<T> Instance { get; } = new();

    private readonly AbiMember[] _indexed;
    private readonly AbiMember[] _data;
    private readonly AbiType[] _dataTypes;
    private readonly AbiMembers _members;

    private EventDefinition()
    {
        var attribute = typeof(T).GetCustomAttribute<EventAttribute>()
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no [Event] attribute.");
        _members = AbiMembers.Of(typeof(T));
        Name = attribute.Name;
        Signature = _members.Signature(Name);
        Topic0 = new Hash32(Keccak256.Hash(Signature));
        _indexed = _members.Parameters.Where(p => p.Attribute.Indexed).ToArray();
        _data = _members.Parameters.Where(p => !p.Attribute.Indexed).ToArray();
        _dataTypes = _data.Select(p => p.AbiType).ToArray();
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

    public T Decode(Log log)
    {
        if (!IsLogFor(log))
        {
            throw new AbiDecodingException(
                $"Log {log.TransactionHash}#{log.LogIndex} is not {Signature} (topic0 {(log.Topics.Count > 0 ? log.Topics[0] : "none")}, {log.Topics.Count} topics).");
        }

        var instance = new T();
        for (var i = 0; i < _indexed.Length; i++)
        {
            var member = _indexed[i];
            var topic = log.Topics[i + 1].ToBytes();
            var value = member.AbiType.IsDynamic ? new Hash32(topic) : member.AbiType.Decode(topic, 0);
            member.Property.SetValue(instance, AbiMembers.Convert(value, member.Property.PropertyType, member));
        }

        var values = AbiCodec.Decode(_dataTypes, log.Data);
        for (var i = 0; i < _data.Length; i++)
        {
            _data[i].Property.SetValue(instance, AbiMembers.Convert(values[i], _data[i].Property.PropertyType, _data[i]));
        }

        return instance;
    }

    /// <summary>Topics and data for <paramref name="value"/>, as a contract would emit them (used by tests and fakes).</summary>
    public (IReadOnlyList<Hash32> Topics, byte[] Data) Encode(T value)
    {
        var all = _members.Read(value);
        var topics = new List<Hash32> { Topic0 };
        var dataValues = new List<object?>();
        for (var i = 0; i < _members.Parameters.Count; i++)
        {
            var member = _members.Parameters[i];
            if (!member.Attribute.Indexed)
            {
                dataValues.Add(all[i]);
            }
            else if (member.AbiType.IsDynamic)
            {
                topics.Add(new Hash32((byte[])all[i]!));
            }
            else
            {
                topics.Add(new Hash32(member.AbiType.Encode(all[i])));
            }
        }

        return (topics, AbiCodec.Encode(_dataTypes, dataValues));
    }
}
