using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RelationshipGrains.Api.Auth.SignIn;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>Tells a newcomer where the API is, which development key to use, and one request to try.</summary>
internal sealed partial class EmbeddedBanner(
    IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<EmbeddedBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
            var curl = $"curl -H 'Authorization: Bearer {EmbeddedProfile.DevelopmentChannelKey}' -H 'Content-Type: application/json' "
                + $"-d '{{\"interactionId\":\"hello-1\",\"channel\":\"web\",\"direction\":\"inbound\",\"author\":{{\"kind\":\"customer\"}},\"text\":\"Hello!\"}}' "
                + $"{url}/api/v1/customers/ada/interactions";
            var silo = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
            var authority = configuration[$"{SignInOptions.Section}:Authority"];
            var signIn = string.IsNullOrWhiteSpace(authority)
                ? "off; to try it, dotnet run --project tests/RelationshipGrains.IdentityProvider starts a local provider and prints the settings"
                : $"at {authority}";
            LogReady(logger, StorageDescription(silo.ServiceId), url, $"127.0.0.1:{silo.GatewayPort}", silo.ClusterId,
                EmbeddedProfile.DevelopmentOperatorKey, EmbeddedProfile.DevelopmentChannelKey, signIn, curl);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string StorageDescription(string serviceId)
    {
        return StorageSettings.ProviderOf(configuration) switch
        {
            var p when p.Equals(StorageSettings.LocalFiles, StringComparison.OrdinalIgnoreCase) =>
                $"data kept in {StorageSettings.DirectoryOf(configuration, serviceId)} (Storage__Directory to move it)",
            var p when p.Equals(StorageSettings.Memory, StringComparison.OrdinalIgnoreCase) => "memory storage: data is lost when it stops",
            var p => $"{p} storage",
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = """
        RelationshipGrains is running (embedded profile: one silo, {Storage}).
          HTTP API:  {Url}/api/v1   OpenAPI: {Url}/openapi/v1.json   health: {Url}/health/ready
          Grain client gateway: {Gateway} (cluster id {ClusterId}; RelationshipGrains:Client:Gateways in a channel app)
          Development keys (embedded profile only, never for production):
            operator: {OperatorKey}
            channel:  {ChannelKey}
          Staff and customer sign-in: {SignIn}
          Try:  {Curl}
          Then: curl -H 'Authorization: Bearer {ChannelKey}' {Url}/api/v1/customers/ada/timeline
        """)]
    private static partial void LogReady(ILogger logger, string storage, string url, string gateway, string clusterId, string operatorKey,
        string channelKey, string signIn, string curl);
}
