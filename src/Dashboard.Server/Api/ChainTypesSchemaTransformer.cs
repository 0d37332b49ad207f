using System.Numerics;
using System.Reflection;
using Dashboard.Core.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Server.Api;

/// <summary>Describes chain values as the JSON really carries them: amounts, addresses and hashes are strings with a pattern.</summary>
public sealed class ChainTypesSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>Schema names: wei amounts are "Wei" rather than the CLR's "BigInteger".</summary>
    public static string? ReferenceId(System.Text.Json.Serialization.Metadata.JsonTypeInfo type) =>
        type.Type == typeof(BigInteger) ? "Wei" : OpenApiOptions.CreateDefaultSchemaReferenceId(type);

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        var property = context.JsonPropertyInfo?.AttributeProvider as ICustomAttributeProvider;
        if (type == typeof(BigInteger))
        {
            Set(schema, "^-?[0-9]+$", "An integer amount in wei (1 METIS = 10^18 wei), as a decimal string to keep full precision.");
        }
        else if (property?.IsDefined(typeof(AddressStringAttribute), inherit: false) == true)
        {
            Set(schema, AddressStringAttribute.Pattern, "An account address, EIP-55 checksummed.");
        }
        else if (property?.IsDefined(typeof(HashStringAttribute), inherit: false) == true)
        {
            Set(schema, HashStringAttribute.Pattern, "A 32-byte hash, lower-case hex.");
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
