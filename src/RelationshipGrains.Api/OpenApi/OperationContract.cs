using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RelationshipGrains.Api.Auth;

namespace RelationshipGrains.Api.OpenApi;

/// <summary>
/// Declares on each operation how it is authenticated and every error it may answer, each with the problem-details
/// body, so a generated client raises typed errors instead of failing on an undeclared status.
/// </summary>
internal sealed class OperationContract : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || policy is null && !metadata.OfType<IAuthorizeData>().Any();
        var document = context.Document!;
        operation.Responses ??= [];
        if (!anonymous)
        {
            var scheme = policy == ApiRoles.BackOfficePolicy ? ContractDocument.InboundSignature : ContractDocument.Bearer;
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];
            Error(operation, document, StatusCodes.Status401Unauthorized, scheme == ContractDocument.Bearer
                ? "No key, or a key we do not know or that was revoked."
                : "No signature, a wrong one, or a timestamp more than 5 minutes off.");
            // Any key may ask who it is: no role is ever refused there.
            if (scheme == ContractDocument.Bearer && policy != ApiRoles.AnyKeyPolicy)
            {
                Error(operation, document, StatusCodes.Status403Forbidden, $"The key's role may not call this operation{Needs(policy)}.");
            }

            Error(operation, document, StatusCodes.Status429TooManyRequests, scheme == ContractDocument.Bearer
                ? "Over the key's request rate (per role, see RateLimits:Roles) or a per-customer limit; Retry-After says when to try again."
                : "Over the source's request rate; Retry-After says when to try again.", retryAfter: true);
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Schema is not OpenApiSchema schema)
            {
                continue;
            }

            if (parameter.In == ParameterLocation.Path && InputLimits.IdParameters.Contains(parameter.Name!))
            {
                Limit.Id.ApplyTo(schema);
            }
            else if (parameter.In == ParameterLocation.Query && InputLimits.QueryParameters.TryGetValue((operation.OperationId!, parameter.Name!), out var limit))
            {
                limit.ApplyTo(schema);
                // Optional to the binder, so that a missing one gets our 400 naming it rather than ASP.NET's.
                parameter.Required |= InputLimits.RequiredQueryParameters.Contains((operation.OperationId!, parameter.Name!));
            }
        }

        var takesInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 };
        if (takesInput)
        {
            Error(operation, document, StatusCodes.Status400BadRequest, "Invalid input; field names the first field at fault. Nothing was changed.");
        }

        if (context.Description.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
        {
            Error(operation, document, StatusCodes.Status404NotFound, "Something the path names does not exist, or is not yours to see.");
        }

        if (operation.RequestBody is not null)
        {
            Error(operation, document, StatusCodes.Status413PayloadTooLarge, "The body is over 64 KB.");
            Error(operation, document, StatusCodes.Status415UnsupportedMediaType, "The body is not sent as JSON (Content-Type: application/json).");
        }

        foreach (var declared in metadata.OfType<DeclaredError>())
        {
            Error(operation, document, declared.Status, declared.Description);
        }

        Error(operation, document, StatusCodes.Status503ServiceUnavailable,
            "The cluster cannot answer for the moment (a silo is leaving or joining); Retry-After says when to try again.", retryAfter: true);
        return Task.CompletedTask;
    }

    private static string Needs(string? policy) => policy switch
    {
        ApiRoles.OperatorPolicy => ": it takes an operator key",
        ApiRoles.PartnerPolicy => ": it takes a partner key",
        ApiRoles.ChannelPolicy => ": it takes a channel or operator key",
        ApiRoles.StaffOrCustomerPolicy => ": it takes a channel or operator key, or (where the route is open to them) the customer's own sign-in",
        ApiRoles.OperatorOrCustomerPolicy => ": it takes an operator key or the customer's own sign-in",
        _ => "",
    };

    private static void Error(OpenApiOperation operation, OpenApiDocument document, int status, string description, bool retryAfter = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var declared) && declared.Content is { Count: > 0 })
        {
            return;
        }

        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ContractDocument.Problem, document) },
            },
        };
        if (retryAfter)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                },
            };
        }

        operation.Responses[key] = response;
    }
}
