using System.Globalization;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Dashboard.Server.Transactions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Server.Api;

/// <summary>/api/devnet: what only the local devnet offers (absent on a real network).</summary>
public static class DevnetApi
{
    public static IEndpointRouteBuilder MapDevnetApi(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<ResolvedNetwork>().DevnetAdmin is not null)
        {
            app.MapPost("/api/devnet/faucet/{address}", FaucetAsync).WithTags("Devnet").WithName("DevnetFaucet")
                .WithSummary($"Devnet only (absent on a real network): gives the account {FaucetGift.Text} on L1, so the demo can be tried with any wallet (once every {FaucetGift.Interval.TotalMinutes:0} minutes per account)");
        }

        return app;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> FaucetAsync(string address, DevnetFaucet faucet, CancellationToken cancellationToken)
    {
        if (!Address.TryParse(address, out var parsed, out var error))
        {
            return ApiProblems.InvalidAddress(error);
        }

        try
        {
            await faucet.GiveAsync(parsed, cancellationToken);
            return TypedResults.NoContent();
        }
        catch (TransactionRefusedException refused)
        {
            return TypedResults.Problem(detail: refused.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Not again yet");
        }
        catch (Exception ex) when (ex is RpcException or TimeoutException)
        {
            var why = ex is RpcException rpc ? rpc.Detail : ex.Message;
            return TypedResults.Problem(detail: $"The devnet's L1 node did not take the transfer ({why}); ask again in a moment.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chain unavailable");
        }
    }
}
