using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Api;

/// <summary>Wei amounts travel as decimal strings: JSON numbers lose precision past 2^53 in most clients.</summary>
public sealed class WeiJsonConverter : JsonConverter<BigInteger>
{
    public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.Number
            ? System.Text.Encoding.UTF8.GetString(reader.ValueSpan)
            : reader.GetString();
        return BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException($"'{text}' is not an integer amount.");
    }

    public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
}
