using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using RelationshipGrains.Api.Hosting;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Api.Errors;

/// <summary>
/// Turns input, not-found and conflict errors into RFC 9457 problem details that name the field at fault, and a cluster
/// that is moving a grain (a silo died or left) into 503 with Retry-After.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        exception = ClusterInTransition.Translate(exception);
        int? retryAfter = exception switch
        {
            RelationshipRateLimitedException e => e.RetryAfterSeconds,
            RelationshipUnavailableException e => e.RetryAfterSeconds,
            _ => null,
        };
        if (retryAfter is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = exception switch
        {
            RelationshipRateLimitedException e => StatusDetails.TooManyRequests(e.Message),
            RelationshipUnavailableException e => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Service Unavailable", Detail = e.Message },
            RelationshipValidationException e => Invalid(e.Field, e.Message),
            RelationshipNotFoundException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not Found", Detail = e.Message },
            RelationshipConflictException e => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = e.Message },
            BadHttpRequestException e => FromBadRequest(e),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Invalid(string? field, string message)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Invalid input", Detail = message };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        }

        return problem;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails { Status = e.StatusCode, Title = "Content Too Large", Detail = e.Message };
        }

        // A body with no Content-Type at all: the framework says "Expected a supported JSON media type" under 415.
        if (e.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return new ProblemDetails { Status = e.StatusCode, Title = "Unsupported Media Type" };
        }

        if (e.InnerException is JsonException json)
        {
            var (field, problem) = Explain(json);
            return Invalid(field, problem);
        }

        var (parameter, message) = BindingErrors.Explain(e.Message);
        return Invalid(parameter, message);
    }

    /// <summary>The field a JSON body went wrong at (or "body") and what was wrong, in the API's terms.</summary>
    private static (string Field, string Message) Explain(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (UnmappedMember().Match(json.Message) is { Success: true } unknown)
        {
            return (field ?? "body", $"Unknown field '{unknown.Groups[1].Value}'.");
        }

        if (Duplicate().Match(json.Message) is { Success: true } duplicate)
        {
            var name = duplicate.Groups[1].Success ? duplicate.Groups[1].Value : field;
            return name is null ? ("body", "The body names a field more than once; send each field once.")
                : (name, $"'{name}' appears more than once in the body; send each field once.");
        }

        if (TooDeep().IsMatch(json.Message))
        {
            return (field ?? "body", $"The body nests deeper than {ApiServiceCollectionExtensions.MaxJsonDepth} levels{(field is null ? "" : $" at '{field}'")}, more than any request of this API needs.");
        }

        if (!json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            // The reader's own complaint (a missing value, a stray character): the text is not JSON, whatever field it reached.
            var at = json.LineNumber is { } line && json.BytePositionInLine is { } position ? $" (line {line + 1}, byte {position + 1})" : "";
            return ("body", $"The request body is not valid JSON{at}.");
        }

        return field is null ? ("body", "The request body must be a JSON object.")
            : (field, EnumNamed(json.Message) is { } allowed ? $"'{field}' must be one of: {allowed}." : $"'{field}' has the wrong type or a value that is not allowed.");
    }

    /// <summary>The values of one of our enums a JSON value failed to convert to, as requests spell them; null for any other type.</summary>
    private static string? EnumNamed(string message) =>
        ConvertedTo().Match(message) is { Success: true } m && typeof(RelationshipValidationException).Assembly.GetType(m.Groups[1].Value) is { IsEnum: true } type
            ? (string)typeof(Naming.Kebab).GetMethod(nameof(Naming.Kebab.List))!.MakeGenericMethod(type).Invoke(null, null)!
            : null;

    // "could not be converted to RelationshipGrains.Customers.ConsentScope", or to System.Nullable`1[[RelationshipGrains...
    [GeneratedRegex(@"could not be converted to (?:System\.Nullable`1\[\[)?([\w.]*\w)")]
    private static partial Regex ConvertedTo();

    // System.Text.Json's reader: "CurrentDepth (16) is equal to or larger than the maximum allowed depth of 16", or
    // "The maximum configured depth of 16 has been exceeded".
    [GeneratedRegex("maximum (allowed|configured) depth of")]
    private static partial Regex TooDeep();

    // "Duplicate property 'text' encountered during deserialization of type '...'", or without the name.
    [GeneratedRegex("Duplicate propert(?:y '([^']+)'|ies)")]
    private static partial Regex Duplicate();

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedMember();
}
