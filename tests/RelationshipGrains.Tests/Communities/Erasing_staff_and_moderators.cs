using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Ideas;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Communities;

/// <summary>
/// The customer's erasure found communities only through notices on the customer's timeline: staff named when the
/// community was configured got none, and a lost notice hid the community too. And decisions kept the name of whoever
/// made them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Erasing_staff_and_moderators(ClusterFixture fixture)
{
    [Fact]
    public async Task Staff_named_at_configuration_who_never_joined_are_erased_from_the_community_and_its_decisions()
    {
        var world = new CommunityWorld(fixture.Grains);
        await world.Create();
        var member = await world.Member();
        var idea = Keys.Customer("idea");
        await world.Propose(member, idea, "A rocking chair");
        await world.Community.DecideIdeaAsync(world.Staff, idea, IdeaStatus.Culled, "Off-topic here");

        var receipt = await fixture.Grains.GetGrain<ICustomerGrain>(world.Staff).Stewardship().EraseAsync();

        var members = await world.Community.ListMembersAsync(0, 200);
        var decision = Assert.Single((await world.Idea(idea).GetAsync())!.Decisions);
        Assert.Contains(world.Slug, receipt.CommunitiesPseudonymised!);
        Assert.DoesNotContain(members, m => m.CustomerId == world.Staff);
        Assert.DoesNotContain(world.Staff, decision.Reason, StringComparison.Ordinal);
        Assert.StartsWith("Off-topic here (erased-", decision.Reason, StringComparison.Ordinal);
        Assert.False(fixture.Journals.Holds(world.Idea(idea).GetGrainId(), world.Staff), "The idea's journal still names the erased staff member.");
        // Which communities held the customer is personal too: once cleaned, it is forgotten.
        Assert.Empty(await fixture.Grains.GetGrain<ICustomerCommunitiesGrain>(world.Staff).ListAsync());
    }

    [Fact]
    public async Task A_member_whose_join_notice_was_lost_is_still_found_by_the_erasure()
    {
        var world = new CommunityWorld(fixture.Grains);
        await world.Create();
        var ann = Keys.Customer("ann");
        // The community tells the customer's timeline after answering, and drops the notice if that fails.
        fixture.Failures.FailNext(nameof(ICustomerNoticesGrain.RecordCommunityActivityAsync), ann);
        await world.Community.JoinAsync(ann);
        await fixture.Grains.GetGrain<ICustomerGrain>(ann).RecordInteractionAsync(Requests.Interaction("hello"));

        var receipt = await fixture.Grains.GetGrain<ICustomerGrain>(ann).Stewardship().EraseAsync();

        Assert.Equal([world.Slug], receipt.CommunitiesPseudonymised);
        Assert.DoesNotContain(await world.Community.ListMembersAsync(0, 200), m => m.CustomerId == ann);
    }

    [Fact]
    public async Task A_community_joined_after_an_erasure_is_cleaned_when_the_erasure_is_asked_again()
    {
        var world = new CommunityWorld(fixture.Grains);
        await world.Create();
        var bea = Keys.Customer("bea");
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(bea);
        await customer.RecordInteractionAsync(Requests.Interaction("hello"));
        var first = await customer.Stewardship().EraseAsync();
        // Joining goes to the community only, so the customer is still "erased and not seen since".
        await world.Community.JoinAsync(bea);

        var again = await customer.Stewardship().EraseAsync();

        Assert.Equal(first.ErasedAt, again.ErasedAt);
        Assert.DoesNotContain(await world.Community.ListMembersAsync(0, 200), m => m.CustomerId == bea);
        Assert.Empty(await fixture.Grains.GetGrain<ICustomerCommunitiesGrain>(bea).ListAsync());
    }

    [Fact]
    public async Task Members_are_listed_in_the_order_they_joined_after_someone_leaves()
    {
        var world = new CommunityWorld(fixture.Grains);
        await world.Create();
        var (a, b, c, d) = (Keys.Customer("a"), Keys.Customer("b"), Keys.Customer("c"), Keys.Customer("d"));
        foreach (var id in new[] { a, b, c })
        {
            await world.Community.JoinAsync(id);
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await world.Community.LeaveAsync(a);
        await world.Community.JoinAsync(d);

        // The journal's dictionary gave the slot a left to d, which was listed before b.
        Assert.Equal([world.Staff, b, c, d], (await world.Community.ListMembersAsync(0, 200)).Select(m => m.CustomerId));
    }
}
