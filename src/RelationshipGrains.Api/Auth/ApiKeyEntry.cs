using System.ComponentModel.DataAnnotations;

namespace RelationshipGrains.Api.Auth;

/// <summary>One configured API key: give either the key itself (development) or its SHA-256 in hex (production).</summary>
public sealed class ApiKeyEntry
{
    [Required]
    public string Name { get; set; } = "";

    [Required]
    public string Role { get; set; } = "";

    public string? Key { get; set; }

    public string? Sha256 { get; set; }

    /// <summary>For a partner key: the partner it speaks for.</summary>
    public string? PartnerId { get; set; }
}
