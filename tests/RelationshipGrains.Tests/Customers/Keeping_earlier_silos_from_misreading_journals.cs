using System.Buffers.Binary;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Journaling;
using Orleans.Serialization.Buffers;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Customers;

/// <summary>
/// A customer's journal holds interaction events stored as references to its entries, which a silo of 2026-12-06
/// would drop as events without JSON. That version reads an entry-id record whose first byte it does not know with
/// Orleans Journaling's dictionary codec; the records that this version writes with every such event must fail there.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Keeping_earlier_silos_from_misreading_journals(ClusterFixture fixture)
{
    [Fact]
    public void The_dictionary_codec_an_earlier_silo_falls_back_to_refuses_the_records_of_this_version()
    {
        using var scope = fixture.Cluster.Silos[0].ServiceProvider.CreateScope();
        var codec = scope.ServiceProvider.GetRequiredKeyedService<IDurableDictionaryCommandCodec<string, long>>("orleans-binary");

        // The byte after the first is a key's first hash byte, or a snapshot's count: any value.
        foreach (var first in EntryIdIndex.RecordsEarlierSilosRefuse)
        {
            foreach (var second in new byte[] { 0x00, 0x01, 0x7F, 0xFF })
            {
                var record = new byte[24];
                (record[0], record[1]) = (first, second);
                var refused = Assert.Throws<NotSupportedException>(() => codec.Apply(Reader(record), new EntryIdIndex(codec)));
                Assert.StartsWith("Command type", refused.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Each_recorded_interaction_and_each_snapshot_writes_records_an_earlier_silo_refuses()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        await customer.RecordInteractionAsync(Requests.Interaction("refused-1"));
        var journal = JournalId.FromGrainId(customer.GetGrainId());
        var hash = new byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(hash, EntryIdKey.Of("refused-1").Hash);

        var remember = fixture.Journals.Memory.RawBytes(journal).AsSpan().IndexOf([EntryIdIndex.RecordsEarlierSilosRefuse[0], .. hash]);
        for (var i = 2; i <= SharedTestJournals.AppendsBetweenSnapshots + 2; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"refused-{i}"));
        }

        // A snapshot: its first byte, the count of ids (one byte below 128), then the oldest id's hash.
        var stored = fixture.Journals.Memory.RawBytes(journal);
        var snapshot = Enumerable.Range(0, stored.Length - 18).Count(i =>
            stored[i] == EntryIdIndex.RecordsEarlierSilosRefuse[1] && stored.AsSpan(i + 2, 16).SequenceEqual(hash));
        Assert.True(remember >= 0, "The first interaction's id was not remembered in a record an earlier silo refuses.");
        Assert.Equal(1, snapshot);
    }

    private static JournalBufferReader Reader(byte[] record)
    {
        var writer = new ArcBufferWriter();
        writer.Write(record);
        return new JournalBufferReader(writer.Reader, isCompleted: true);
    }
}
