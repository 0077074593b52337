using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// The key a customer remembers a caller-supplied entry id by: '#' and the first 128 bits of its SHA-256, 23
/// characters. A customer keeps its last 2,000 ids for retry detection; as sent (often 36-60 characters, up to 128)
/// they were most of its snapshot and of a long conversation's activation. A collision would make a new interaction
/// pass for a retry, so the hash is one no caller can aim at. Ids never hold '#' or '$', so a key never equals an id
/// that an earlier version stored as it came. A case's or campaign's id (<see cref="BackOfficeUpdate.IsSubjectEntryId"/>)
/// starts with '$' instead: back-office updates find the case by it long after retries stop, so it is kept longer.
/// A type of its own, so an id is never passed where its key is meant.
/// </summary>
public readonly struct EntryIdKey
{
    private const int HashBytes = 16;
    private const char Retry = '#';
    private const char Subject = '$';

    private EntryIdKey(string value) => Value = value;

    /// <summary>The key as stored.</summary>
    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>The key names a case or campaign, or is one that an earlier version stored as it came.</summary>
    public static bool NamesSubject(string stored) => stored[0] == Subject || BackOfficeUpdate.IsSubjectEntryId(stored);

    /// <summary>
    /// The key a case's or campaign's id had from 2026-12-03 until subjects got keys of their own (2026-12-06); null for
    /// any other id. Cases opened then are still found by it, but only within the retry window, which forgets it as
    /// before: nothing tells such a key from a retry id's.
    /// </summary>
    public string? Before => Value[0] == Subject ? Retry + Value[1..] : null;

    public static EntryIdKey Of(string entryId)
    {
        var mark = BackOfficeUpdate.IsSubjectEntryId(entryId) ? Subject : Retry;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(entryId.Length);
        if (length <= 1024)
        {
            Span<byte> utf8 = stackalloc byte[length];
            Hash(utf8[..Encoding.UTF8.GetBytes(entryId, utf8)], hash);
        }
        else
        {
            Hash(Encoding.UTF8.GetBytes(entryId), hash);
        }

        Span<char> key = stackalloc char[1 + Base64Url.GetEncodedLength(HashBytes)];
        key[0] = mark;
        Base64Url.EncodeToChars(hash[..HashBytes], key[1..]);
        return new(new string(key));
    }

    /// <summary>
    /// One hashing context per thread, reset by each use. <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>
    /// makes and frees an OpenSSL context per call: 1.1 us a hash with two threads hashing, against 0.66 us reusing one
    /// (a scratch loop on the build machine).
    /// </summary>
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    private static void Hash(ReadOnlySpan<byte> utf8, Span<byte> hash)
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
