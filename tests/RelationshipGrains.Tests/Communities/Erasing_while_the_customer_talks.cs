using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Communities;

[Collection(ClusterCollection.Name)]
public sealed class Erasing_while_the_customer_talks(ClusterFixture fixture)
{
    private const string Secret = "My house key is under the mat";

    [Fact]
    public async Task Erasure_and_posts_in_the_same_communities_at_once_wait_on_neither_and_leave_nothing_behind()
    {
        var customerId = Keys.Customer("talker");
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(customerId);
        await customer.RecordInteractionAsync(Requests.Interaction("hello", "Hello"));
        List<ICommunityGrain> communities = [];
        for (var i = 0; i < 20; i++)
        {
            var world = new CommunityWorld(fixture.Grains);
            await world.Create();
            await world.Community.JoinAsync(customerId);
            communities.Add(world.Community);
        }

        // Erasure asks each community to forget the customer while each community, taking the customer's post, puts
        // it on the customer's timeline: both directions of the customer-community calls at once.
        var erasure = customer.Stewardship().EraseAsync();
        var posts = communities.Select(c => PostOrRefusedAsync(c, customerId)).ToList();

        // A call cycle would hold both sides until Orleans' response timeout (30 s); without one this takes well under a second.
        await Task.WhenAll([erasure, .. posts]).WaitAsync(TimeSpan.FromSeconds(15));
        foreach (var community in communities)
        {
            var threads = await community.ListThreadsAsync(null, 10);
            Assert.DoesNotContain(threads, t => t.Text == Secret || t.AuthorId == customerId);
        }

        Assert.Empty(await customer.Stewardship().ExportTimelineAsync().ToListAsync());
    }

    /// <summary>A post either lands before the community forgets the customer (and is then erased) or is refused after.</summary>
    private static async Task<CommunityPost?> PostOrRefusedAsync(ICommunityGrain community, string customerId)
    {
        try
        {
            return await community.PostAsync(customerId, new PostRequest(Keys.Customer("post"), Secret, "About me"));
        }
        catch (RelationshipValidationException)
        {
            return null;
        }
    }
}
