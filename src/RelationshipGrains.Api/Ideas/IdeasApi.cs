using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Communities;
using RelationshipGrains.Api.OpenApi;
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
        api.MapGet("", Get)
            .Describe("getIdea", "Read an idea",
                "Its text, attributes, tally, fitness, lineage and decisions.");
        api.MapPost("votes", Vote)
            .Describe("voteOnIdea", "Vote on an idea",
                "Support (+1) or opposition (-1) from a community member; voting again replaces the vote. At most 60 "
                + "votes a minute per member.")
            .Conflicts("The idea is no longer proposed or shortlisted.");
        api.MapGet("comments", Comments)
            .Describe("listIdeaComments", "List an idea's comments",
                "Oldest first.");
        api.MapPost("comments", Comment)
            .Describe("commentOnIdea", "Comment on an idea",
                "From a member of the idea's community.")
            .Conflicts("The comment id was used for another comment, the idea is no longer proposed or shortlisted, or it holds 2,000 comments.");
        api.MapPost("forks", Fork)
            .Describe("forkIdea", "Propose a variant of an idea",
                "The variant competes as a new idea that names its parent.")
            .Conflicts("The variant's id is taken by another idea.");
        api.MapPost("status", Decide)
            .Describe("decideIdea", "Move an idea on",
                "Staff move a selected idea to in-design and then delivered; moderators and staff cull. Rounds "
                + "shortlist and select.")
            .Conflicts("The idea cannot move from its status to this one.");
        return api;
    }

    private static async Task<IdeaView> ExistingAsync(IGrainFactory grains, string ideaId) =>
        await grains.Idea(ideaId).GetAsync() ?? throw new RelationshipNotFoundException($"Idea '{ideaId}' does not exist.");

    private static async Task<Ok<RankedIdea>> Get(string ideaId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICustomerIntelligenceGrain>(0).GetRankedIdeaAsync(ideaId));

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
