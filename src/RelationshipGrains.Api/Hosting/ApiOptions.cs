namespace RelationshipGrains.Api.Hosting;

/// <summary>How the host wants the HTTP API exposed.</summary>
public sealed class ApiOptions
{
    /// <summary>Serve the OpenAPI document without a key (the embedded profile only).</summary>
    public bool AnonymousOpenApi { get; set; }
}
