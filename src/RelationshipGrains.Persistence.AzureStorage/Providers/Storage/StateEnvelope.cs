using System.Buffers.Binary;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>
/// The bytes of a stored state: a 4-byte marker "RGS" + format version, then the Orleans serializer's payload.
/// The Orleans serializer is version tolerant through the <c>[Id]</c> numbers on every field, so state written
/// today reads after fields are added; the format version lets a future change of encoding read old blobs.
/// </summary>
internal static class StateEnvelope
{
    public const byte CurrentVersion = 1;
    private const uint Marker = ('R' << 24) | ('G' << 16) | ('S' << 8);

    public static byte[] Wrap(byte[] payload)
    {
        var bytes = new byte[4 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Marker | CurrentVersion);
        payload.CopyTo(bytes, 4);
        return bytes;
    }

    public static ReadOnlyMemory<byte> Unwrap(ReadOnlyMemory<byte> stored)
    {
        if (stored.Length < 4 || (BinaryPrimitives.ReadUInt32BigEndian(stored.Span) & 0xFFFFFF00) != Marker)
        {
            throw new FormatException("The blob does not start with the RelationshipGrains state marker; it was not written by this provider.");
        }

        var version = stored.Span[3];
        return version == CurrentVersion
            ? stored[4..]
            : throw new FormatException($"The blob uses state format version {version}; this build reads version {CurrentVersion}.");
    }
}
