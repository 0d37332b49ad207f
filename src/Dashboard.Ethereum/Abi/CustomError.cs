namespace Dashboard.Ethereum.Abi;

/// <summary>A Solidity custom error: its signature, named inputs and a plain-language meaning.</summary>
public sealed record CustomError(string Name, IReadOnlyList<(string Name, AbiType Type)> Inputs, string Meaning)
{
    public string Signature => Name + "(" + string.Join(",", Inputs.Select(i => i.Type.Name)) + ")";

    public byte[] Selector => Crypto.Keccak256.Hash(Signature)[..4];
}
