using System.Text.Json;
using Dashboard.Ethereum;

namespace Dashboard.Devnet.Contracts;

/// <summary>A compiled contract from contracts/out (written by contracts/compile.mjs with solc-js).</summary>
public sealed record ContractArtifact(string ContractName, JsonElement Abi, byte[] Bytecode, byte[] DeployedBytecode)
{
    public static ContractArtifact Load(string name)
    {
        var path = Path.Combine(RepoPaths.ContractArtifacts, name + ".json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The compiled contract {path} is missing. Compile the contracts with 'node contracts/compile.mjs' (the build does it).");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        return new ContractArtifact(
            root.GetProperty("contractName").GetString()!,
            root.GetProperty("abi").Clone(),
            Hex.Decode(root.GetProperty("bytecode").GetString()!),
            Hex.Decode(root.GetProperty("deployedBytecode").GetString()!));
    }
}
