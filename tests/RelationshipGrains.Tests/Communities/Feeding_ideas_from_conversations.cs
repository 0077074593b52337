using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Ideas;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Communities;

/// <summary>A conversation becomes an idea, or evidence for one, in one grain call, as over HTTP.</summary>
[Collection(ClusterCollection.Name)]
public sealed class Feeding_ideas_from_conversations(ClusterFixture fixture)
{
    private readonly CommunityWorld _world = new(fixture.Grains);

    private ICustomerIntelligenceGrain Intelligence => fixture.Grains.GetGrain<ICustomerIntelligenceGrain>(0);

    private async Task<(string Customer, long Sequence)> Said(string text)
    {
        var customer = Keys.Customer("cust");
        var recorded = await fixture.Grains.GetGrain<ICustomerGrain>(customer)
            .RecordInteractionAsync(Requests.Interaction(Guid.NewGuid().ToString("N"), text));
        return (customer, recorded.Entry.Sequence);
    }

    [Fact]
    public async Task A_chat_becomes_an_idea_whose_first_evidence_is_the_chat_and_a_mention_adds_more()
    {
        await _world.Create();
        var (ada, sequence) = await Said("I wish your garden chairs folded flat for my balcony");
        var ideaId = Keys.Customer("idea");

        var created = await Intelligence.ConversationToIdeaAsync(new ConversationToIdea(ada, sequence, _world.Slug, _world.Staff, ideaId));
        var mentioned = await Intelligence.AddEvidenceAsync(new AddIdeaEvidence(ideaId,
            Mention: new SocialMention("https://social.example/p/1", "Bea", "Folding garden chairs, please!")));

        Assert.StartsWith("I wish your garden chairs", created.Idea.Title, StringComparison.Ordinal);
        var origin = Assert.Single(created.Idea.Evidence!);
        Assert.Equal((ada, true, $"customers/{ada}/timeline/{sequence}"), (origin.CustomerId, origin.Origin, origin.Reference));
        Assert.Equal([EvidenceKind.Interaction, EvidenceKind.SocialMention], mentioned.Idea.Evidence!.Select(e => e.Kind));
        Assert.Equal("social:bea", mentioned.Idea.Evidence![1].AskerKey);
        var ranked = await Intelligence.GetRankedIdeaAsync(ideaId);
        Assert.Equal(ideaId, ranked.Idea.IdeaId);
        Assert.Equal((await _world.Community.GetIdeaAsync(ideaId)).Fitness, ranked.Fitness);
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => Intelligence.GetRankedIdeaAsync(Keys.Customer("no-idea")));
    }

    [Fact]
    public async Task A_customer_whose_words_become_evidence_is_written_down_for_their_erasure_though_never_a_member()
    {
        await _world.Create();
        var (ada, first) = await Said("Chairs that fold flat, please");
        var (bea, second) = await Said("Mine would hang on the balcony rail");
        var ideaId = Keys.Customer("idea");

        await Intelligence.ConversationToIdeaAsync(new ConversationToIdea(ada, first, _world.Slug, _world.Staff, ideaId));
        await Intelligence.AddEvidenceAsync(new AddIdeaEvidence(ideaId, bea, second));

        // The erasure visits the communities written here; the idea's notice on the timeline may never arrive.
        foreach (var customer in new[] { ada, bea })
        {
            Assert.Equal([_world.Slug], await fixture.Grains.GetGrain<ICustomerCommunitiesGrain>(customer).ListAsync());
        }
    }

    [Fact]
    public async Task Evidence_that_is_neither_or_both_kinds_or_points_nowhere_is_refused_and_changes_nothing()
    {
        await _world.Create();
        var (ada, sequence) = await Said("Chairs that fold, please");
        var ideaId = Keys.Customer("idea");
        await Intelligence.ConversationToIdeaAsync(new ConversationToIdea(ada, sequence, _world.Slug, _world.Staff, ideaId));

        var neither = await Assert.ThrowsAsync<RelationshipValidationException>(() => Intelligence.AddEvidenceAsync(new AddIdeaEvidence(ideaId)));
        // Not sequence + 1: the customer's next entry tells them the chat became an idea.
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => Intelligence.AddEvidenceAsync(new AddIdeaEvidence(ideaId, ada, sequence + 100)));
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() =>
            Intelligence.AddEvidenceAsync(new AddIdeaEvidence(Keys.Customer("nope"), ada, sequence)));

        Assert.Equal("mention", neither.Field);
        Assert.Single((await _world.Idea(ideaId).GetAsync())!.Evidence!);
    }
}
