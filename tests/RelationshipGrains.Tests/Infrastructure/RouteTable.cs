using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>
/// Every mapped route of a running silo but health, the OpenAPI document and the console's static files, read from its
/// endpoint data source. The console's files are open to all; <see cref="Anonymous"/> lets a test pin that down.
/// </summary>
public static partial class RouteTable
{
    public sealed record Route(string Method, string Pattern, RouteEndpoint Endpoint)
    {
        public IReadOnlyList<string> Policies { get; } = [.. Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>()];

        /// <summary>The path with each parameter replaced by <paramref name="value"/> (numbers where the route demands a number).</summary>
        public string Path(Func<string, bool, string> value) =>
            Parameter().Replace(Pattern, m => value(m.Groups[1].Value, m.Groups[2].Success));
    }

    public static IReadOnlyList<Route> Of(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Route(m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)))
            .Where(r => !r.Pattern.StartsWith("/health", StringComparison.Ordinal) && !r.Pattern.StartsWith("/openapi", StringComparison.Ordinal)
                && !r.Pattern.StartsWith(RelationshipGrains.Api.Console.ConsoleApi.Path + "/", StringComparison.Ordinal))];

    /// <summary>The patterns of every route that says anyone may call it.</summary>
    public static IReadOnlyList<string> Anonymous(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))];

    [GeneratedRegex("{([a-zA-Z]+)(:[a-z]+)?}")]
    private static partial Regex Parameter();
}
