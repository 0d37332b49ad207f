namespace Dashboard.Ethereum.Abi;

/// <summary>ABI data that does not decode as the declared types: truncated, bad offsets, wrong selector.</summary>
public sealed class AbiDecodingException(string message) : FormatException(message);
