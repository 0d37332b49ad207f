using System.Globalization;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Contracts;
using Dashboard.Data;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Dashboard.Server.Indexing;
using Dashboard.Server.Transactions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>
/// /api/transactions: the staking transactions a user's own wallet signs. The server builds and checks them (it
/// never holds a key) and follows a sent transaction until the dashboard's data shows it.
/// </summary>
public static class TransactionsApi
{
    public static IEndpointRouteBuilder MapTransactionsApi(this IEndpointRouteBuilder app)
    {
        var transactions = app.MapGroup("/api/transactions").WithTags("Transactions");
        transactions.MapPost("/prepare", PrepareAsync).WithName("PrepareTransaction")
            .WithSummary("Builds and checks a staking transaction for the user's wallet to sign: actions " + string.Join(", ", TransactionActions.All))
            .WithDescription("The answer is ready for eth_sendTransaction (to, data, value, gas) with a title and what to know before signing. " +
                "A transaction that would fail is refused with 422 problem+json: 'reason' says why in a word (allowance, insufficient-balance, below-minimum, capacity, paused, wrong-account, revert, ...) and 'detail' in a sentence; " +
                "'error' names the contract's custom error when the simulated call reverted.");
        transactions.MapGet("/{hash}", StatusAsync).WithName("GetTransactionStatus")
            .WithSummary("Where a sent transaction stands on its chain (chain=L1|L2): pending, confirmed or failed (with the reason), and whether the dashboard's data includes it yet");

        return app;
    }

    public static async Task<Results<Ok<PreparedTransaction>, ProblemHttpResult>> PrepareAsync(
        [FromBody] TransactionIntent intent, TransactionBuilder builder, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await builder.PrepareAsync(intent, cancellationToken));
        }
        catch (TransactionRefusedException refused)
        {
            return Refused(refused);
        }
        catch (RpcException ex)
        {
            return TypedResults.Problem(detail: $"The L1 node could not check the transaction ({ex.Detail}); try again in a moment.", statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Chain unavailable", extensions: new Dictionary<string, object?> { ["reason"] = "node-unavailable" });
        }
        catch (MissingContractException ex)
        {
            return ApiProblems.ContractMissing(ex);
        }
    }

    public static async Task<Results<Ok<TransactionStatus>, ProblemHttpResult>> StatusAsync(
        string hash, string? chain, ChainClients chains, ResolvedNetwork network, DashboardDb db, CancellationToken cancellationToken)
    {
        if (!Hash32.TryParse(hash, out var parsed))
        {
            return ApiProblems.BadRequest($"'{hash}' is not a transaction hash: 0x and 64 hex digits.");
        }

        var role = chain?.ToUpperInvariant() switch
        {
            null or "L1" => ChainRole.L1,
            "L2" => ChainRole.L2,
            _ => (ChainRole?)null,
        };
        if (role is null)
        {
            return ApiProblems.BadRequest($"chain must be L1 or L2; got '{chain}'.");
        }

        var rpc = chains.For(role.Value);
        try
        {
            var receipt = await rpc.GetReceiptAsync(parsed, cancellationToken);
            if (receipt is null)
            {
                var pending = await rpc.GetTransactionAsync(parsed, cancellationToken);
                return TypedResults.Ok(new TransactionStatus { Hash = ApiStrings.Of(parsed), Chain = role.Value.ToString(), State = pending is null ? "unknown" : "pending", Indexed = false });
            }

            var head = await rpc.BlockNumberAsync(cancellationToken);
            var chainId = network.Chain(role.Value).ChainId;
            var indexedTo = await RangeWriter.IndexedToAsync(db, chainId, cancellationToken) ?? -1;
            string? error = null;
            if (!receipt.Succeeded)
            {
                error = await FailureAsync(rpc, parsed, receipt.BlockNumber, cancellationToken);
            }

            return TypedResults.Ok(new TransactionStatus
            {
                Hash = ApiStrings.Of(parsed),
                Chain = role.Value.ToString(),
                State = receipt.Succeeded ? "confirmed" : "failed",
                Block = receipt.BlockNumber,
                Confirmations = head - receipt.BlockNumber + 1,
                Indexed = indexedTo >= receipt.BlockNumber,
                Error = error,
            });
        }
        catch (RpcException ex)
        {
            return TypedResults.Problem(detail: $"The {role} node could not be asked ({ex.Detail}); the transaction is not lost, ask again in a moment.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chain unavailable");
        }
    }

    /// <summary>Why a mined transaction failed: the same call replayed on the state before its block, its revert decoded.</summary>
    private static async Task<string> FailureAsync(EthRpcClient rpc, Hash32 hash, long block, CancellationToken cancellationToken)
    {
        var transaction = await rpc.GetTransactionAsync(hash, cancellationToken);
        if (transaction is null)
        {
            return "The transaction failed.";
        }

        try
        {
            await rpc.CallAsync(new TransactionRequest { From = transaction.From, To = transaction.To, Data = transaction.Input, Value = transaction.Value }, Hex.Quantity(block - 1), cancellationToken);
            return "The transaction failed (it runs out of gas or depends on the block it was mined in).";
        }
        catch (RpcException ex) when (ex.Kind == RpcErrorKind.ExecutionReverted)
        {
            return RevertText.Explain(ContractErrors.Decoder.Decode(ex.Data));
        }
        catch (RpcException)
        {
            // A node that keeps no state that old (pruned) cannot replay it: it failed, that much is known.
            return "The transaction failed (the node keeps no state old enough to say why).";
        }
    }

    private static ProblemHttpResult Refused(TransactionRefusedException refused) =>
        TypedResults.Problem(
            detail: refused.Message,
            statusCode: refused.InvalidInput ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
            title: refused.InvalidInput ? "The request is not valid" : "The transaction would not go through",
            extensions: new Dictionary<string, object?> { ["reason"] = refused.Reason, ["error"] = refused.Error });
}
