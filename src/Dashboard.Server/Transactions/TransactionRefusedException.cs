namespace Dashboard.Server.Transactions;

/// <summary>
/// The transaction would not go through (or the input is not one): said in words, with a short reason code the UI can
/// act on ("allowance" → offer the approval first; "wrong-account"; "revert" with the contract's own error).
/// </summary>
public sealed class TransactionRefusedException(string reason, string message, string? error = null, bool invalidInput = false) : Exception(message)
{
    public string Reason { get; } = reason;

    /// <summary>The contract's custom error, when the check was a simulated call that reverted.</summary>
    public string? Error { get; } = error;

    /// <summary>The request itself is malformed (400), rather than the chain refusing it (422).</summary>
    public bool InvalidInput { get; } = invalidInput;

    public static TransactionRefusedException Input(string message) => new("invalid-input", message, invalidInput: true);
}
