using System.Net;
using System.Net.Http.Json;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Integration.Erp;

/// <summary>
/// The ERP's HTTP API. Every call carries an Idempotency-Key derived from what it is about, so a redelivered event
/// places no second order.
/// </summary>
public sealed class ErpClient(HttpClient http)
{
    public Task<ErpAnswer> PlaceOrderAsync(ErpOrder order, CancellationToken cancellationToken) =>
        PostAsync("orders", order, $"order/{order.OrderReference}", cancellationToken);

    /// <summary>
    /// Cancels an order placed by <see cref="PlaceOrderAsync"/>, under the same order reference; null when the ERP
    /// answers 404, having no such order (never placed, or not yet: whoever places it cancels it then).
    /// </summary>
    public async Task<ErpAnswer?> CancelOrderAsync(ErpOrderCancellation cancellation, CancellationToken cancellationToken)
    {
        try
        {
            return await PostAsync("order-cancellations", cancellation, $"cancel/{cancellation.OrderReference}", cancellationToken);
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<ErpAnswer> RequestDesignAsync(ErpDesignRequest request, CancellationToken cancellationToken) =>
        PostAsync("design-requests", request, $"design/{request.IdeaId}", cancellationToken);

    private async Task<ErpAnswer> PostAsync<T>(string path, T body, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: IntegrationEvents.Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The ERP answered {(int)response.StatusCode} to POST {path} ({idempotencyKey}).", null, response.StatusCode);
        }

        var answer = await response.Content.ReadFromJsonAsync<ErpAnswer>(IntegrationEvents.Json, cancellationToken);
        return answer is { Id.Length: > 0, Status.Length: > 0 }
            ? answer
            : throw new InvalidOperationException($"The ERP's answer to POST {path} ({idempotencyKey}) has no id or status.");
    }
}
