using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;

namespace Dashboard.Ethereum.Abi;

/// <summary>
/// The ABI parameters declared on a class with <see cref="ParameterAttribute"/>, in order, and the conversions
/// between decoded ABI values and the declared property types.
/// </summary>
internal sealed class AbiMembers
{
    private static readonly ConcurrentDictionary<Type, AbiMembers> Cache = new();

    private AbiMembers(Type type)
    {
        Type = type;
        Parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>()))
            .Where(x => x.Attribute is not null)
            .OrderBy(x => x.Attribute!.Order)
            .Select(x => new AbiMember(x.Property, x.Attribute!, AbiType.Parse(x.Attribute!.Type)))
            .ToArray();

        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].Attribute.Order != i + 1)
            {
                throw new InvalidOperationException($"{type.Name}: parameter orders must run 1..n without gaps.");
            }
        }
    }

    public Type Type { get; }

    public IReadOnlyList<AbiMember> Parameters { get; }

    public static AbiMembers Of(Type type) => Cache.GetOrAdd(type, static t => new AbiMembers(t));

    public string Signature(string name) => name + "(" + string.Join(",", Parameters.Select(p => p.AbiType.Name)) + ")";

    public object?[] Read(object instance) => Parameters.Select(p => ToAbiValue(p.Property.GetValue(instance))).ToArray();

    public object Create(IReadOnlyList<object?> values, IReadOnlyList<AbiMember> members)
    {
        var instance = Activator.CreateInstance(Type)
            ?? throw new InvalidOperationException($"Cannot create {Type.Name}.");
        for (var i = 0; i < members.Count; i++)
        {
            members[i].Property.SetValue(instance, Convert(values[i], members[i].Property.PropertyType, members[i]));
        }

        return instance;
    }

    /// <summary>Turns a decoded ABI value into the property's declared type.</summary>
    internal static object? Convert(object? value, Type target, AbiMember member)
    {
        if (value is null || target.IsInstanceOfType(value))
        {
            return value;
        }

        if (value is BigInteger big)
        {
            if (target == typeof(long)) return (long)big;
            if (target == typeof(ulong)) return (ulong)big;
            if (target == typeof(int)) return (int)big;
            if (target == typeof(uint)) return (uint)big;
            if (target == typeof(byte)) return (byte)big;
            if (target == typeof(decimal)) return (decimal)big;
        }

        if (value is byte[] bytes && target == typeof(Hash32) && bytes.Length == 32)
        {
            return new Hash32(bytes);
        }

        if (value is object?[] items)
        {
            var elementType = target.IsArray ? target.GetElementType()
                : target.IsGenericType ? target.GetGenericArguments()[0] : null;
            if (elementType is not null)
            {
                var array = Array.CreateInstance(elementType, items.Length);
                for (var i = 0; i < items.Length; i++)
                {
                    array.SetValue(Convert(items[i], elementType, member), i);
                }

                if (target.IsAssignableFrom(array.GetType()))
                {
                    return array;
                }
            }
        }

        throw new InvalidOperationException(
            $"Cannot put a decoded {member.AbiType.Name} ({value.GetType().Name}) into {member.Property.DeclaringType?.Name}.{member.Property.Name} of type {target.Name}.");
    }

    private static object? ToAbiValue(object? value) => value switch
    {
        null => null,
        string or byte[] => value,
        Hash32 h => h.ToBytes(),
        System.Collections.IEnumerable sequence => sequence.Cast<object?>().Select(ToAbiValue).ToArray(),
        _ => value,
    };
}

internal sealed record AbiMember(PropertyInfo Property, ParameterAttribute Attribute, AbiType AbiType);
