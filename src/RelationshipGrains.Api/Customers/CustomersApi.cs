using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Http;
using RelationshipGrains.Api.ValueChains;
using RelationshipGrains.Customers;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Customers;

/// <summary>Customer profile, values and conversation for channel apps and operators.</summary>
public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/customers/{id}").WithTags("Customers").RequireAuthorization(ApiRoles.ChannelPolicy);
        api.MapGet("", GetProfile);
        api.MapPut("", UpdateProfile);
        api.MapGet("values", GetValues);
        api.MapPut("values", SetValues);
        api.MapPost("interactions", RecordInteraction);
        api.MapPost("timeline/{sequence:long}/status", ChangeStatus);
        api.MapGet("timeline", GetTimeline);
        api.MapGet("live", CustomerLiveFeed.Stream).Produces<TimelineEntry>(StatusCodes.Status200OK, "text/event-stream")
            .RequireRateLimiting(PerKeyRateLimiting.LiveFeedPolicy);
        api.MapCustomerIntentsApi();
        api.MapCustomerConsentsApi();
        api.MapCustomerExportApi();
        api.MapCustomerValueChainsApi();
        return api;
    }

    private static async Task<Results<Ok<CustomerProfile>, NotFound>> GetProfile(string id, IGrainFactory grains) =>
        await grains.Customer(id).GetProfileAsync() is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    private static async Task<Ok<CustomerProfile>> UpdateProfile(string id, UpdateProfile body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(id).UpdateProfileAsync(body));

    private static async Task<Ok<ValuesProfile>> GetValues(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(id).GetValuesAsync());

    private static async Task<Ok<ValuesProfile>> SetValues(string id, ValuesProfile body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(id).SetValuesAsync(body));

    private static async Task<Results<Created<TimelineEntry>, Ok<TimelineEntry>>> RecordInteraction(
        string id, RecordInteraction body, IGrainFactory grains)
    {
        var result = await grains.Customer(id).RecordInteractionAsync(body);
        return Recorded(id, result);
    }

    private static async Task<Results<Created<TimelineEntry>, Ok<TimelineEntry>>> ChangeStatus(
        string id, long sequence, StatusChangeBody body, IGrainFactory grains)
    {
        var change = new ChangeEntryStatus(body.RequestId, sequence, body.Status, body.Author, body.Note);
        return Recorded(id, await grains.Customer(id).ChangeEntryStatusAsync(change));
    }

    private static async Task<Ok<TimelinePage>> GetTimeline(string id, long? before, long? after, int? limit, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(id).GetTimelineAsync(new TimelineQuery(before, after, limit)));

    /// <summary>201 the first time; 200 with the same body when the call was a retry.</summary>
    private static Results<Created<TimelineEntry>, Ok<TimelineEntry>> Recorded(string id, RecordResult result) =>
        result.Created
            ? TypedResults.Created($"/api/v1/customers/{id}/timeline?after={result.Entry.Sequence - 1}&limit=1", result.Entry)
            : TypedResults.Ok(result.Entry);
}
