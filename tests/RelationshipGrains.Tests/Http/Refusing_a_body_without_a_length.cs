using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Tests.Http;

/// <summary>
/// A body sent without a length is cut off by Kestrel itself at the limit, so this runs against a silo process: the
/// in-memory test server enforces no limit.
/// </summary>
public sealed class Refusing_a_body_without_a_length
{
    [Fact]
    public async Task An_oversized_chunked_body_is_413_saying_the_limit_and_records_nothing()
    {
        var logs = Directory.CreateTempSubdirectory("rg-chunked-").FullName;
        await using var silo = SiloProcess.Start("chunked", new Dictionary<string, string> { ["Storage__Provider"] = "Memory" }, logs);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmbeddedProfile.DevelopmentChannelKey);
        var body = $$"""{"interactionId":"big-1","channel":"chat","direction":"inbound","author":{"kind":"customer"},"text":"{{new string('x', 70_000)}}"}""";
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers/chunky/interactions") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal("Content Too Large", problem.GetProperty("title").GetString());
        Assert.Equal("The request body is over the limit of 65536 bytes.", problem.GetProperty("detail").GetString());
        var timeline = await http.GetAsync("/api/v1/customers/chunky/timeline");
        Assert.Equal(0, (await timeline.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("latestSequence").GetInt64());
    }
}
