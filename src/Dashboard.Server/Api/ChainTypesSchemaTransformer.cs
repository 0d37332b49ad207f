using System.Numerics;
using Dashboard.Ethereum;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Server.Api;

/// <summary>Describes chain types as the JSON really carries them: amounts, addresses and hashes are strings.</summary>
public sealed class ChainTypesSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>Schema names: wei amounts are "Wei" rather than the CLR's "BigInteger".</summary>
    public static string? ReferenceId(System.Text.Json.Serialization.Metadata.JsonTypeInfo type) =>
        type.Type == typeof(BigInteger) ? "Wei" : OpenApiOptions.CreateDefaultSchemaReferenceId(type);

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(BigInteger))
        {
            Set(schema, "^-?[0-9]+$", "An integer amount in wei (1 METIS = 10^18 wei), as a decimal string to keep full precision.");
        }
        else if (type == typeof(Address))
        {
            Set(schema, "^0x[0-9a-fA-F]{40}$", "An account address, EIP-55 checksummed.");
        }
        else if (type == typeof(Hash32))
        {
            Set(schema, "^0x[0-9a-f]{64}$", "A 32-byte hash, lower-case hex.");
        }

        return Task.CompletedTask;
    }

    private static void Set(OpenApiSchema schema, string pattern, string description)
    {
        schema.Type = JsonSchemaType.String;
        schema.Format = null;
        schema.Pattern = pattern;
        schema.Description = description;
        schema.Properties?.Clear();
    }
}
