using RelationshipGrains.Grains.Customers;

namespace RelationshipGrains.Tests.Customers;

/// <summary>
/// Stored journals hold these keys, so a key must never change between versions: the expected values are SHA-256's
/// first 16 bytes in base64url (the text earlier versions stored), computed apart from .NET (Python's hashlib and base64).
/// </summary>
public sealed class Keying_entry_ids
{
    [Theory]
    [InlineData("hello-1", "#k70H8HMAt4ePkQ1kss9j1A")]
    [InlineData("x", "#LXEWQrcmsEQBYnyp-6wy9Q")]
    public void An_id_is_kept_as_its_hash_prefix_in_23_characters(string entryId, string key) =>
        Assert.Equal(key, EntryIdKey.Of(entryId).ToString());

    [Fact]
    public void A_long_internal_id_is_keyed_the_same_way()
    {
        // 600 characters: hashed from a heap buffer rather than the stack, with the same result.
        Assert.Equal("#UTCzPmuH-_UxbtkEnpiSTg", EntryIdKey.Of(new string('x', 600)).ToString());
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
                    Assert.Equal(keys[i], EntryIdKey.Of(ids[i]).ToString());
                }
            }
        }));

        await Task.WhenAll(threads);
    }

    [Theory]
    [InlineData("case:c-7", "$Mj4B2PBqt68NqAExnWggYg", "#Mj4B2PBqt68NqAExnWggYg")]
    [InlineData("touch:spring-2026", "$9oHnigKH-XIG6ZVOI-7kzg", "#9oHnigKH-XIG6ZVOI-7kzg")]
    public void A_case_or_campaign_is_marked_to_be_kept_and_found_by_the_same_hash_under_the_key_it_had_before(string entryId, string key, string before)
    {
        var keyed = EntryIdKey.Of(entryId);

        Assert.Equal(key, keyed.ToString());
        Assert.True(keyed.NamesSubject);
        Assert.Equal(keyed, EntryIdKey.FromStored(key));
        // Stored under '#' from 2026-12-03 to 2026-12-06: the same hash, kept only as long as a retry id.
        Assert.Equal(keyed with { NamesSubject = false }, EntryIdKey.FromStored(before));
        Assert.False(EntryIdKey.Of("hello-1").NamesSubject);
    }

    [Theory]
    [InlineData("hello-1")]
    [InlineData("case:c-7")]
    [InlineData("a2f4c9e0-1b7d-4c1e-9a51-0d9f3b6e2c11")]
    public void An_id_an_earlier_version_stored_as_it_came_reads_back_as_its_key(string entryId) =>
        Assert.Equal(EntryIdKey.Of(entryId), EntryIdKey.FromStored(entryId));

    [Fact]
    public void A_key_reads_back_from_the_text_an_earlier_version_stored()
    {
        var key = EntryIdKey.Of("hello-1");

        Assert.Equal(key, EntryIdKey.FromStored("#k70H8HMAt4ePkQ1kss9j1A"));
        Assert.Equal(key, EntryIdKey.FromStored(key.ToString()));
    }
}
