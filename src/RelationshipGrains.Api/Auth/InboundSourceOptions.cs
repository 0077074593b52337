using Microsoft.Extensions.Options;
using RelationshipGrains.Integration.Consumers;

namespace RelationshipGrains.Api.Auth;

/// <summary>
/// The back-office systems that may post to <c>/api/v1/inbound/{source}</c>, each with the secret it signs with
/// (configuration section "Inbound:Sources", e.g. <c>Inbound:Sources:service-desk:Secret</c>).
/// </summary>
public sealed class InboundSourceOptions
{
    public const string Section = "Inbound";

    public Dictionary<string, InboundSource> Sources { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One back-office source.</summary>
public sealed class InboundSource
{
    /// <summary>At least 32 characters; shared with the source, which signs every request with it.</summary>
    public string Secret { get; set; } = "";
}

/// <summary>Names every source the silo takes no messages from, and every one whose secret is too short to sign with.</summary>
public sealed class InboundSourceOptionsValidator : IValidateOptions<InboundSourceOptions>
{
    public const int MinSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, InboundSourceOptions options)
    {
        // A misspelt source ("service_desk") started, and every message its system sent was refused as unsigned.
        List<string> failures = [.. options.Sources.Keys
            .Where(source => !InboundMessages.BySource.ContainsKey(source))
            .Select(source => $"{InboundSourceOptions.Section}:Sources:{source} is not a source the silo takes messages from; the sources are {string.Join(", ", InboundMessages.BySource.Keys)}."),
            .. options.Sources
            .Where(s => s.Value.Secret.Length < MinSecretLength)
            .Select(s => $"{InboundSourceOptions.Section}:Sources:{s.Key}:Secret must be at least {MinSecretLength} characters.")];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
