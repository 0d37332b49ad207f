namespace Dashboard.Core.Api;

/// <summary>
/// Marks a string that holds an account address, EIP-55 checksummed, as the server writes it (the OpenAPI document
/// gives it its pattern). The server validates and checksums addresses with its Ethereum library; the UI shows them
/// as given, so it needs none.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class AddressStringAttribute : Attribute
{
    public const string Pattern = "^0x[0-9a-fA-F]{40}$";
}
