using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Ideas;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Ideas;

/// <summary>Customer intelligence feeds innovation: a conversation becomes an idea, or evidence for one.</summary>
public static class CustomerIntelligenceApi
{
    public static IEndpointRouteBuilder MapCustomerIntelligenceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("api/v1/customers/{customerId}/timeline/{sequence}/idea", ConversationToIdea)
            .Describe("turnConversationIntoIdea", "Turn a timeline entry into an idea",
                "Proposes an idea in a community with the customer's interaction as its first evidence, and answers "
                + "with similar ideas already there.")
            .WithTags("Customer intelligence").RequireAuthorization(ApiRoles.ChannelPolicy)
            .Conflicts("The idea id is taken by another idea.");
        routes.MapPost("api/v1/ideas/{ideaId}/evidence", AddEvidence)
            .Describe("addIdeaEvidence", "Add evidence to an idea",
                "A customer interaction or a social mention that asks for the idea; the customer hears when the idea moves.")
            .WithTags("Customer intelligence").RequireAuthorization(ApiRoles.ChannelPolicy)
            .Conflicts("The idea already holds 5,000 pieces of evidence.");
        routes.MapGet("api/v1/communities/{slug}/ideas/similar", Similar)
            .Describe("findSimilarIdeas", "Find ideas similar to a text",
                "Ranks a community's ideas by how close their words are to the text.")
            .WithTags("Customer intelligence").RequireAuthorization(ApiRoles.ChannelPolicy);
        return routes;
    }

    private static async Task<Created<IdeaWithSuggestions>> ConversationToIdea(string customerId, long sequence, ConversationToIdeaBody body, IGrainFactory grains)
    {
        var result = await Intelligence(grains).ConversationToIdeaAsync(
            new ConversationToIdea(customerId, sequence, body.Community, body.ActorId, body.IdeaId, body.Title, body.Description));
        return TypedResults.Created($"/api/v1/ideas/{result.Idea.IdeaId}", new IdeaWithSuggestions(result.Idea, result.Similar));
    }

    private static async Task<Ok<IdeaWithSuggestions>> AddEvidence(string ideaId, EvidenceBody body, IGrainFactory grains)
    {
        var mention = body.Mention is { } m ? new SocialMention(m.Url, m.Author, m.Text) : null;
        var result = await Intelligence(grains).AddEvidenceAsync(new AddIdeaEvidence(ideaId, body.CustomerId, body.Sequence, mention));
        return TypedResults.Ok(new IdeaWithSuggestions(result.Idea, result.Similar));
    }

    private static async Task<Ok<IReadOnlyList<SimilarIdea>>> Similar(string slug, string text, int? limit, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Community(slug).SuggestSimilarAsync(text, null, limit ?? IdeaWithSimilar.SimilarCount));

    private static ICustomerIntelligenceGrain Intelligence(IGrainFactory grains) => grains.GetGrain<ICustomerIntelligenceGrain>(0);
}
