namespace Dashboard.Ethereum.Abi;

/// <summary>The integer types used everywhere, so callers do not parse "uint256" again and again.</summary>
public static class IntegerTypes
{
    public static readonly IntegerType Uint8 = new(8, signed: false);
    public static readonly IntegerType Uint32 = new(32, signed: false);
    public static readonly IntegerType Uint64 = new(64, signed: false);
    public static readonly IntegerType Uint256 = new(256, signed: false);
    public static readonly IntegerType Int256 = new(256, signed: true);
}
