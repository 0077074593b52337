using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RelationshipGrains.Api.Auth.SignIn;

/// <summary>
/// A signed-in customer acts on their own relationship, on the routes opened to them and nothing else: any other
/// route refuses them (403), and a route naming another customer answers as if that customer did not exist (404).
/// </summary>
public static class CustomerSelfService
{
    /// <summary>The claim holding the signed-in customer's own customer id.</summary>
    public const string CustomerIdClaim = "rg_customer_id";

    public static bool IsCustomer(this ClaimsPrincipal user) => user.IsInRole(ApiRoles.Customer);

    public static string? CustomerId(this ClaimsPrincipal user) => user.IsCustomer() ? user.FindFirstValue(CustomerIdClaim) : null;

    /// <summary>Opens a route under <c>/customers/{customerId}</c> to the customer whose id it names.</summary>
    public static RouteHandlerBuilder OpenToTheCustomer(this RouteHandlerBuilder route) => route.WithMetadata(Marker.Instance);

    /// <summary>
    /// After authorization and before the request body is read: a customer naming another customer's id gets the
    /// 404 anyone gets for a customer that does not exist, and nothing runs.
    /// </summary>
    public static IApplicationBuilder UseCustomerSelfService(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.IsCustomer() && IsOpenToTheCustomer(http)
            && !string.Equals(http.Request.RouteValues["customerId"] as string, http.User.CustomerId(), StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(http);
    });

    private static bool IsOpenToTheCustomer(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<Marker>() is not null;

    /// <summary>What <see cref="OpenToTheCustomer"/> leaves on a route, for the authorization check and the id check.</summary>
    public sealed class Marker
    {
        public static Marker Instance { get; } = new();
    }

    /// <summary>Part of every policy that admits customers: they pass only on routes opened to them.</summary>
    public sealed class Requirement : AuthorizationHandler<Requirement>, IAuthorizationRequirement
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            var opened = context.Resource is HttpContext http && IsOpenToTheCustomer(http);
            if (!context.User.IsCustomer() || opened)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
