using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RelationshipGrains.Api.Live;

/// <summary>
/// Writes server-sent events, sending the response headers at once: a subscriber to a quiet timeline learns
/// that it is connected before the first entry arrives (the built-in result waits for the first event).
/// </summary>
/// <param name="events">The feed.</param>
/// <param name="ends">Cancelled when the subscriber goes away or the silo stops.</param>
internal sealed class LiveFeedResult<T>(IAsyncEnumerable<SseItem<T>> events, CancellationToken ends) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var aborted = ends;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var json = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            await response.Body.FlushAsync(aborted);
            await SseFormatter.WriteAsync(events, response.Body, (item, buffer) =>
            {
                using var writer = new Utf8JsonWriter(buffer);
                JsonSerializer.Serialize(writer, item.Data, json);
            }, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The subscriber went away, or the silo is stopping; that is how a live feed normally ends.
        }
    }
}
