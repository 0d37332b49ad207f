using Dashboard.Ethereum;

namespace Dashboard.Server.Api;

/// <summary>
/// Addresses and hashes as the public API writes them (EIP-55 and lower-case hex). Used inside database
/// projections too: EF cannot translate these methods, so it reads the column and calls them on the result, where a
/// plain ToString() would become a SQL cast of the raw bytes.
/// </summary>
public static class ApiStrings
{
    public static string Of(Address address) => address.ToString();

    public static string? Of(Address? address) => address?.ToString();

    public static string Of(Hash32 hash) => hash.ToString();

    public static string? Of(Hash32? hash) => hash?.ToString();
}
