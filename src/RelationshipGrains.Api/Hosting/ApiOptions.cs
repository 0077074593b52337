namespace RelationshipGrains.Api.Hosting;

/// <summary>How the host wants the HTTP API exposed.</summary>
public sealed class ApiOptions
{
    /// <summary>Serve the OpenAPI document without a key (the embedded profile only).</summary>
    public bool AnonymousOpenApi { get; set; }

    /// <summary>Accept the published development keys (the embedded profile only; anywhere else they refuse to start).</summary>
    public bool DevelopmentKeysAllowed { get; set; }
}
