using Orleans.Journaling;

namespace RelationshipGrains.Testing;

/// <summary>Keeps every byte a journal storage hands its reader, to inspect what is stored or copy it elsewhere.</summary>
public sealed class CollectedJournal : IJournalStorageConsumer
{
    public List<byte> Bytes { get; } = [];

    public void Read(JournalBufferReader buffer, IJournalMetadata? metadata)
    {
        var length = buffer.Length;
        Bytes.AddRange(buffer.ToArray());
        buffer.Skip(length);
    }
}
