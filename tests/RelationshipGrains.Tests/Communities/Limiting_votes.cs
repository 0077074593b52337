using RelationshipGrains.Errors;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Tests.Communities;

[Collection(ClusterCollection.Name)]
public sealed class Limiting_votes(ClusterFixture fixture)
{
    [Fact]
    public async Task A_member_casting_votes_in_bulk_is_stopped_at_the_limit_while_others_vote_on()
    {
        var world = new CommunityWorld(fixture.Grains);
        await world.Create();
        var proposer = await world.Member();
        var bulk = await world.Member();
        var other = await world.Member();
        var ideas = new List<string>();
        for (var i = 0; i <= Limits.VotesPerMemberPerMinute; i++)
        {
            ideas.Add((await world.Propose(proposer, Keys.Customer("idea"), $"Idea number {i}")).IdeaId);
        }

        for (var i = 0; i < Limits.VotesPerMemberPerMinute; i++)
        {
            await world.Idea(ideas[i]).VoteAsync(bulk, 1);
        }

        var refused = await Assert.ThrowsAsync<RelationshipRateLimitedException>(() => world.Idea(ideas[^1]).VoteAsync(bulk, 1));
        var others = await world.Idea(ideas[^1]).VoteAsync(other, 1);
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var later = await world.Idea(ideas[^1]).VoteAsync(bulk, 1);

        Assert.True(refused.RetryAfterSeconds is > 0 and <= 60);
        Assert.Equal(1, others.Tally.Supporters);
        Assert.Equal(2, later.Tally.Supporters);
    }
}
