using System.Text.Json;

namespace Dashboard.Ethereum.Rpc;

/// <summary>One call's outcome inside a batch: its value or its own error.</summary>
public readonly record struct RpcResult(JsonElement Value, RpcException? Error)
{
    public JsonElement GetValueOrThrow() => Error is null ? Value : throw Error;
}
