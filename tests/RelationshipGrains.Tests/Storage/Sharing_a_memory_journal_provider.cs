using RelationshipGrains.Customers;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Storage;

/// <summary>
/// <c>AddMemoryJournalStorage(shared)</c> invites a test cluster to share one provider between its silos; the messaging
/// fixture does, with one made by the parameterless constructor. Such a provider must label journals with the format the
/// silo writes, or nothing it keeps can be read back.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class Sharing_a_memory_journal_provider(MessagingClusterFixture fixture)
{
    [Fact]
    public async Task A_provider_made_without_options_keeps_journals_its_silo_reads_back()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        await customer.RecordInteractionAsync(Requests.Interaction("kept-1"));

        await fixture.Cluster.DeactivateAsync(customer);
        var page = await customer.GetTimelineAsync(new TimelineQuery(After: 0));

        Assert.Equal(["kept-1"], page.Entries.Select(e => e.EntryId));
    }
}
