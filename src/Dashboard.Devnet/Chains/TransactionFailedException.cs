using Dashboard.Contracts;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Devnet.Chains;

/// <summary>
/// A devnet transaction reverted or failed. <see cref="RevertData"/> holds the raw revert data when the node
/// returned it, and <see cref="Revert"/> the same decoded with our contracts' custom errors.
/// </summary>
public sealed class TransactionFailedException(string message, string? revertData) : InvalidOperationException(message + Describe(revertData))
{
    public string? RevertData { get; } = revertData;

    public DecodedRevert Revert => ContractErrors.Decoder.Decode(RevertData);

    private static string Describe(string? revertData) =>
        revertData is null ? "" : " → " + ContractErrors.Decoder.Decode(revertData);
}
