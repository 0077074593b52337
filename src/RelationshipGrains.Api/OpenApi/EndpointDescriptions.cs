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
}
