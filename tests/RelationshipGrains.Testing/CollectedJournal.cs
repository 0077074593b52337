using Orleans.Journaling;

namespace RelationshipGrains.Testing;

/// <summary>Keeps every byte a journal storage hands its reader, to inspect what is stored or copy it elsewhere.</summary>
public sealed class CollectedJournal : IJournalStorageConsumer
{
    public List<byte> Bytes { get; } = [];

    /// <summary>The format the storage says its bytes are in, as the last read gave it.</summary>
    public string? FormatKey { get; private set; }

    public void Read(JournalBufferReader buffer, IJournalMetadata? metadata)
    {
        FormatKey = metadata?.FormatKey ?? FormatKey;
        var length = buffer.Length;
        Bytes.AddRange(buffer.ToArray());
        buffer.Skip(length);
    }
}
