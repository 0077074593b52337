using RelationshipGrains.Grains.Customers;

namespace RelationshipGrains.Tests.Customers;

/// <summary>
/// Stored journals hold these keys, so a key must never change between versions: the expected values are SHA-256's
/// first 16 bytes in base64url, computed apart from .NET (Python's hashlib and base64).
/// </summary>
public sealed class Keying_entry_ids
{
    [Theory]
    [InlineData("hello-1", "#k70H8HMAt4ePkQ1kss9j1A")]
    [InlineData("x", "#LXEWQrcmsEQBYnyp-6wy9Q")]
    public void An_id_is_kept_as_its_hash_prefix_in_23_characters(string entryId, string key) =>
        Assert.Equal(key, EntryIdKey.Of(entryId).Value);

    [Fact]
    public void A_long_internal_id_is_keyed_the_same_way()
    {
        // 600 characters: hashed from a heap buffer rather than the stack, with the same result.
        Assert.Equal("#UTCzPmuH-_UxbtkEnpiSTg", EntryIdKey.Of(new string('x', 600)).Value);
    }

    [Fact]
    public async Task Each_thread_hashes_every_id_from_a_fresh_start()
    {
        // The hashing context is reused per thread: a key that depended on the ids hashed before it would differ here.
        string[] ids = ["hello-1", "x", new string('x', 600)];
        string[] keys = ["#k70H8HMAt4ePkQ1kss9j1A", "#LXEWQrcmsEQBYnyp-6wy9Q", "#UTCzPmuH-_UxbtkEnpiSTg"];
        var threads = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var round = 0; round < 1_000; round++)
            {
                for (var i = 0; i < ids.Length; i++)
                {
                    Assert.Equal(keys[i], EntryIdKey.Of(ids[i]).Value);
                }
            }
        }));

        await Task.WhenAll(threads);
    }

    [Theory]
    [InlineData("case:c-7", "$Mj4B2PBqt68NqAExnWggYg", "#Mj4B2PBqt68NqAExnWggYg")]
    [InlineData("touch:spring-2026", "$9oHnigKH-XIG6ZVOI-7kzg", "#9oHnigKH-XIG6ZVOI-7kzg")]
    public void A_case_or_campaign_is_marked_to_be_kept_and_still_found_under_the_key_it_had_before(string entryId, string key, string before)
    {
        var keyed = EntryIdKey.Of(entryId);

        Assert.Equal((key, before), (keyed.Value, keyed.Before));
        Assert.True(EntryIdKey.NamesSubject(keyed.Value));
        Assert.True(EntryIdKey.NamesSubject(entryId));
        Assert.False(EntryIdKey.NamesSubject(EntryIdKey.Of("hello-1").Value));
        Assert.Null(EntryIdKey.Of("hello-1").Before);
    }
}
