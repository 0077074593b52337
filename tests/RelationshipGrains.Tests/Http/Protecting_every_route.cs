using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

/// <summary>Every mapped route but health (and, in the embedded profile, the OpenAPI document) demands a key.</summary>
[Collection(ApiCollection.Name)]
public sealed class Protecting_every_route(ApiFixture api)
{
    private IReadOnlyList<(string Method, string Pattern, RouteEndpoint Endpoint)> Routes()
    {
        _ = api.Server;
        return [.. RouteTable.Of(api.Services).Select(r => (r.Method, r.Pattern, r.Endpoint))];
    }

    [Fact]
    public void Every_route_declares_who_may_call_it()
    {
        var routes = Routes();

        Assert.True(routes.Count > 50, $"Only {routes.Count} routes found; the route table was not read.");
        Assert.All(routes, r => Assert.True(r.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0, $"{r.Method} {r.Pattern} has no policy"));
    }

    [Fact]
    public void Only_the_console_s_static_files_and_its_sign_in_settings_are_open_to_anyone()
    {
        _ = api.Server;

        Assert.Equal(["/console/sign-in.json", "/console/{**file}"], RouteTable.Anonymous(api.Services));
    }

    [Fact]
    public async Task The_openapi_document_describes_exactly_the_mapped_routes()
    {
        static string Normal(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern.TrimEnd('/'), "{([a-zA-Z]+)(:[a-z]+)?}", "{$1}");
        // Operations endpoints (the metrics scrape, the Orleans dashboard) are not part of the API and say so.
        var mapped = Routes().Where(r => r.Endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .Select(r => $"{r.Method} {Normal(r.Pattern)}").ToHashSet();

        using var document = System.Text.Json.JsonDocument.Parse(await api.ClientWithKey(ApiFixture.OperatorKey).GetStringAsync("/openapi/v1.json"));
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {Normal(path.Name)}"))
            .ToHashSet();

        Assert.Empty(mapped.Except(documented));
        Assert.Empty(documented.Except(mapped));
    }

    [Fact]
    public async Task Every_route_refuses_every_role_its_policy_does_not_name_and_a_revoked_partner_key()
    {
        var world = new HttpWorld(api);
        var revokedPartner = await world.Partner("revoked");
        var livePartner = await world.Partner("still-fine");
        await HttpWorld.Ok(world.Operator.DeleteAsync($"/api/v1/partners/{revokedPartner.Id}/keys/{revokedPartner.KeyId}"), HttpStatusCode.NoContent);
        var clients = new Dictionary<string, HttpClient>
        {
            ["channel"] = world.Channel,
            ["operator"] = world.Operator,
            ["partner"] = livePartner.Client,
        };

        foreach (var (method, pattern, endpoint) in Routes())
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, "{([a-zA-Z]+)(:[a-z]+)?}", m => m.Groups[2].Success ? "1" : "x");
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            var allowed = AllowedRoles(policies);
            // Signed back-office routes take no API key at all, so a key of any role is not even an identity there.
            var refusal = policies.Contains(RelationshipGrains.Api.Auth.ApiRoles.BackOfficePolicy) ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            foreach (var (role, client) in clients.Where(c => !allowed.Contains(c.Key)))
            {
                var response = await client.SendAsync(Request(method, path));
                Assert.True(response.StatusCode == refusal, $"{method} {path} answered {(int)response.StatusCode} to a {role} key");
            }

            var revoked = await revokedPartner.Client.SendAsync(Request(method, path));
            Assert.True(revoked.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)revoked.StatusCode} to a revoked key");
        }
    }

    /// <summary>The roles every policy on the route admits (all of them must pass).</summary>
    private static HashSet<string> AllowedRoles(List<string> policies)
    {
        var roles = new HashSet<string> { "channel", "operator", "partner" };
        foreach (var policy in policies)
        {
            roles.IntersectWith(policy switch
            {
                RelationshipGrains.Api.Auth.ApiRoles.ChannelPolicy => ["channel", "operator"],
                // Customers sign in with tokens, never keys: the key roles these admit are the staff ones.
                RelationshipGrains.Api.Auth.ApiRoles.StaffOrCustomerPolicy => ["channel", "operator"],
                RelationshipGrains.Api.Auth.ApiRoles.OperatorOrCustomerPolicy => ["operator"],
                RelationshipGrains.Api.Auth.ApiRoles.OperatorPolicy => ["operator"],
                RelationshipGrains.Api.Auth.ApiRoles.AnyKeyPolicy => ["channel", "operator", "partner"],
                RelationshipGrains.Api.Auth.ApiRoles.PartnerPolicy => ["partner"],
                RelationshipGrains.Api.Auth.ApiRoles.BackOfficePolicy => [],
                _ => throw new InvalidOperationException($"Unknown policy '{policy}'"),
            });
        }

        return roles;
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    [Fact]
    public async Task Every_route_refuses_a_call_without_a_key_and_with_a_wrong_key()
    {
        var anonymous = api.ClientWithKey(null);
        var wrong = api.ClientWithKey("not-a-key-anybody-was-given");
        foreach (var (method, pattern, _) in Routes())
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, "{([a-zA-Z]+)(:[a-z]+)?}", m => m.Groups[2].Success ? "1" : "x");
            foreach (var client in new[] { anonymous, wrong })
            {
                var response = await client.SendAsync(Request(method, path));

                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} without a valid key");
            }
        }
    }
}
