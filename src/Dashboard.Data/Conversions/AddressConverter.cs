using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Data.Conversions;

/// <summary>Addresses are stored as their 20 bytes.</summary>
public sealed class AddressConverter() : ValueConverter<Address, byte[]>(a => a.ToBytes(), b => new Address(b));
