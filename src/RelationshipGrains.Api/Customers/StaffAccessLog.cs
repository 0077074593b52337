using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Auditing;
using RelationshipGrains.Customers;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Customers;

/// <summary>
/// Who among the staff looked at or changed a customer's data, and what they changed elsewhere: every request a
/// signed-in member of staff makes on a customer's routes, and every change naming the customer on another (a
/// community membership), is recorded before it runs, and the customer and staff can read the log; every other change
/// goes to the staff action log operators read, which names no customer.
/// </summary>
internal static class StaffAccessLog
{
    private const string StaffAccessPath = "staff-access";

    public static RouteGroupBuilder MapStaffAccessLog(this RouteGroupBuilder customer)
    {
        customer.MapGet(StaffAccessPath, List)
            .Describe("listStaffAccess", "List staff access to a customer's data",
                "The latest 1,000 requests signed-in members of staff made on the customer's routes, and their changes "
                + "naming the customer elsewhere (a community membership), newest first: who "
                + "(subject and name), what and when; the same request by the same person within a minute is listed once. "
                + "Requests with API keys are machines' and are not listed.")
            .OpenToTheCustomer();
        return customer;
    }

    private static async Task<Ok<IReadOnlyList<StaffAccess>>> List(string customerId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IStaffAccessLogGrain>(Check.Id(customerId, "customerId")).ListAsync());

    /// <summary>
    /// Records a signed-in member of staff's request before it runs: on a customer's routes every request, in that
    /// customer's log in the words of its summary (an erasure in the organisation's too); elsewhere every change, in the
    /// organisation's staff action log with the request itself. A request the log cannot record does not run.
    /// </summary>
    public static IApplicationBuilder UseStaffAccessLog(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.IsPerson() && !http.User.IsCustomer() && http.User.Subject() is { } subject
            && http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } endpoint)
        {
            var what = endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? $"{http.Request.Method} {http.Request.Path}";
            var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
            var at = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            StaffAccess Access(string text) => new(subject, http.User.Identity?.Name, text, at);
            if (pattern.TrimStart('/').StartsWith(CustomersApi.Prefix, StringComparison.Ordinal))
            {
                // Reading the log is not a look at the customer's data; logging it would only push real looks out.
                if (http.Request.RouteValues["customerId"] is string customerId && Check.IsId(customerId) && !pattern.EndsWith(StaffAccessPath, StringComparison.Ordinal))
                {
                    await grains.GetGrain<IStaffAccessLogGrain>(customerId).RecordAsync(Access(what));
                    if (HttpMethods.IsDelete(http.Request.Method) && pattern.Trim('/') == CustomersApi.Prefix)
                    {
                        // The erasure takes the customer's log, this entry with it: the organisation's keeps who erased
                        // someone, and when, naming no one.
                        await grains.GetGrain<IStaffActionLogGrain>(0).RecordAsync(Access(Request(what, http.Request, without: customerId)));
                    }
                }
            }
            else if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method))
            {
                // The organisation's log outlives a customer's erasure, so a customer named in the route is named there by
                // the route's placeholder, and the change goes in the customer's own log too, which the erasure takes.
                var named = http.Request.RouteValues["customerId"] as string is { } id && Check.IsId(id) ? id : null;
                await grains.GetGrain<IStaffActionLogGrain>(0).RecordAsync(Access(Request(what, http.Request, without: named)));
                if (named is not null)
                {
                    await grains.GetGrain<IStaffAccessLogGrain>(named).RecordAsync(Access(Request(what, http.Request, without: null)));
                }
            }
        }

        await next(http);
    });

    /// <summary>The summary and the request; with <paramref name="without"/>, that customer's id as the route's placeholder.</summary>
    private static string Request(string what, HttpRequest request, string? without)
    {
        var path = request.Path.ToString();
        if (without is not null)
        {
            path = string.Join('/', path.Split('/').Select(segment => segment == without ? "{customerId}" : segment));
        }

        return $"{what} ({request.Method} {path})";
    }
}
