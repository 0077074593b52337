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
}
