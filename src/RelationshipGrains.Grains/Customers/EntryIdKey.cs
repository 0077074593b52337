using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// The key a customer remembers a caller-supplied entry id by: '#' and the first 128 bits of its SHA-256, 23
/// characters. A customer keeps its last 2,000 ids for retry detection; as sent (often 36-60 characters, up to 128)
/// they were most of its snapshot and of a long conversation's activation. A collision would make a new interaction
/// pass for a retry, so the hash is one no caller can aim at. Ids never hold '#', so a key never equals an id that an
/// earlier version stored as it came. A type of its own, so an id is never passed where its key is meant.
/// </summary>
public readonly struct EntryIdKey
{
    private const int HashBytes = 16;

    private EntryIdKey(string value) => Value = value;

    /// <summary>The key as stored.</summary>
    public string Value { get; }

    public override string ToString() => Value;

    public static EntryIdKey Of(string entryId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(entryId.Length);
        if (length <= 1024)
        {
            Span<byte> utf8 = stackalloc byte[length];
            SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(entryId, utf8)], hash);
        }
        else
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(entryId), hash);
        }

        return new(string.Create(1 + Base64Url.GetEncodedLength(HashBytes), hash[..HashBytes], static (key, bytes) =>
        {
            key[0] = '#';
            Base64Url.EncodeToChars(bytes, key[1..]);
        }));
    }
}
