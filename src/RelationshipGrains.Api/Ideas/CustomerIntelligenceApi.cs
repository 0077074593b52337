using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Ideas;
using RelationshipGrains.Naming;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Ideas;

/// <summary>Customer intelligence feeds innovation: a conversation becomes an idea, or evidence for one.</summary>
public static class CustomerIntelligenceApi
{
    private const int SuggestionCount = 5;
    private const int ExcerptLength = 280;

    public static IEndpointRouteBuilder MapCustomerIntelligenceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("api/v1/customers/{id}/timeline/{sequence:long}/idea", ConversationToIdea)
            .Describe("turnConversationIntoIdea", "Turn a timeline entry into an idea",
                "Proposes an idea in a community with the customer's interaction as its first evidence, and answers "
                + "with similar ideas already there.")
            .WithTags("Customer intelligence").RequireAuthorization(ApiRoles.ChannelPolicy);
        routes.MapPost("api/v1/ideas/{ideaId}/evidence", AddEvidence)
            .Describe("addIdeaEvidence", "Add evidence to an idea",
                "A customer interaction or a social mention that asks for the idea; the customer hears when the idea moves.")
            .WithTags("Customer intelligence").RequireAuthorization(ApiRoles.ChannelPolicy);
        routes.MapGet("api/v1/communities/{slug}/ideas/similar", Similar)
            .Describe("findSimilarIdeas", "Find ideas similar to a text",
                "Ranks a community's ideas by how close their words are to the text.")
            .WithTags("Customer intelligence").RequireAuthorization(ApiRoles.ChannelPolicy);
        return routes;
    }

    private static async Task<Created<IdeaWithSuggestions>> ConversationToIdea(string id, long sequence, ConversationToIdeaBody body, IGrainFactory grains)
    {
        var entry = await EntryAsync(grains, id, sequence);
        var title = body.Title ?? Shorten(entry.Text!, ProposeIdea.TitleLength);
        var community = grains.Community(body.Community);
        var idea = await community.ProposeIdeaAsync(body.ActorId, new ProposeIdea(body.IdeaId, title, body.Description ?? entry.Text));
        idea = await grains.GetGrain<IIdeaGrain>(idea.IdeaId).AddEvidenceAsync(FromEntry(id, entry, origin: true));
        var similar = await community.SuggestSimilarAsync($"{idea.Title} {idea.Description}", idea.IdeaId, SuggestionCount);
        return TypedResults.Created($"/api/v1/ideas/{idea.IdeaId}", new IdeaWithSuggestions(idea, similar));
    }

    private static async Task<Ok<IdeaWithSuggestions>> AddEvidence(string ideaId, EvidenceBody body, IGrainFactory grains)
    {
        var idea = grains.Idea(ideaId);
        var existing = await idea.GetAsync() ?? throw new RelationshipNotFoundException($"Idea '{ideaId}' does not exist.");
        var (evidence, text) = body switch
        {
            { Mention: { } mention, Sequence: null } => (FromMention(body.CustomerId, mention), mention.Text),
            { Mention: null, CustomerId: { } customerId, Sequence: { } sequence } => await FromInteractionAsync(grains, customerId, sequence),
            _ => throw new RelationshipValidationException("mention", "Give either customerId with sequence (a timeline entry), or a mention."),
        };
        var updated = await idea.AddEvidenceAsync(evidence);
        var similar = await grains.Community(existing.Community).SuggestSimilarAsync(text, ideaId, SuggestionCount);
        return TypedResults.Ok(new IdeaWithSuggestions(updated, similar));
    }

    private static async Task<Ok<IReadOnlyList<SimilarIdea>>> Similar(string slug, string text, int? limit, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Community(slug).SuggestSimilarAsync(text, null, limit ?? SuggestionCount));

    private static async Task<(IdeaEvidence, string)> FromInteractionAsync(IGrainFactory grains, string customerId, long sequence)
    {
        var entry = await EntryAsync(grains, customerId, sequence);
        return (FromEntry(customerId, entry, origin: false), entry.Text!);
    }

    private static async Task<TimelineEntry> EntryAsync(IGrainFactory grains, string customerId, long sequence)
    {
        var page = await grains.Customer(customerId).GetTimelineAsync(new TimelineQuery(After: Math.Max(0, sequence - 1), Limit: 1));
        var entry = page.Entries.FirstOrDefault(e => e.Sequence == sequence)
            ?? throw new RelationshipNotFoundException($"Timeline entry {sequence} of customer '{customerId}' does not exist.");
        return string.IsNullOrWhiteSpace(entry.Text)
            ? throw new RelationshipValidationException("sequence", $"Timeline entry {sequence} has no words to turn into an idea.")
            : entry;
    }

    private static IdeaEvidence FromEntry(string customerId, TimelineEntry entry, bool origin) => new(
        customerId, customerId, EvidenceKind.Interaction, $"customers/{customerId}/timeline/{entry.Sequence}",
        Shorten(entry.Text!, ExcerptLength), entry.Channel is { } channel ? Kebab.Of(channel) : null, entry.OccurredAt, origin);

    private static IdeaEvidence FromMention(string? customerId, MentionBody mention)
    {
        Check.HttpUrl(mention.Url, "mention.url");
        Check.Text(mention.Author, "mention.author", Limits.ShortText);
        Check.Text(mention.Text, "mention.text", Limits.InteractionText);
        if (customerId is not null)
        {
            Check.Id(customerId, "customerId");
        }

        return new IdeaEvidence(customerId ?? $"social:{mention.Author.ToLowerInvariant()}", customerId, EvidenceKind.SocialMention,
            mention.Url, Shorten(mention.Text, ExcerptLength), "social", default);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
