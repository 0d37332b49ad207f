namespace Dashboard.Ethereum.Rpc;

/// <summary>One call in a batch: the method and its positional parameters (serialized with System.Text.Json).</summary>
public sealed record RpcRequest(string Method, params object?[] Params);
