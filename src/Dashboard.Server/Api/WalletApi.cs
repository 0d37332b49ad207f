using System.Globalization;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Dashboard.Server.Transactions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Server.Api;

/// <summary>/api/wallet: what an account holds and may do right now, read live from L1 (the index may lag a block or two).</summary>
public static class WalletApi
{
    public static IEndpointRouteBuilder MapWalletApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/wallet/{address}", WalletAsync).WithTags("Wallet").WithName("GetWalletState")
            .WithSummary("What an account holds and may do now, read live from L1: balances, allowances, its position and unbonding entries in every pool, and the sequencer it owns, runs or signs for");
        return app;
    }

    public static async Task<Results<Ok<WalletState>, ProblemHttpResult>> WalletAsync(string address, WalletReader wallets, CancellationToken cancellationToken)
    {
        if (!Address.TryParse(address, out var parsed, out var error))
        {
            return ApiProblems.InvalidAddress(error);
        }

        try
        {
            return TypedResults.Ok(await wallets.ReadAsync(parsed, cancellationToken));
        }
        catch (RpcException ex)
        {
            return TypedResults.Problem(detail: $"The L1 node could not be read ({ex.Detail}); try again in a moment.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chain unavailable");
        }
        catch (MissingContractException ex)
        {
            return ApiProblems.ContractMissing(ex);
        }
    }
}
