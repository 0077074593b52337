using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Tests.Integration;

public sealed class Numbering_outbox_messages
{
    [Fact]
    public void Ids_are_distinct_random_uuids_from_every_thread()
    {
        const int perThread = 50_000;
        var ids = new Guid[4][];
        Parallel.For(0, ids.Length, t => ids[t] = [.. Enumerable.Range(0, perThread).Select(_ => OutboxMessageIds.Next())]);
        var all = ids.SelectMany(i => i).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, id => Assert.Equal(4, id.Version));

        // RFC 9562 variant: the top two bits of byte 8 (big-endian) are 10, which .NET reports as 8-11.
        Assert.All(all, id => Assert.InRange(id.Variant, 8, 11));

        // Every other bit varies: no fixed prefix or counter hides in them.
        var varying = new byte[16];
        var first = all[0].ToByteArray(bigEndian: true);
        foreach (var id in all.Take(1000))
        {
            var bytes = id.ToByteArray(bigEndian: true);
            for (var i = 0; i < 16; i++)
            {
                varying[i] |= (byte)(bytes[i] ^ first[i]);
            }
        }

        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0xFF, 0x3F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], varying);
    }
}
