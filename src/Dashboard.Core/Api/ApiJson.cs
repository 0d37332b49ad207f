using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Api;

/// <summary>The JSON settings both ends of the public API use.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        // Numbers are numbers: the web default of also reading them from strings blurs the published schema.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new WeiJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
