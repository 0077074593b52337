using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Journaling;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
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
