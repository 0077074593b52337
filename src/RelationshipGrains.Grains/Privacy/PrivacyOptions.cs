namespace RelationshipGrains.Grains.Privacy;

/// <summary>The configuration section <c>Privacy</c>.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>A development value; production sets its own secret so pseudonyms cannot be recomputed from ids.</summary>
    public const string DevelopmentPseudonymSecret = "development-pseudonym-secret-not-for-production";

    /// <summary>
    /// The secret behind customer pseudonyms shown to partners, and behind the BI read model's keys for intents.
    /// Changing it changes every pseudonym: partners see strangers, and intents open before it never close in BI.
    /// </summary>
    public string PseudonymSecret { get; set; } = DevelopmentPseudonymSecret;
}
