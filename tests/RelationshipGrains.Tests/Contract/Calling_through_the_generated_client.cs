using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using RelationshipGrains.ApiClient;
using RelationshipGrains.ApiClient.Models;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Contract;

/// <summary>
/// The client Kiota generates from the checked-in document (tests/RelationshipGrains.ApiClient) used as a channel app
/// would use it: the document alone is enough to record, read and follow a customer's conversation.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class Calling_through_the_generated_client(ApiFixture api)
{
    private RelationshipGrainsApiClient Client(string key)
    {
        var http = api.CreateClient();
        return new RelationshipGrainsApiClient(new HttpClientRequestAdapter(new BearerKey(key), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });
    }

    [Fact]
    public async Task A_channel_app_records_reads_and_follows_an_interaction()
    {
        var customer = Client(ApiFixture.ChannelKey).Api.V1.Customers[Keys.Customer()];

        var recorded = await customer.Interactions.PostAsync(new RecordInteraction
        {
            InteractionId = "kiota-1",
            Channel = Channel.Chat,
            Direction = Direction.Inbound,
            Author = new Author { Kind = AuthorKind.Customer },
            Text = "Does the cargo bike come in green?",
            Kind = TimelineEntryKind.Interaction,
        });
        var page = await customer.Timeline.GetAsync(c => c.QueryParameters.Limit = 10);
        var followed = await FirstLiveEntryAsync(customer.Live, after: 0);

        Assert.Equal(1, recorded!.Sequence);
        Assert.Equal(Channel.Chat, recorded.Channel);
        var read = Assert.Single(page!.Entries!);
        Assert.Equal(("kiota-1", "Does the cargo bike come in green?", AuthorKind.Customer), (read.EntryId, read.Text, read.Author!.Kind));
        Assert.Equal((recorded.Sequence, recorded.EntryId, recorded.Text), (followed.Sequence, followed.EntryId, followed.Text));
    }

    [Fact]
    public async Task Refusals_arrive_as_typed_problems_naming_the_field()
    {
        var customer = Client(ApiFixture.ChannelKey).Api.V1.Customers[Keys.Customer()];

        var refused = await Assert.ThrowsAsync<Problem>(() => customer.Interactions.PostAsync(new RecordInteraction
        {
            InteractionId = "kiota-2",
            Channel = Channel.Web,
            Direction = Direction.Inbound,
            Author = new Author { Kind = AuthorKind.Customer },
            Text = "",
        }));
        var unknownKey = await Assert.ThrowsAsync<Problem>(() => Client("not-a-key-we-issued").Api.V1.Customers[Keys.Customer()].Timeline.GetAsync());

        Assert.Equal((400, "text"), (refused.ResponseStatusCode, refused.Field));
        Assert.Equal(401, unknownKey.ResponseStatusCode);
        Assert.False(string.IsNullOrEmpty(unknownKey.Detail));
    }

    /// <summary>Reads the live feed's server-sent events until the first entry arrives.</summary>
    private static async Task<TimelineEntry> FirstLiveEntryAsync(ApiClient.Api.V1.Customers.Item.Live.LiveRequestBuilder live, long after)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var stream = await live.GetAsync(c => c.QueryParameters.After = after, timeout.Token);
        using var reader = new StreamReader(stream!);
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return (await KiotaJsonSerializer.DeserializeAsync(line["data: ".Length..], TimelineEntry.CreateFromDiscriminatorValue, timeout.Token))!;
            }
        }

        throw new InvalidOperationException("The live feed ended without an entry.");
    }

    private sealed class BearerKey(string key) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default)
        {
            request.Headers.Add("Authorization", $"Bearer {key}");
            return Task.CompletedTask;
        }
    }
}
