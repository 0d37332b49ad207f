namespace Dashboard.Ethereum.Abi;

/// <summary>A value that cannot be encoded as its declared ABI type (out of range, wrong kind, wrong length).</summary>
public sealed class AbiEncodingException(string message) : ArgumentException(message);
