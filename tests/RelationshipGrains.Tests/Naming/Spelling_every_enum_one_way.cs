using System.Text.Json;
using System.Text.RegularExpressions;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Ideas;
using RelationshipGrains.Naming;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Tests.Naming;

public sealed partial class Spelling_every_enum_one_way
{
    public static TheoryData<Type> Enums() => [.. EnumNames.Exposed];

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();

    [Fact]
    public void The_product_exposes_the_enums_this_test_walks()
    {
        Assert.Contains(typeof(Channel), EnumNames.Exposed);
        Assert.Contains(typeof(IdeaStatus), EnumNames.Exposed);
        Assert.Equal(14, EnumNames.Exposed.Count);
    }

    [Theory]
    [MemberData(nameof(Enums))]
    public void Http_json_writes_and_reads_each_member_in_lower_case_kebab_as_value_and_as_key(Type type)
    {
        foreach (var value in Enum.GetValues(type))
        {
            var spelled = Spell(type, value);
            Assert.Matches(KebabCase(), spelled);
            Assert.Equal($"\"{spelled}\"", JsonSerializer.Serialize(value, type, EnumNames.Api));
            Assert.Equal(value, JsonSerializer.Deserialize($"\"{spelled}\"", type, EnumNames.Api));

            var keyed = Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(type, typeof(int)))!;
            keyed.GetType().GetMethod("Add")!.Invoke(keyed, [value, 1]);
            Assert.Equal($"{{\"{spelled}\":1}}", JsonSerializer.Serialize(keyed, keyed.GetType(), EnumNames.Api));
        }
    }

    [Fact]
    public void Members_of_several_words_are_spelled_with_dashes_and_read_back_from_any_back_office_spelling()
    {
        Assert.Equal("in-design", Kebab.Of(IdeaStatus.InDesign));
        Assert.Equal("service-case", Kebab.Of(TimelineEntryKind.ServiceCase));
        Assert.Equal("in design", Kebab.Words(IdeaStatus.InDesign));
        Assert.Equal("in-design", Kebab.Of("in-design"));
        foreach (var sent in new[] { "in-production", "InProduction", "IN_PRODUCTION", "inproduction" })
        {
            Assert.True(Kebab.TryParse<FulfilmentStatus>(sent, out var parsed), sent);
            Assert.Equal(FulfilmentStatus.InProduction, parsed);
        }

        Assert.False(Kebab.TryParse<FulfilmentStatus>("2", out _));
        Assert.False(Kebab.TryParse<FulfilmentStatus>("in production", out _));
        Assert.False(Kebab.TryParse<FulfilmentStatus>(null, out _));
    }

    [Fact]
    public void A_refused_member_is_explained_with_the_spellings_a_caller_may_send()
    {
        var refused = Assert.Throws<RelationshipValidationException>(() => Check.Defined<FulfilmentStatus>((FulfilmentStatus)42, "status"));

        Assert.Equal("status must be one of: pending, accepted, in-production, shipped, delivered, failed.", refused.Message);
    }

    [Fact]
    public void Refusals_that_list_what_is_allowed_spell_it_as_requests_do()
    {
        var kind = Assert.Throws<RelationshipValidationException>(() =>
            new RecordInteraction("i-1", Channel.Web, Direction.Inbound, Author.Customer, "Hello", TimelineEntryKind.ConsentGranted).Validate());
        var scopes = Assert.Throws<RelationshipValidationException>(() => new GrantConsent("velo-works", []).Validate(DateTimeOffset.UtcNow));

        Assert.Equal("kind must be one of: interaction, service-case, sales-opportunity, marketing-touch.", kind.Message);
        Assert.Equal("scopes must name at least one of: profile, conversation, intents.", scopes.Message);
    }

    private static string Spell(Type type, object value) =>
        (string)typeof(Kebab).GetMethods().Single(m => m.Name == nameof(Kebab.Of) && m.IsGenericMethod)
            .MakeGenericMethod(type).Invoke(null, [value])!;
}
