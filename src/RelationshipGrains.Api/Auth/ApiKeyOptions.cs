namespace RelationshipGrains.Api.Auth;

/// <summary>The configuration section <c>Auth</c>: the API keys the HTTP API accepts.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> Keys { get; set; } = [];
}
