using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Server.Api;

/// <summary>Errors as problem+json that say what was wrong and what to do.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string detail, string title = "The request is not valid") =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    /// <summary>A 400 whose <c>field</c> extension names the part of the request that is wrong (as a form would mark it).</summary>
    public static ProblemHttpResult InvalidField(string field, string detail, string title) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: title, extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult NotFound(string what, object key) =>
        TypedResults.Problem(detail: $"There is no {what} {key}.", statusCode: StatusCodes.Status404NotFound, title: $"Unknown {what}");

    public static ProblemHttpResult InvalidAddress(string error) =>
        TypedResults.Problem(detail: error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid address");

    /// <summary>The server lacks a contract address it needs: 503 (the service cannot do this here), with the setting that fixes it.</summary>
    public static ProblemHttpResult ContractMissing(Transactions.MissingContractException missing) =>
        TypedResults.Problem(detail: missing.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Contract not configured",
            extensions: new Dictionary<string, object?> { ["reason"] = "contract-missing", ["contract"] = missing.Name });
}
