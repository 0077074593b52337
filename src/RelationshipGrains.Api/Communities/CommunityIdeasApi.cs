using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Ideas;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Communities;
using RelationshipGrains.Errors;
using RelationshipGrains.Ideas;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Communities;

/// <summary>A community's idea pool: propose, rank by fitness, merge duplicates, run selection rounds.</summary>
internal static class CommunityIdeasApi
{
    public static RouteGroupBuilder MapCommunityIdeasApi(this RouteGroupBuilder community)
    {
        community.MapGet("ideas", Ranked)
            .Describe("rankIdeas", "List a community's ideas by fitness",
                "Open ideas ranked by fitness (or sort=newest); closed ones too with include=closed.");
        community.MapPost("ideas", Propose)
            .Describe("proposeIdea", "Propose an idea",
                "A member proposes an idea with optional attributes for the community's rules, and gets similar ideas back.")
            .Conflicts("The idea id is taken by another idea.");
        community.MapPost("ideas/merge", Merge)
            .Describe("mergeIdeas", "Merge a duplicate idea into another",
                "Moderators and staff; the duplicate closes as merged into the survivor. Sent again, it answers the survivor.")
            .Conflicts("Either idea is no longer proposed or shortlisted.");
        community.MapPost("rounds", RunRound)
            .Describe("runSelectionRound", "Run a selection round now",
                "Operators only. Culls, shortlists and selects as the community's settings say; rounds also run on "
                + "their own schedule.")
            .RequireAuthorization(ApiRoles.OperatorPolicy);
        community.MapGet("rounds/last", LastRound)
            .Describe("getLastRound", "Read the last selection round",
                "204 when no round has run yet.");
        return community;
    }

    /// <summary><c>sort=fitness</c> (the default) or <c>newest</c>; <c>include=closed</c> adds selected, delivered, culled and merged ideas.</summary>
    private static async Task<Ok<IReadOnlyList<RankedIdea>>> Ranked(string slug, string? sort, string? include, IGrainFactory grains)
    {
        if (sort is not (null or "fitness" or "newest"))
        {
            throw new RelationshipValidationException("sort", "sort must be 'fitness' or 'newest'.");
        }

        if (include is not (null or "closed"))
        {
            throw new RelationshipValidationException("include", "include may only be 'closed'.");
        }

        var ranked = await grains.Community(slug).RankIdeasAsync(include == "closed");
        return TypedResults.Ok(sort == "newest" ? [.. ranked.OrderByDescending(r => r.Idea.ProposedAt)] : ranked);
    }

    private static async Task<Created<IdeaWithSuggestions>> Propose(string slug, ProposalBody body, IGrainFactory grains)
    {
        var community = grains.Community(slug);
        var idea = await community.ProposeIdeaAsync(body.CustomerId, body.ToProposal());
        var similar = await community.SuggestSimilarAsync($"{idea.Title} {idea.Description}", idea.IdeaId, 5);
        return TypedResults.Created($"/api/v1/ideas/{idea.IdeaId}", new IdeaWithSuggestions(idea, similar));
    }

    private static async Task<Ok<IdeaView>> Merge(string slug, MergeBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Community(slug).MergeIdeasAsync(body.ActorId, body.DuplicateIdeaId, body.SurvivorIdeaId));

    private static async Task<Ok<RoundReport>> RunRound(string slug, IGrainFactory grains) =>
        TypedResults.Ok(await grains.CommunityStewardship(slug).RunRoundAsync());

    private static async Task<Results<Ok<RoundReport>, NoContent>> LastRound(string slug, IGrainFactory grains) =>
        await grains.Community(slug).GetLastRoundAsync() is { } report ? TypedResults.Ok(report) : TypedResults.NoContent();
}
