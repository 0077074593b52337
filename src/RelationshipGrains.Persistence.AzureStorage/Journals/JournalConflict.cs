using Azure;
using Orleans.Journaling;
using Orleans.Storage;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>What a journal storage throws when storage refused a write because another writer changed the journal.</summary>
internal static class JournalConflict
{
    public static InconsistentStateException Of(JournalId id, RequestFailedException e, ETag? known) =>
        new($"Journal '{id}' was changed by another writer ({e.ErrorCode ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}); this activation must reload it.",
            "unknown", known?.ToString() ?? "", e);
}
