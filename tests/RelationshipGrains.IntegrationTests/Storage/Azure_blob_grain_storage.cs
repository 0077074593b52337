using Orleans.Storage;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.IntegrationTests.Infrastructure;
using RelationshipGrains.Persistence.AzureStorage;

namespace RelationshipGrains.IntegrationTests.Storage;

/// <summary>The conformance cases of Orleans' own blob storage tests, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class Azure_blob_grain_storage(AzuriteFixture azurite)
{
    private const string StateName = "customer";

    private readonly string _container = AzuriteFixture.NewContainerName();

    private static GrainId NewGrain() => GrainId.Create("customer", $"c-{Guid.NewGuid():N}");

    private static GrainState<CustomerState> StateWith(string displayName) =>
        new(new CustomerState { DisplayName = displayName, LastSequence = 3, Tags = ["vip"] });

    [Fact]
    public async Task Reading_a_missing_blob_in_a_missing_container_gives_a_new_state()
    {
        var state = new GrainState<CustomerState>(new CustomerState { DisplayName = "left over" });

        await azurite.Storage(_container).ReadStateAsync(StateName, NewGrain(), state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Null(state.State!.DisplayName);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_its_etag()
    {
        var storage = azurite.Storage(_container);
        var grain = NewGrain();
        var written = StateWith("Ada");

        await storage.WriteStateAsync(StateName, grain, written);
        var read = new GrainState<CustomerState>(new CustomerState());
        await storage.ReadStateAsync(StateName, grain, read);

        Assert.NotNull(written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(("Ada", 3L, "vip"), (read.State!.DisplayName, read.State!.LastSequence, read.State!.Tags.Single()));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_as_inconsistent_state()
    {
        var storage = azurite.Storage(_container);
        var grain = NewGrain();
        var first = StateWith("one");
        await storage.WriteStateAsync(StateName, grain, first);
        var stale = new GrainState<CustomerState>(StateWith("two").State) { ETag = first.ETag };
        await storage.WriteStateAsync(StateName, grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        var read = new GrainState<CustomerState>(new CustomerState());
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("one", read.State!.DisplayName);
    }

    [Fact]
    public async Task A_first_write_over_an_existing_blob_is_refused()
    {
        var grain = NewGrain();
        await azurite.Storage(_container).WriteStateAsync(StateName, grain, StateWith("winner"));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            azurite.Storage(_container).WriteStateAsync(StateName, grain, StateWith("loser")));
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_is_refused_and_deletes_nothing()
    {
        var storage = azurite.Storage(_container);
        var grain = NewGrain();
        var state = StateWith("kept");
        await storage.WriteStateAsync(StateName, grain, state);
        var staleEtag = state.ETag;
        await storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.ClearStateAsync(StateName, grain, new GrainState<CustomerState>(new CustomerState()) { ETag = staleEtag }));

        var read = new GrainState<CustomerState>(new CustomerState());
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("kept", read.State!.DisplayName);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_a_clear_the_state_reads_as_new_and_can_be_written_again(bool deleteOnClear)
    {
        var storage = azurite.Storage(_container, deleteOnClear);
        var grain = NewGrain();
        var state = StateWith("gone");
        await storage.WriteStateAsync(StateName, grain, state);

        await storage.ClearStateAsync(StateName, grain, state);
        var cleared = new GrainState<CustomerState>(new CustomerState());
        await storage.ReadStateAsync(StateName, grain, cleared);
        var (existsAfterClear, etagAfterClear) = (cleared.RecordExists, cleared.ETag);
        cleared.State!.DisplayName = "again";
        await storage.WriteStateAsync(StateName, grain, cleared);
        var read = new GrainState<CustomerState>(new CustomerState());
        await storage.ReadStateAsync(StateName, grain, read);

        Assert.False(state.RecordExists);
        Assert.Null(state.State!.DisplayName);
        Assert.False(existsAfterClear);
        Assert.Equal(deleteOnClear, etagAfterClear is null); // a tombstone keeps a blob, and so an ETag
        Assert.Equal("again", read.State!.DisplayName);
    }

    [Fact]
    public async Task An_unreadable_blob_leaves_the_grain_state_unchanged_and_says_which_blob()
    {
        var storage = azurite.Storage(_container);
        var grain = NewGrain();
        var container = azurite.Service.GetBlobContainerClient(_container);
        await container.CreateIfNotExistsAsync();
        var blobName = AzureBlobGrainStorage.BlobName(StateName, grain);
        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString("{ not a grain state }"));
        var state = StateWith("in memory");
        state.ETag = "previous";

        var error = await Assert.ThrowsAsync<StateUnreadableException>(() => storage.ReadStateAsync(StateName, grain, state));

        Assert.Contains(blobName, error.Message);
        Assert.Equal(("in memory", "previous"), (state.State!.DisplayName, state.ETag));
    }

    [Fact]
    public async Task Records_and_lists_inside_state_survive_the_round_trip()
    {
        var storage = azurite.Storage(_container);
        var grain = NewGrain();
        var entry = new TimelineEntry(1, "i-1", TimelineEntryKind.Interaction, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            new Author(AuthorKind.Staff, "agent-7"), Channel.Email, Direction.Outbound, "Your order shipped.");
        var state = new GrainState<CustomerState>(new CustomerState { Timeline = [entry], EntryIds = { ["i-1"] = 1 } });

        await storage.WriteStateAsync(StateName, grain, state);
        var read = new GrainState<CustomerState>(new CustomerState());
        await storage.ReadStateAsync(StateName, grain, read);

        Assert.Equal(entry, read.State!.Timeline.Single());
        Assert.Equal(1, read.State!.EntryIds["i-1"]);
    }
}
