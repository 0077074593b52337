using Orleans.Storage;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.IntegrationTests.Infrastructure;
using RelationshipGrains.Partners;
using RelationshipGrains.Persistence.AzureStorage;

namespace RelationshipGrains.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class Durable_conversations_on_azurite(AzuriteFixture azurite)
{
    private readonly string _container = AzuriteFixture.NewContainerName();

    private static RecordInteraction Interaction(string id) => new(id, Channel.Email, Direction.Inbound, Author.Customer, $"text of {id}");

    private static string NewCustomer() => $"c-{Guid.NewGuid():N}";

    [Fact]
    public async Task Restarting_the_cluster_keeps_every_acknowledged_interaction()
    {
        var id = NewCustomer();
        var before = await AzureCluster.StartAsync(_container);
        Assert.True(await azurite.Service.GetBlobContainerClient(_container).ExistsAsync(), "The silo should create its container at start.");
        var acknowledged = await Task.WhenAll(Enumerable.Range(1, 50)
            .Select(i => before.Client.GetGrain<ICustomerGrain>(id).RecordInteractionAsync(Interaction($"r-{i}"))));
        await before.StopAllSilosAsync();
        await before.DisposeAsync();

        await using var after = await AzureCluster.StartAsync(_container);
        var customer = after.Client.GetGrain<ICustomerGrain>(id);
        var page = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 200));
        var retry = await customer.RecordInteractionAsync(Interaction("r-7"));

        Assert.Equal(acknowledged.Select(r => r.Entry.EntryId).Order(), page.Entries.Select(e => e.EntryId).Order());
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), page.Entries.Select(e => e.Sequence));
        Assert.False(retry.Created);
    }

    [Fact]
    public async Task Small_state_on_orleans_blob_storage_refuses_a_stale_write_and_loses_nothing()
    {
        var id = $"p-{Guid.NewGuid():N}";
        await using var east = await AzureCluster.StartAsync(_container);
        await using var west = await AzureCluster.StartAsync(_container);
        var inEast = east.Client.GetGrain<IPartnerGrain>(id);
        var inWest = west.Client.GetGrain<IPartnerGrain>(id);
        await inEast.GetAsync();
        await inWest.GetAsync();

        await inEast.AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner("East Bikes", ["bikes"]));
        await Assert.ThrowsAsync<InconsistentStateException>(() => inWest.AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner("West Bikes", ["bikes"])));
        await west.DeactivateAsync(inWest);
        var read = await inWest.GetAsync();
        var retried = await inWest.AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner("West Bikes", ["bikes"]));

        Assert.Equal("East Bikes", read!.Name);
        Assert.Equal("West Bikes", retried.Name);
    }

    [Fact]
    public async Task An_archive_page_already_in_blob_storage_is_accepted_again_elsewhere_and_a_different_one_replaces_it()
    {
        var id = NewCustomer();
        await using var east = await AzureCluster.StartAsync(_container);
        await using var west = await AzureCluster.StartAsync(_container);
        var customer = east.Client.GetGrain<ICustomerGrain>(id);
        for (var i = 1; i <= 3; i++)
        {
            await customer.RecordInteractionAsync(Interaction($"p-{i}"));
        }

        var entries = (await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 3))).Entries;
        await east.Client.GetGrain<ITimelineArchivePageGrain>($"{id}/0").StoreAsync(entries);

        // West's activation has never read the page: its first write finds the record there and compares.
        var inWest = west.Client.GetGrain<ITimelineArchivePageGrain>($"{id}/0");
        await inWest.StoreAsync(entries);
        await west.DeactivateAsync(inWest);
        var same = await inWest.GetAsync();
        await west.DeactivateAsync(inWest);
        // Other entries (a page left by an erased timeline) are replaced with the blob's ETag.
        List<TimelineEntry> other = [.. entries.Select(e => e with { Text = "another timeline" })];
        await inWest.StoreAsync(other);
        await west.DeactivateAsync(inWest);

        Assert.Equal(entries, same);
        Assert.Equal(other, await inWest.GetAsync());
    }

    [Fact]
    public async Task Two_activations_of_one_customer_cannot_both_win_a_write()
    {
        var id = NewCustomer();
        await using var east = await AzureCluster.StartAsync(_container);
        await using var west = await AzureCluster.StartAsync(_container);
        var inEast = east.Client.GetGrain<ICustomerGrain>(id);
        var inWest = west.Client.GetGrain<ICustomerGrain>(id);
        await inEast.GetProfileAsync();
        await inWest.GetProfileAsync();

        var eastWrite = await inEast.RecordInteractionAsync(Interaction("east-1"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => inWest.RecordInteractionAsync(Interaction("west-1")));

        // The losing activation is retired; calls that reach it while it goes are turned away with the same error.
        await west.DeactivateAsync(inWest);
        var westRetry = await inWest.RecordInteractionAsync(Interaction("west-1"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => inEast.RecordInteractionAsync(Interaction("east-2")));
        await east.DeactivateAsync(inEast);
        var eastRetry = await inEast.RecordInteractionAsync(Interaction("east-2"));

        Assert.Equal([1L, 2L, 3L], [eastWrite.Entry.Sequence, westRetry.Entry.Sequence, eastRetry.Entry.Sequence]);
        var page = await inWest.GetTimelineAsync(new TimelineQuery(After: 0));
        Assert.Equal(["east-1", "west-1"], page.Entries.Select(e => e.EntryId));
    }

    [Fact]
    public async Task Ten_thousand_interactions_page_whole_while_grain_state_holds_only_the_window()
    {
        var id = NewCustomer();

        // Ten thousand appends and forty compactions would slow the shared Azurite down for every test after this one.
        await using var storage = await AzuriteProcess.StartAsync();
        await using var cluster = await AzureCluster.StartAsync(_container, connectionString: storage.ConnectionString);
        var customer = cluster.Client.GetGrain<ICustomerGrain>(id);
        for (var batch = 0; batch < 100; batch++)
        {
            // Concurrent callers; the grain still writes one entry at a time.
            await Task.WhenAll(Enumerable.Range(batch * 100 + 1, 100).Select(i => customer.RecordInteractionAsync(Interaction($"m-{i}"))));
        }

        List<long> sequences = [];
        long? before = null;
        TimelinePage page;
        do
        {
            page = await customer.GetTimelineAsync(new TimelineQuery(Before: before, Limit: 200));
            sequences.AddRange(page.Entries.Select(e => e.Sequence));
            before = page.Entries[^1].Sequence;
        }
        while (page.HasMore);

        // Replay is bounded: the log holds at most one compaction interval of appends after its snapshot.
        var log = (await new Azure.Storage.Blobs.BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(_container)
            .GetBlobClient($"customer/{id}/log").GetPropertiesAsync()).Value;
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var replayed = await customer.GetTimelineAsync(new TimelineQuery(Limit: 1));
        Assert.Equal(Enumerable.Range(1, 10_000).Reverse().Select(i => (long)i), sequences);
        Assert.InRange(log.BlobCommittedBlockCount, 0, AppendBlobJournalStorage.DefaultMaxBlocks);
        Assert.True(log.Metadata.ContainsKey("snapshot"));
        Assert.Equal(10_000, replayed.LatestSequence);
    }
}
