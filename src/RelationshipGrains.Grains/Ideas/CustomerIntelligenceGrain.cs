using Orleans.Concurrency;
using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Ideas;
using RelationshipGrains.Naming;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Ideas;

/// <summary>
/// A stateless worker that reads the customer's entry, then writes to the community and the idea: it is called by
/// none of them, so no call cycle runs through it.
/// </summary>
[StatelessWorker]
public sealed class CustomerIntelligenceGrain : Grain, ICustomerIntelligenceGrain
{
    private const int ExcerptLength = 280;

    public async Task<IdeaWithSimilar> ConversationToIdeaAsync(ConversationToIdea request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = await EntryAsync(request.CustomerId, request.Sequence);
        var title = request.Title ?? Shorten(entry.Text!, ProposeIdea.TitleLength);
        await HeldByAsync(request.CustomerId, request.Community);
        var community = GrainFactory.Community(request.Community);
        var idea = await community.ProposeIdeaAsync(request.ActorId, new ProposeIdea(request.IdeaId, title, request.Description ?? entry.Text));
        idea = await GrainFactory.GetGrain<IIdeaLifecycleGrain>(idea.IdeaId).AddEvidenceAsync(FromEntry(request.CustomerId, entry, origin: true));
        var similar = await community.SuggestSimilarAsync($"{idea.Title} {idea.Description}", idea.IdeaId, IdeaWithSimilar.SimilarCount);
        return new IdeaWithSimilar(idea, similar);
    }

    public async Task<IdeaWithSimilar> AddEvidenceAsync(AddIdeaEvidence request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var idea = GrainFactory.IdeaLifecycle(request.IdeaId);
        var existing = await ExistingAsync(request.IdeaId);
        var (evidence, text) = request switch
        {
            { Mention: { } mention, Sequence: null } => (FromMention(request.CustomerId, mention), mention.Text),
            { Mention: null, CustomerId: { } customerId, Sequence: { } sequence } => await FromInteractionAsync(customerId, sequence),
            _ => throw new RelationshipValidationException("mention", "Give either customerId with sequence (a timeline entry), or a mention."),
        };
        if (evidence.CustomerId is { } named)
        {
            await HeldByAsync(named, existing.Community);
        }

        var updated = await idea.AddEvidenceAsync(evidence);
        var similar = await GrainFactory.Community(existing.Community).SuggestSimilarAsync(text, request.IdeaId, IdeaWithSimilar.SimilarCount);
        return new IdeaWithSimilar(updated, similar);
    }

    public async Task<RankedIdea> GetRankedIdeaAsync(string ideaId)
    {
        // The idea knows its community, and the community scores its ideas against each other.
        var idea = await ExistingAsync(ideaId);
        return await GrainFactory.Community(idea.Community).GetIdeaAsync(ideaId);
    }

    private async Task<IdeaView> ExistingAsync(string ideaId) =>
        await GrainFactory.Idea(ideaId).GetAsync() ?? throw new RelationshipNotFoundException($"Idea '{ideaId}' does not exist.");

    private async Task<(IdeaEvidence, string)> FromInteractionAsync(string customerId, long sequence)
    {
        var entry = await EntryAsync(customerId, sequence);
        return (FromEntry(customerId, entry, origin: false), entry.Text!);
    }

    private async Task<TimelineEntry> EntryAsync(string customerId, long sequence)
    {
        var page = await GrainFactory.Customer(customerId).GetTimelineAsync(new TimelineQuery(After: Math.Max(0, sequence - 1), Limit: 1));
        var entry = page.Entries.FirstOrDefault(e => e.Sequence == sequence)
            ?? throw new RelationshipNotFoundException($"Timeline entry {sequence} of customer '{customerId}' does not exist.");
        return string.IsNullOrWhiteSpace(entry.Text)
            ? throw new RelationshipValidationException("sequence", $"Timeline entry {sequence} has no words to turn into an idea.")
            : entry;
    }

    /// <summary>The evidence points back at the entry as customers/{id}/timeline/{sequence}, the path HTTP reads it at.</summary>
    private static IdeaEvidence FromEntry(string customerId, TimelineEntry entry, bool origin) => new(
        customerId, customerId, EvidenceKind.Interaction, $"customers/{customerId}/timeline/{entry.Sequence}",
        Shorten(entry.Text!, ExcerptLength), entry.Channel is { } channel ? Kebab.Of(channel) : null, entry.OccurredAt, origin);

    private static IdeaEvidence FromMention(string? customerId, SocialMention mention)
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

    /// <summary>
    /// Writes down, before the customer's words or id reach one of its ideas, that the community holds them: the
    /// customer's erasure visits only the communities written down, and the notice the idea sends the customer's
    /// timeline is not sure to arrive, nor needed by a customer who never joined.
    /// </summary>
    private Task HeldByAsync(string customerId, string community) =>
        GrainFactory.GetGrain<ICustomerCommunitiesGrain>(customerId).AddAsync(community);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
