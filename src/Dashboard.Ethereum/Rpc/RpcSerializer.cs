using System.Text.Json;

namespace Dashboard.Ethereum.Rpc;

/// <summary>Serializer settings for JSON-RPC parameters (addresses and hashes carry their own converters).</summary>
internal static class RpcSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
