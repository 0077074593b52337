using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Auth.SignIn;

namespace RelationshipGrains.Api.Errors;

/// <summary>
/// A detail a person can act on for the problem bodies ASP.NET Core writes on its own (401, 403, and 404 or 405 for a
/// route or id that does not exist), which otherwise say only "Unauthorized" or "Not Found".
/// </summary>
internal static class StatusDetails
{
    /// <summary>Where an authentication handler leaves why it refused the request, for the 401 it leads to.</summary>
    public const string AuthenticationFailure = "rg.authentication-failure";

    public static string? For(HttpContext http, int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => http.Items[AuthenticationFailure] as string
            ?? "This route needs a key: send 'Authorization: Bearer <api key>'.",
        StatusCodes.Status403Forbidden => Forbidden(http),
        StatusCodes.Status404NotFound => http.GetEndpoint() is null
            ? $"No route matches {http.Request.Method} {http.Request.Path}; every route is listed in /openapi/v1.json."
            : $"Nothing exists at {http.Request.Path}; check the ids in the path.",
        StatusCodes.Status405MethodNotAllowed => $"{http.Request.Path} does not take {http.Request.Method}; /openapi/v1.json lists what it takes.",
        StatusCodes.Status413PayloadTooLarge => $"The request body is over the limit of {Http.RequestBodyLimitMiddleware.MaxBodyBytes} bytes.",
        StatusCodes.Status415UnsupportedMediaType =>
            $"The body must be JSON, sent with 'Content-Type: application/json'{(http.Request.ContentType is { } type ? $", not '{type}'" : "")}.",
        _ => null,
    };

    /// <summary>
    /// A 429 like the framework's problems for the statuses it knows: 429 is defined outside RFC 9110, whose sections
    /// ASP.NET Core links as the type of those.
    /// </summary>
    public static ProblemDetails TooManyRequests(string detail) => new()
    {
        Status = StatusCodes.Status429TooManyRequests,
        Type = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        Title = "Too Many Requests",
        Detail = detail,
    };

    private static string Forbidden(HttpContext http)
    {
        var role = http.User.FindFirst(ClaimTypes.Role)?.Value ?? "none";
        if (http.User.IsPerson() && role == "none")
        {
            return $"You are signed in as {http.User.Identity?.Name ?? http.User.Subject()}, but your account grants no staff role here: "
                + "ask an administrator to add it to the group that grants the channel or operator role.";
        }

        if (http.User.IsCustomer())
        {
            return $"A customer's sign-in acts on their own timeline, values, consents, intents, value chains, export and erasure; "
                + $"{http.Request.Method} {http.Request.Path} is for staff.";
        }

        var who = http.User.IsPerson() ? $"Your sign-in ({http.User.Identity?.Name}, role {role})" : $"Your key (role {role})";
        var needed = http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Select(Describe).LastOrDefault();
        return needed is null
            ? $"{who} may not {http.Request.Method} {http.Request.Path}."
            : $"{who} may not {http.Request.Method} {http.Request.Path}: it takes {needed}.";
    }

    private static string Describe(string policy) => policy switch
    {
        ApiRoles.ChannelPolicy => "a channel app's or an operator's key",
        ApiRoles.OperatorPolicy => "an operator's key",
        ApiRoles.StaffOrCustomerPolicy => "a channel app's or an operator's key",
        ApiRoles.OperatorOrCustomerPolicy => "an operator's key or the customer's own sign-in",
        ApiRoles.PartnerPolicy => "a partner's own key",
        ApiRoles.BackOfficePolicy => "a back-office system's signature",
        _ => $"a key allowed by the '{policy}' policy",
    };
}
