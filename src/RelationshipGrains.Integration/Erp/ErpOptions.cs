namespace RelationshipGrains.Integration.Erp;

/// <summary>The ERP's HTTP API (configuration section "Erp"). Without a base URL the ERP adapter is off.</summary>
public sealed class ErpOptions
{
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as a bearer token when set.</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
