namespace Dashboard.Ethereum.Abi;

/// <summary>What a revert said, decoded: a reason string, a panic code, a known custom error, or raw data.</summary>
public sealed record DecodedRevert
{
    public required RevertKind Kind { get; init; }

    /// <summary>The error's name (custom errors), "Error" or "Panic".</summary>
    public required string Name { get; init; }

    /// <summary>The plain-language meaning: the reason string, the panic's meaning or the custom error's notice.</summary>
    public required string Meaning { get; init; }

    /// <summary>The error's arguments by name, decoded (BigInteger, Address, bool, byte[], string, arrays).</summary>
    public IReadOnlyList<(string Name, object? Value)> Arguments { get; init; } = [];

    public string? RawData { get; init; }

    public override string ToString() =>
        Arguments.Count == 0 ? $"{Name}: {Meaning}" : $"{Name}: {Meaning} ({string.Join(", ", Arguments.Select(a => $"{a.Name} = {a.Value}"))})";
}

public enum RevertKind
{
    /// <summary>No data: a plain revert, out of gas, or a call to an address without code.</summary>
    Empty,

    /// <summary><c>Error(string)</c> from <c>require(cond, "reason")</c>.</summary>
    Reason,

    /// <summary><c>Panic(uint256)</c>: an assert, overflow, division by zero, bad index.</summary>
    Panic,

    /// <summary>A custom error known to the decoder.</summary>
    Custom,

    /// <summary>Data that matches nothing known.</summary>
    Unknown,
}
