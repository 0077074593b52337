using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RelationshipGrains.Api.Auth.SignIn;

namespace RelationshipGrains.Api.Console;

/// <summary>
/// The web console: static files embedded in this assembly, served at <c>/console/</c>. The pages hold no data and
/// are open to anyone; every call they make to the API carries the key, or the access token, the user signs in with.
/// </summary>
public static class ConsoleApi
{
    public const string Path = "/console";

    private const string ResourcePrefix = "console/";

    // The pages load nothing from elsewhere and run no inline script, so a stored text cannot become a script; they
    // connect only to this silo and, with staff sign-in, to the provider's token endpoint.
    private static string ContentSecurityPolicy(string? provider) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'{(provider is null ? "" : " " + provider)}; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly Lazy<FrozenDictionary<string, ConsoleFile>> _files = new(Load);

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder routes)
    {
        routes.MapGet($"{Path}/sign-in.json", ConsoleSignIn.SettingsAsync).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet($"{Path}/{{**file}}", Serve).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> Serve(string? file, HttpContext context, IOptions<SignInOptions> signIn, IOptionsMonitor<JwtBearerOptions> jwt)
    {
        // The page's links are relative, so the bare path must become the folder.
        if (string.IsNullOrEmpty(file) && !context.Request.Path.Value!.EndsWith('/'))
        {
            return TypedResults.Redirect($"{Path}/");
        }

        if (!_files.Value.TryGetValue(string.IsNullOrEmpty(file) ? "index.html" : file, out var found))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(await ConsoleSignIn.TokenOriginAsync(signIn.Value, jwt, context.RequestAborted));
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return TypedResults.Bytes(found.Content, found.ContentType, entityTag: found.ETag);
    }

    private static FrozenDictionary<string, ConsoleFile> Load()
    {
        var assembly = typeof(ConsoleApi).Assembly;
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";
        types.Mappings[".html"] = "text/html; charset=utf-8";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n, types), StringComparer.Ordinal);
    }

    private static ConsoleFile Read(Assembly assembly, string name, FileExtensionContentTypeProvider types)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var contentType = types.TryGetContentType(name, out var known) ? known : "application/octet-stream";
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
        return new ConsoleFile(content, contentType, etag);
    }

    private sealed record ConsoleFile(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
}
