using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Http;
using RelationshipGrains.Api.Live;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Communities;
using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Communities;

/// <summary>Communities: configuration (operators), members, threads, the live feed, ideas ranked by fitness and selection rounds.</summary>
public static class CommunitiesApi
{
    public static RouteGroupBuilder MapCommunitiesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/communities/{slug}").WithTags("Communities").RequireAuthorization(ApiRoles.ChannelPolicy);
        api.MapPut("", Configure)
            .Describe("configureCommunity", "Create or configure a community",
                "Operators only. Name, topics, round settings, idea rules and staff.")
            .RequireAuthorization(ApiRoles.OperatorPolicy);
        api.MapGet("", Get)
            .Describe("getCommunity", "Read a community",
                "Its settings, rules and counts; 404 when it does not exist.");
        api.MapPost("members", Join)
            .Describe("joinCommunity", "Join a community",
                "The customer becomes a member; joining twice answers the same membership.");
        api.MapDelete("members/{customerId}", Leave)
            .Describe("leaveCommunity", "Leave a community",
                "404 when the customer is not a member.");
        api.MapGet("members", Members)
            .Describe("listCommunityMembers", "List a community's members",
                "Paged with skip and take.");
        api.MapPut("members/{customerId}/role", ChangeRole)
            .Describe("changeMemberRole", "Change a member's role",
                "Moderators and staff decide who is member, expert or moderator; only staff appoint or remove staff (the operator names the first ones when configuring the community).");
        api.MapGet("live", Live)
            .Describe("followCommunity", "Follow a community live",
                "Server-sent events for joins, posts, ideas and decisions, with the event number as id; Last-Event-ID (or after=) resumes, and one past the latest event is 400.")
            .Produces<CommunityEvent>(StatusCodes.Status200OK, "text/event-stream")
            .RequireRateLimiting(PerKeyRateLimiting.LiveFeedPolicy);
        api.MapCommunityThreadsApi();
        api.MapCommunityIdeasApi();
        return api;
    }

    private static async Task<Ok<CommunityView>> Configure(string slug, ConfigureCommunity body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.CommunityStewardship(slug).ConfigureAsync(body));

    private static async Task<Ok<CommunityView>> Get(string slug, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Community(slug).GetAsync() ?? throw new RelationshipNotFoundException($"Community '{slug}' does not exist."));

    private static async Task<Ok<Member>> Join(string slug, JoinBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Community(slug).JoinAsync(body.CustomerId));

    private static async Task<Results<NoContent, NotFound>> Leave(string slug, string customerId, IGrainFactory grains) =>
        await grains.Community(slug).LeaveAsync(customerId) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Ok<IReadOnlyList<Member>>> Members(string slug, int? skip, int? take, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Community(slug).ListMembersAsync(skip ?? 0, take ?? Limits.DefaultPageSize));

    private static async Task<Ok<Member>> ChangeRole(string slug, string customerId, RoleBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Community(slug).ChangeRoleAsync(body.ActorId, customerId, Check.Defined(body.Role, "role")));

    private static async Task<IResult> Live(string slug, long? after, HttpRequest request, IGrainFactory grains)
    {
        var community = grains.Community(slug);

        // Asked first: the feed's own checks run only once the stream has begun, too late to answer 404 or 400.
        var view = await community.GetAsync() ?? throw new RelationshipNotFoundException($"Community '{slug}' does not exist.");
        if (LiveFeed.ResumePoint(request, after) is var from && from > view.LatestEvent)
        {
            throw FeedResumeErrors.PastLatestEvent(request.Headers.ContainsKey("Last-Event-ID") ? "Last-Event-ID" : "after", from, view.LatestEvent);
        }

        return LiveFeed.Stream<CommunityEvent>(request, after, "community-event", e => e.Sequence, community.WatchAsync);
    }
}
