using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Communities;
using RelationshipGrains.Communities;
using RelationshipGrains.Errors;
using RelationshipGrains.Ideas;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Ideas;

/// <summary>One idea: its fitness and rule verdicts, votes, comments, forks and people's decisions.</summary>
public static class IdeasApi
{
    public static RouteGroupBuilder MapIdeasApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/ideas/{ideaId}").WithTags("Ideas").RequireAuthorization(ApiRoles.ChannelPolicy);
        api.MapGet("", Get);
        api.MapPost("votes", Vote);
        api.MapGet("comments", Comments);
        api.MapPost("comments", Comment);
        api.MapPost("forks", Fork);
        api.MapPost("status", Decide);
        return api;
    }

    private static async Task<IdeaView> ExistingAsync(IGrainFactory grains, string ideaId) =>
        await grains.Idea(ideaId).GetAsync() ?? throw new RelationshipNotFoundException($"Idea '{ideaId}' does not exist.");

    private static async Task<Ok<RankedIdea>> Get(string ideaId, IGrainFactory grains)
    {
        var idea = await ExistingAsync(grains, ideaId);
        return TypedResults.Ok(await grains.Community(idea.Community).GetIdeaAsync(ideaId));
    }

    private static async Task<Ok<IdeaView>> Vote(string ideaId, VoteBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Idea(ideaId).VoteAsync(body.CustomerId, body.Value));

    private static async Task<Ok<IReadOnlyList<IdeaComment>>> Comments(string ideaId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Idea(ideaId).ListCommentsAsync());

    private static async Task<Created<IdeaComment>> Comment(string ideaId, CommentBody body, IGrainFactory grains) =>
        TypedResults.Created($"/api/v1/ideas/{ideaId}/comments", await grains.Idea(ideaId).CommentAsync(body.CustomerId, body.CommentId, body.Text));

    private static async Task<Created<IdeaView>> Fork(string ideaId, ProposalBody body, IGrainFactory grains)
    {
        var parent = await ExistingAsync(grains, ideaId);
        var child = await grains.Community(parent.Community).ForkIdeaAsync(body.CustomerId, ideaId, body.ToProposal());
        return TypedResults.Created($"/api/v1/ideas/{child.IdeaId}", child);
    }

    private static async Task<Ok<IdeaView>> Decide(string ideaId, DecisionBody body, IGrainFactory grains)
    {
        var idea = await ExistingAsync(grains, ideaId);
        return TypedResults.Ok(await grains.Community(idea.Community).DecideIdeaAsync(body.ActorId, ideaId, Check.Defined(body.Status, "status"), body.Reason));
    }
}
