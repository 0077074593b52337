namespace RelationshipGrains.Validation;

/// <summary>The explicit input limits of the grain API; the HTTP API enforces the same numbers.</summary>
public static class Limits
{
    /// <summary>Longest id of a customer, partner, staff member or tag.</summary>
    public const int IdLength = 64;

    /// <summary>Longest staff id: a subject at the organisation's sign-in provider.</summary>
    public const int SubjectLength = 255;

    /// <summary>Longest client-supplied request id (interaction id, intent id).</summary>
    public const int RequestIdLength = 128;

    /// <summary>Longest interaction text, in characters.</summary>
    public const int InteractionText = 8_000;

    /// <summary>Longest topic or correlation id.</summary>
    public const int ShortText = 200;

    /// <summary>Longest display name.</summary>
    public const int DisplayName = 200;

    /// <summary>Longest contact address (an e-mail address may be 320 characters).</summary>
    public const int ContactAddress = 320;

    /// <summary>Most contact points on a profile.</summary>
    public const int ContactPoints = 20;

    /// <summary>Most tags on a profile.</summary>
    public const int Tags = 32;

    /// <summary>Default timeline page size.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>Largest timeline page.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Longest intent text.</summary>
    public const int IntentText = 2_000;

    /// <summary>Most constraints on one intent.</summary>
    public const int IntentConstraints = 20;

    /// <summary>Most votes one member casts in a community in a minute (across all its ideas).</summary>
    public const int VotesPerMemberPerMinute = 60;

    /// <summary>Most open intents a customer holds at once.</summary>
    public const int OpenIntents = 100;

    /// <summary>Most partners holding a consent grant from one customer.</summary>
    public const int ConsentGrants = 500;

    /// <summary>Most named weights in a values profile.</summary>
    public const int ValueWeights = 16;

    /// <summary>Longest status note.</summary>
    public const int StatusNote = 2_000;
}
