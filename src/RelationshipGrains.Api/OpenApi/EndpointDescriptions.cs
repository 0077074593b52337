using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RelationshipGrains.Api.OpenApi;

/// <summary>How an endpoint is named and explained in the OpenAPI document, next to where it is mapped.</summary>
public static class EndpointDescriptions
{
    /// <summary>
    /// Gives the endpoint its operation id (the method name a generated client gets; unique, so routing refuses a
    /// duplicate at start-up), a one-line summary and a description of what it does and answers.
    /// </summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string operationId, string summary, string description) =>
        endpoint.WithName(operationId).WithSummary(summary).WithDescription(description);

    /// <summary>Declares an error only this endpoint answers, with the API's problem-details body (<see cref="OperationContract"/>).</summary>
    public static RouteHandlerBuilder Answers(this RouteHandlerBuilder endpoint, int status, string description) =>
        endpoint.WithMetadata(new DeclaredError(status, description));

    /// <summary>Declares the 409 this endpoint answers, and when: only changes that can conflict with the state declare one.</summary>
    public static RouteHandlerBuilder Conflicts(this RouteHandlerBuilder endpoint, string when) =>
        endpoint.Answers(StatusCodes.Status409Conflict, when);
}

/// <summary>An error status one endpoint answers besides those every endpoint of its kind may.</summary>
public sealed record DeclaredError(int Status, string Description);
