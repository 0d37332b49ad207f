namespace Dashboard.Devnet.Chains;

/// <summary>A devnet transaction reverted or failed; <see cref="RevertData"/> holds the raw revert data when known.</summary>
public sealed class TransactionFailedException(string message, string? revertData) : InvalidOperationException(message)
{
    public string? RevertData { get; } = revertData;
}
