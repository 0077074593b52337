namespace RelationshipGrains.Grains.Integration;

/// <summary>
/// Message ids for outbox events: random version-4 UUIDs, as <see cref="Guid.NewGuid"/> makes, from a generator the
/// runtime seeds once per thread from the operating system. <see cref="Guid.NewGuid"/> asks the operating system for
/// every id (a read of /dev/urandom on this machine's Linux: 4.9% of the CPU of the in-silo write benchmark, one id
/// per interaction). An id must be unique, which 122 random bits give; it is no secret, so it need not be unpredictable.
/// </summary>
public static class OutboxMessageIds
{
    public static Guid Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);

        // RFC 9562 layout, big-endian: the version in the high nibble of byte 6, the variant in the top bits of byte 8.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
