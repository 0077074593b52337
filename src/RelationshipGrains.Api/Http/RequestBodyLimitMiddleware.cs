using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace RelationshipGrains.Api.Http;

/// <summary>Refuses bodies over the API's limit with 413 before anything reads them.</summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    /// <summary>An 8,000-character interaction is at most 32 KB of UTF-8; the rest is headroom for the other fields.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new BadHttpRequestException(
                $"The request body is {context.Request.ContentLength} bytes; the limit is {MaxBodyBytes} bytes.",
                StatusCodes.Status413PayloadTooLarge);
        }

        // Bodies without a length (chunked) are cut off by the server at the same limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        return next(context);
    }
}
