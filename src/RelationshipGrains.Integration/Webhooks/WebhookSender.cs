using System.Globalization;
using System.Text;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Integration.Webhooks;

/// <summary>One signed delivery attempt to one subscription.</summary>
public sealed class WebhookSender(HttpClient http, TimeProvider time)
{
    /// <summary>Null when the receiver accepted (2xx); otherwise why not.</summary>
    public async Task<string?> SendAsync(WebhookTarget target, Guid messageId, string eventType, string body, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(target.Secret, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, messageId.ToString());
        request.Headers.Add(WebhookSignature.EventHeader, eventType);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"The receiver answered {(int)response.StatusCode}.";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return e is TaskCanceledException ? "The receiver did not answer in time." : e.Message;
        }
    }
}
