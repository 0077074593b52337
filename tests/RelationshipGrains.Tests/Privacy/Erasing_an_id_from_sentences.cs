using RelationshipGrains.Communities;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Privacy;

[Collection(ClusterCollection.Name)]
public sealed class Erasing_an_id_from_sentences(ClusterFixture fixture)
{
    [Theory]
    [InlineData("ann joined.", "erased-1 joined.")]
    [InlineData("joanna joined.", "joanna joined.")]
    [InlineData("bob is now expert (by ann).", "bob is now expert (by erased-1).")]
    [InlineData("A post was hidden by ann: spam", "A post was hidden by erased-1: spam")]
    [InlineData("ann.b joined. ann_c left. ann left.", "ann.b joined. ann_c left. erased-1 left.")]
    [InlineData("Hello ann", "Hello erased-1")]
    public void Only_the_id_standing_as_a_word_is_replaced(string text, string expected) =>
        Assert.Equal(expected, IdsInText.Replace(text, "ann", "erased-1"));

    [Fact]
    public async Task Erasing_a_member_leaves_a_member_whose_id_contains_theirs_untouched()
    {
        var world = new CommunityWorld(fixture.Grains);
        var community = await world.Create();
        var ann = Keys.Customer("ann");
        var joanna = $"jo{ann}a";
        await community.JoinAsync(ann);
        await community.JoinAsync(joanna);

        await community.AsReference<ICommunityStewardshipGrain>().EraseCustomerAsync(ann, "erased-ann");

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        List<string> texts = [];
        await foreach (var e in community.WatchAsync(0, cts.Token))
        {
            texts.Add(e.Text);
            if (texts.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["erased-ann joined.", $"{joanna} joined."], texts);
        Assert.NotNull(await community.GetMemberAsync(joanna));
    }
}
