using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Data.Conversions;

/// <summary>Hashes are stored as their 32 bytes.</summary>
public sealed class Hash32Converter() : ValueConverter<Hash32, byte[]>(h => h.ToBytes(), b => new Hash32(b));
