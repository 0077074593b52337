using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// What a customer remembers a caller-supplied entry id by: the first 128 bits of its SHA-256. A customer keeps its last
/// 2,000 ids for retry detection; as sent (often 36-60 characters, up to 128) they were most of its snapshot and of a
/// long conversation's activation. A collision would make a new interaction pass for a retry, so the hash is one no
/// caller can aim at. A case's or campaign's id (<see cref="BackOfficeUpdate.IsSubjectEntryId"/>) is marked as naming a
/// subject: back-office updates find the case by it long after retries stop, so it is kept longer.
/// A type of its own, so an id is never passed where its key is meant.
/// </summary>
public readonly record struct EntryIdKey(UInt128 Hash, bool NamesSubject)
{
    private const int HashBytes = 16;
    private const char Retry = '#';
    private const char Subject = '$';
    private static readonly int StoredLength = 1 + Base64Url.GetEncodedLength(HashBytes);

    /// <summary>The text earlier versions stored the key as: '#' ('$' for a subject) and the hash in base64url, 23 characters.</summary>
    public override string ToString()
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        BinaryPrimitives.WriteUInt128LittleEndian(hash, Hash);
        Span<char> text = stackalloc char[StoredLength];
        text[0] = NamesSubject ? Subject : Retry;
        Base64Url.EncodeToChars(hash, text[1..]);
        return new string(text);
    }

    public static EntryIdKey Of(string entryId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(entryId.Length);
        if (length <= 1024)
        {
            Span<byte> utf8 = stackalloc byte[length];
            Sha256(utf8[..Encoding.UTF8.GetBytes(entryId, utf8)], hash);
        }
        else
        {
            Sha256(Encoding.UTF8.GetBytes(entryId), hash);
        }

        return new(BinaryPrimitives.ReadUInt128LittleEndian(hash), BackOfficeUpdate.IsSubjectEntryId(entryId));
    }

    /// <summary>
    /// The key an earlier version's journal holds as text: a key as <see cref="ToString"/> writes it (from 2026-12-03),
    /// or an id as it came (before). Ids never hold '#' or '$', so the two never mix up. Cases opened between 2026-12-03
    /// and 2026-12-06 were stored under '#': found by the same hash, they are kept only as long as retries, as then.
    /// </summary>
    public static EntryIdKey FromStored(string stored)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        return stored.Length == StoredLength && stored[0] is Retry or Subject
            && Base64Url.TryDecodeFromChars(stored.AsSpan(1), hash, out var written) && written == HashBytes
            ? new(BinaryPrimitives.ReadUInt128LittleEndian(hash), stored[0] == Subject)
            : Of(stored);
    }

    /// <summary>
    /// One hashing context per thread, reset by each use. <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>
    /// makes and frees an OpenSSL context per call: 1.1 us a hash with two threads hashing, against 0.66 us reusing one
    /// (a scratch loop on the build machine).
    /// </summary>
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    private static void Sha256(ReadOnlySpan<byte> utf8, Span<byte> hash)
    {
        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            sha256.AppendData(utf8);
            sha256.GetHashAndReset(hash);
        }
        catch
        {
            // A context that failed midway may hold part of this id: the next hash on this thread starts from a new one.
            t_sha256 = null;
            sha256.Dispose();
            throw;
        }
    }
}
