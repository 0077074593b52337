using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Hosting;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Partners;
using RelationshipGrains.Persistence.Files;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Storage;

/// <summary>The embedded profile's storage: journals and small state as files in a data folder, kept across restarts.</summary>
public sealed class Keeping_journals_in_local_files : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"rg-files-{Guid.NewGuid():N}");
    private readonly LogLines _logs = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<InProcessTestCluster> StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRelationshipGrains();
            // The test's client stands in for grains, partners and operators as well as channel apps.
            silo.Services.Configure<RelationshipGrains.Grains.Security.ClientSurfaceOptions>(o => o.ChannelAppsOnly = false);
            silo.UseInMemoryReminderService();
            silo.Services.Configure<OutboxOptions>(o => o.WakeUpReminder = false);
            silo.Services.Configure<Persistence.Journals.CompactionPolicy>(o => o.MaxAppends = 8);
            silo.Services.AddSingleton<ILoggerProvider>(_logs);
            silo.AddLocalFileStorage(StorageNames.Relationships, o => o.Directory = _directory);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    [Fact]
    public async Task A_restarted_silo_has_every_acknowledged_change_across_compactions()
    {
        var id = Keys.Customer();
        await using (var first = await StartAsync())
        {
            var customer = first.Client.GetGrain<ICustomerGrain>(id);
            await customer.UpdateProfileAsync(new UpdateProfile("Ada"));
            for (var i = 1; i <= 30; i++)
            {
                await customer.RecordInteractionAsync(Requests.Interaction($"f-{i}", $"note {i}"));
            }

            await first.Client.GetGrain<IPartnerGrain>("velo-works").AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner("Velo Works", ["bikes"]));
            await customer.GrantConsentAsync(new GrantConsent("velo-works", [ConsentScope.Profile]));
        }

        await using var second = await StartAsync();
        var again = second.Client.GetGrain<ICustomerGrain>(id);
        var page = await again.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 100));
        var retry = await again.RecordInteractionAsync(Requests.Interaction("f-30", "note 30"));

        Assert.Equal("Ada", (await again.GetProfileAsync())!.DisplayName);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"note {i}"), page.Entries.Where(e => e.EntryId.StartsWith("f-", StringComparison.Ordinal)).Select(e => e.Text));
        Assert.Equal(32, page.LatestSequence);
        Assert.False(retry.Created);
        Assert.True(await again.HasConsentAsync("velo-works", ConsentScope.Profile));
        Assert.Equal("Velo Works", (await second.Client.GetGrain<IPartnerGrain>("velo-works").GetAsync())!.Name);
    }

    [Fact]
    public async Task A_second_silo_on_the_same_data_folder_is_refused_at_start_and_starts_once_the_first_has_stopped()
    {
        var id = Keys.Customer();
        await using (var first = await StartAsync())
        {
            await first.Client.GetGrain<ICustomerGrain>(id).RecordInteractionAsync(Requests.Interaction("l-1", "kept"));

            var refused = await Assert.ThrowsAnyAsync<Exception>(StartAsync);

            var reason = Flatten(refused).OfType<DataFolderInUseException>().First();
            Assert.Equal($"The data folder '{_directory}' is in use by another silo. Stop that silo, or give this one a folder of its own with Storage__Directory.", reason.Message);
            // The refused silo wrote nothing: the first still answers, and what it acknowledged is there.
            Assert.Equal(1, (await first.Client.GetGrain<ICustomerGrain>(id).GetTimelineAsync(new TimelineQuery(After: 0))).LatestSequence);
        }

        await using var second = await StartAsync();
        Assert.Equal("kept", (await second.Client.GetGrain<ICustomerGrain>(id).GetTimelineAsync(new TimelineQuery(After: 0))).Entries.Single().Text);

        static IEnumerable<Exception> Flatten(Exception e) =>
            e is AggregateException a ? a.InnerExceptions.SelectMany(Flatten) : e.InnerException is null ? [e] : [e, .. Flatten(e.InnerException)];
    }

    [Fact]
    public async Task A_record_torn_by_a_crash_is_dropped_with_a_log_line_and_the_rest_is_kept()
    {
        var id = Keys.Customer();
        await using (var first = await StartAsync())
        {
            var customer = first.Client.GetGrain<ICustomerGrain>(id);
            await customer.RecordInteractionAsync(Requests.Interaction("t-1", "kept"));
            await customer.RecordInteractionAsync(Requests.Interaction("t-2", "also kept"));
        }

        // A crash during the next append: its length says 5,000 bytes, only 4,000 reached the disk. That is more than
        // the next record, so unless that append cuts the rest off, the file ends torn again and a read says so twice.
        var file = Directory.EnumerateFiles(_directory, "*.journal", SearchOption.AllDirectories).Single(f => f.Contains(id, StringComparison.Ordinal));
        var torn = Enumerable.Repeat((byte)0xFF, 4_000).ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(torn, 5_000);
        await using (var stream = new FileStream(file, FileMode.Append))
        {
            stream.Write(torn);
        }

        await using var second = await StartAsync();
        var again = second.Client.GetGrain<ICustomerGrain>(id);
        var before = await again.GetTimelineAsync(new TimelineQuery(After: 0));
        var next = await again.RecordInteractionAsync(Requests.Interaction("t-3", "after the crash"));
        await second.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await again.GetTimelineAsync(new TimelineQuery(After: 0));

        Assert.Equal(["kept", "also kept"], before.Entries.Select(e => e.Text));
        Assert.Single(_logs.Lines, l => l.Contains("cut short", StringComparison.Ordinal) && l.Contains(file, StringComparison.Ordinal));
        Assert.Equal(3, next.Entry.Sequence);
        Assert.Equal(["kept", "also kept", "after the crash"], after.Entries.Select(e => e.Text));
    }

    [Fact]
    public async Task An_erased_customer_leaves_no_trace_of_their_words_in_the_data_folder()
    {
        var id = Keys.Customer();
        await using var cluster = await StartAsync();
        var customer = cluster.Client.GetGrain<ICustomerGrain>(id);
        await customer.UpdateProfileAsync(new UpdateProfile("Erin Erasable", [new ContactPoint(Channel.Email, "erin@example.com")]));
        for (var i = 1; i <= 5; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"e-{i}", $"I live at {i} Forgotten Lane"));
        }

        var world = new CommunityWorld(cluster.Client);
        await world.Create();
        await world.Community.JoinAsync(id);
        await world.Community.PostAsync(id, new PostRequest("p1", "My cat Whiskers naps on the chair.", "Cat chairs"));
        var idea = Keys.Customer("idea");
        await world.Propose(id, idea, "Cat-proof cushions");
        await world.Idea(idea).CommentAsync(id, "c1", "Whiskers approves of wool.");

        await customer.Stewardship().EraseAsync();
        // The erasure's reminder (its row names the customer) ticks once more a minute later, then goes.
        await customer.AsReference<IRemindable>().ReceiveReminder(CustomerGrain.ErasureReminder,
            new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));

        // The running silo's lock file is empty, and locked against reading from .NET.
        var files = Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != DataFolderLock.FileName).ToList();
        Assert.Equal(0, new FileInfo(Path.Combine(_directory, DataFolderLock.FileName)).Length);
        Assert.NotEmpty(files);
        foreach (var path in files)
        {
            var text = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path));
            Assert.DoesNotContain("Forgotten Lane", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Erin Erasable", text, StringComparison.Ordinal);
            Assert.DoesNotContain("erin@example.com", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Whiskers", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Cat-proof", text, StringComparison.Ordinal);
            // Only the customer's own journal, named by the id, still holds it: in the erasure receipt.
            Assert.False(text.Contains(id, StringComparison.Ordinal) && !path.Contains(id, StringComparison.Ordinal), path);
        }
    }
}
