using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Journaling;
using RelationshipGrains.Customers;
using Orleans.Serialization;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Persistence.Files;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Testing;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Customers;

/// <summary>
/// Customers whose journals an earlier version wrote. <c>Fixtures/entry-ids-as-text.journal</c> is the data folder's
/// journal of a customer given three interactions (legacy-1 to legacy-3, "Written before ids were keyed N") over HTTP
/// by the embedded silo at commit b8a8f2e, which kept entry ids as text.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Reading_journals_of_earlier_versions(ClusterFixture fixture)
{
    private static RecordInteraction Legacy(int n) =>
        new($"legacy-{n}", Channel.Web, Direction.Inbound, Author.Customer, $"Written before ids were keyed {n}");

    [Fact]
    public async Task Retries_of_interactions_whose_ids_were_kept_as_text_are_still_recognised()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        var journalId = JournalId.FromGrainId(customer.GetGrainId());
        await PlaceAsync(journalId, "entry-ids-as-text.journal");

        var retry = await customer.RecordInteractionAsync(Legacy(2));
        var next = await customer.RecordInteractionAsync(Requests.Interaction("after-the-upgrade"));
        await fixture.Cluster.DeactivateAsync(customer);
        var retryAfterRestart = await customer.RecordInteractionAsync(Legacy(3));
        var changed = await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            customer.RecordInteractionAsync(Legacy(1) with { Text = "Something else" }));

        Assert.False(retry.Created);
        Assert.Equal(2, retry.Entry.Sequence);
        Assert.Equal(4, next.Entry.Sequence);
        Assert.False(retryAfterRestart.Created);
        Assert.Equal(3, retryAfterRestart.Entry.Sequence);
        Assert.Contains("sequence 1", changed.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>entry-ids-keyed-as-text.journal</c>: a customer's journal in this test cluster (window 20, pages of 10, 100
    /// retry ids, 3 cases kept) at commit 43d6b2a, which kept entry ids as 23-character text keys in a Journaling
    /// dictionary: case c-1 opened (sequence 1), interactions k-1 to k-130 (2-131), the case set pending (132), k-131 to
    /// k-137 (133-139) with a snapshot every 16 appends, then k-138 to k-160 (140-162) with none, so that the records after
    /// the last snapshot forget ids (sequences up to 60 by the end).
    /// <c>entry-ids-keyed-as-text.pages</c>: its archive pages 0-14, as the Orleans serializer writes a list of them.
    /// </summary>
    [Fact]
    public async Task Ids_kept_as_text_keys_are_found_by_their_hash_and_forgotten_as_they_were()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        await PlaceAsync(JournalId.FromGrainId(customer.GetGrainId()), "entry-ids-keyed-as-text.journal");
        await PlacePagesAsync(customer.GetPrimaryKeyString(), "entry-ids-keyed-as-text.pages");

        var latest = await customer.RecordInteractionAsync(Keyed(160));
        var older = await customer.RecordInteractionAsync(Keyed(100));
        var forgottenInSnapshot = await customer.RecordInteractionAsync(Keyed(5));
        var forgottenAfter = await customer.RecordInteractionAsync(Keyed(55));
        var update = await customer.Stewardship().ApplyBackOfficeUpdateAsync(new(Guid.NewGuid(), TimelineEntryKind.ServiceCase, "c-1",
            Channel.Email, Direction.Inbound, "My parcel is late", null, "resolved", null, fixture.Time.GetUtcNow()));

        Assert.Equal((false, 162L), (latest.Created, latest.Entry.Sequence));
        Assert.Equal((false, 101L), (older.Created, older.Entry.Sequence));
        // Older than the retry window when the earlier version forgot them: recorded as new, as they were then.
        Assert.Equal((true, 163L), (forgottenInSnapshot.Created, forgottenInSnapshot.Entry.Sequence));
        Assert.Equal((true, 164L), (forgottenAfter.Created, forgottenAfter.Entry.Sequence));
        Assert.Equal((TimelineEntryKind.StatusChanged, 1L), (update.Entry.Kind, update.Entry.RelatesTo));

        // Enough changes for snapshots in this version's form, then a new activation reads them.
        for (var i = 1; i <= 20; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"after-{i}"));
        }

        await fixture.Cluster.DeactivateAsync(customer);
        var latestAgain = await customer.RecordInteractionAsync(Keyed(160));
        var afterAgain = await customer.RecordInteractionAsync(Requests.Interaction("after-1"));
        var again = await customer.Stewardship().ApplyBackOfficeUpdateAsync(new(Guid.NewGuid(), TimelineEntryKind.ServiceCase, "c-1",
            Channel.Email, Direction.Inbound, "My parcel is late", null, "closed", null, fixture.Time.GetUtcNow()));
        Assert.Equal((false, 162L), (latestAgain.Created, latestAgain.Entry.Sequence));
        Assert.Equal((false, 166L), (afterAgain.Created, afterAgain.Entry.Sequence));
        Assert.Equal((TimelineEntryKind.StatusChanged, 1L), (again.Entry.Kind, again.Entry.RelatesTo));
    }

    private static RecordInteraction Keyed(int n) => new($"k-{n}", Channel.Web, Direction.Inbound, Author.Customer, $"Keyed as text {n}");

    /// <summary>
    /// <c>consents-revoked-earlier.*.journal</c>: the embedded silo at commit 0982a07, which forgot a partner when its
    /// grant was revoked, over HTTP: partner legacy-reader was granted the profile consent, read the profile and had the
    /// grant revoked; 510 interactions then moved those entries out of the timeline's window; partner legacy-later was
    /// granted and revoked after them. The customer's journal and its partner-access log's.
    /// </summary>
    [Fact]
    public async Task Partners_whose_grants_an_earlier_version_revoked_still_hear_of_an_erasure()
    {
        var customerId = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(customerId);
        await PlaceAsync(JournalId.FromGrainId(customer.GetGrainId()), "consents-revoked-earlier.customer.journal");
        await PlaceAsync(JournalId.FromGrainId(fixture.Grains.GetGrain<IPartnerAccessLogGrain>(customerId).GetGrainId()),
            "consents-revoked-earlier.partner-access.journal");
        Assert.Empty(await customer.ListConsentsAsync());

        var receipt = await customer.Stewardship().EraseAsync();

        // legacy-later only on the timeline's window, legacy-reader only in the log of what partners read.
        Assert.Equal(["legacy-later", "legacy-reader"], receipt.PartnersNotified);
    }

    private async Task PlacePagesAsync(string customerId, string fixtureName)
    {
        await using var resource = typeof(Reading_journals_of_earlier_versions).Assembly.GetManifestResourceStream(fixtureName)!;
        using var bytes = new MemoryStream();
        await resource.CopyToAsync(bytes);
        var pages = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>().Deserialize<List<List<TimelineEntry>>>(bytes.ToArray())!;
        for (var page = 0; page < pages.Count; page++)
        {
            await fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{customerId}/{page}").StoreAsync(pages[page]);
        }
    }

    /// <summary>Puts the fixture's records in the test cluster's journal store, as if an earlier version had written them there.</summary>
    private async Task PlaceAsync(JournalId journalId, string fixtureName)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rg-{Guid.NewGuid():N}.journal");
        try
        {
            await using (var resource = typeof(Reading_journals_of_earlier_versions).Assembly.GetManifestResourceStream(fixtureName)!)
            await using (var file = File.Create(path))
            {
                await resource.CopyToAsync(file);
            }

            var records = new CollectedJournal();
            await new LocalFileJournalStorage(journalId, path, commit: null, "orleans-binary", new ForcedCompactions(), new CompactionPolicy(),
                NullLogger.Instance).ReadAsync(records, CancellationToken.None);
            var target = fixture.Journals.Memory.CreateStorage(journalId);
            await target.ReadAsync(new CollectedJournal(), CancellationToken.None);
            await target.AppendAsync(new ReadOnlySequence<byte>([.. records.Bytes]), CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
