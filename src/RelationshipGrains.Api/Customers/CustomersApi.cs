using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.Http;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Api.ValueChains;
using RelationshipGrains.Customers;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Customers;

/// <summary>Customer profile, values and conversation for channel apps and operators.</summary>
public static class CustomersApi
{
    /// <summary>Where every route about one customer lives; the customer's id is the route value <c>customerId</c>.</summary>
    public const string Prefix = "api/v1/customers/{customerId}";

    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(Prefix).WithTags("Customers").RequireAuthorization(ApiRoles.StaffOrCustomerPolicy);
        api.MapGet("", GetProfile)
            .Describe("getCustomerProfile", "Read a customer's profile",
                "The profile as last given; its fields are empty for a customer seen (an interaction, values) but never "
                + "given one; 404 for a customer never seen, or erased and not seen since.");
        api.MapPut("", UpdateProfile)
            .Describe("updateCustomerProfile", "Create or change a customer's profile",
                "Replaces the whole profile (display name, language, contact points, tags): a field left out is "
                + "cleared. Keeps the directory card in step, so staff can find the customer.");
        api.MapGet("values", GetValues)
            .Describe("getCustomerValues", "Read a customer's values",
                "The named weights (0 to 1) that match an intent to the partners who best share the customer's values, "
                + "which ranks their offers on it.")
            .OpenToTheCustomer();
        api.MapPut("values", SetValues)
            .Describe("setCustomerValues", "Set a customer's values",
                "Replaces the named weights; intents expressed from now on are matched and their offers ranked by them.")
            .OpenToTheCustomer();
        api.MapPost("interactions", RecordInteraction)
            .Describe("recordInteraction", "Record an interaction on a customer's timeline",
                "Adds an interaction, service case, sales opportunity or marketing touch. interactionId makes the "
                + "call idempotent: 201 the first time, 200 with the same entry on a retry. A customer takes at most "
                + "120 interactions a minute (429 beyond).")
            .Conflicts("The interaction id was used before for a different interaction.");
        api.MapPost("timeline/{sequence}/status", ChangeStatus)
            .Describe("changeEntryStatus", "Move a tracked entry to a new status",
                "Moves a service case, sales opportunity or marketing touch along its statuses and records the change"
                + " on the timeline. requestId makes the call idempotent: 201 the first time, 200 on a retry.")
            .Conflicts("The request id was used before for a different change.");
        api.MapGet("timeline", GetTimeline)
            .Describe("getTimeline", "Read a page of a customer's timeline",
                "The newest entries by default, newest first; before= pages back from a sequence, newest first; "
                + "after= pages forward from one, oldest first. "
                + "Sequences have no gaps; archived entries page in like the rest.")
            .OpenToTheCustomer();
        api.MapGet("live", CustomerLiveFeed.Stream)
            .Describe("followCustomerTimeline", "Follow a customer's timeline live",
                "Server-sent events, one per new entry, with the sequence as the event id. Send Last-Event-ID (or "
                + "after=) to resume without losing or repeating an entry. Should the customer be erased while the feed is "
                + "open, it ends (their timeline starts again from 1), and resuming past the latest entry is 409.")
            .Produces<TimelineEntry>(StatusCodes.Status200OK, "text/event-stream")
            .Answers(StatusCodes.Status409Conflict, "The resume point is past the latest entry: the timeline started again from 1 after an erasure. Follow it from after=0.")
            .RequireRateLimiting(PerKeyRateLimiting.LiveFeedPolicy)
            .OpenToTheCustomer();
        api.MapCustomerIntentsApi();
        api.MapCustomerConsentsApi();
        api.MapCustomerExportApi();
        api.MapCustomerValueChainsApi();
        api.MapStaffAccessLog();
        return api;
    }

    private static async Task<Results<Ok<CustomerProfile>, NotFound>> GetProfile(string customerId, IGrainFactory grains) =>
        await grains.Customer(customerId).GetProfileAsync() is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    private static async Task<Ok<CustomerProfile>> UpdateProfile(string customerId, UpdateProfile body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(customerId).UpdateProfileAsync(body));

    private static async Task<Ok<ValuesProfile>> GetValues(string customerId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(customerId).GetValuesAsync());

    private static async Task<Ok<ValuesProfile>> SetValues(string customerId, ValuesProfile body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(customerId).SetValuesAsync(body));

    private static async Task<Results<Created<TimelineEntry>, Ok<TimelineEntry>>> RecordInteraction(
        string customerId, RecordInteraction body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.Customer(customerId).RecordInteractionAsync(body with { Author = user.Attribute(body.Author) });
        return Recorded(customerId, result);
    }

    private static async Task<Results<Created<TimelineEntry>, Ok<TimelineEntry>>> ChangeStatus(
        string customerId, long sequence, StatusChangeBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var change = new ChangeEntryStatus(body.RequestId, sequence, body.Status, user.Attribute(body.Author), body.Note);
        return Recorded(customerId, await grains.Customer(customerId).ChangeEntryStatusAsync(change));
    }

    private static async Task<Ok<TimelinePage>> GetTimeline(string customerId, long? before, long? after, int? limit, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(customerId).GetTimelineAsync(new TimelineQuery(before, after, limit)));

    /// <summary>201 the first time; 200 with the same body when the call was a retry.</summary>
    private static Results<Created<TimelineEntry>, Ok<TimelineEntry>> Recorded(string customerId, RecordResult result) =>
        result.Created
            ? TypedResults.Created($"/api/v1/customers/{customerId}/timeline?after={result.Entry.Sequence - 1}&limit=1", result.Entry)
            : TypedResults.Ok(result.Entry);
}
