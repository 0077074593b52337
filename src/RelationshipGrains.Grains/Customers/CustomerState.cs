using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Grains.Customers;

/// <summary>Everything a customer grain persists, written in one storage write per change.</summary>
[GenerateSerializer, Alias("rg.CustomerState")]
public sealed class CustomerState
{
    /// <summary>When the customer was first seen; null until the first change.</summary>
    [Id(0)] public DateTimeOffset? CreatedAt { get; set; }
    [Id(1)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(2)] public string? DisplayName { get; set; }
    [Id(3)] public List<ContactPoint> ContactPoints { get; set; } = [];
    [Id(4)] public string? Language { get; set; }
    [Id(5)] public List<string> Tags { get; set; } = [];

    /// <summary>The recent window of the timeline in sequence order; older entries are in archive pages.</summary>
    [Id(6)] public List<TimelineEntry> Timeline { get; set; } = [];
    [Id(7)] public long LastSequence { get; set; }

    /// <summary>Caller-supplied entry ids (interaction ids, status request ids) to the sequence they produced.</summary>
    [Id(8)] public Dictionary<string, long> EntryIds { get; set; } = [];
    [Id(9)] public Dictionary<string, Intent> Intents { get; set; } = [];
    [Id(10)] public Dictionary<string, ConsentGrant> Consents { get; set; } = [];
    [Id(11)] public Dictionary<string, double> Values { get; set; } = [];

    /// <summary>Entries per archive page, fixed at the first archiving (0 until then).</summary>
    [Id(12)] public int ArchivePageSize { get; set; }

    /// <summary>The value chains this customer owns.</summary>
    [Id(13)] public List<string> ValueChains { get; set; } = [];

    /// <summary>Partners' reads of this customer's data, oldest first, the latest <see cref="CustomerGrain.AccessLogSize"/> kept.</summary>
    [Id(14)] public List<PartnerAccess> AccessLog { get; set; } = [];

    /// <summary>Integration events written with the changes that caused them, until the broker accepts them.</summary>
    [Id(15)] public List<OutboxMessage> Outbox { get; set; } = [];

    /// <summary>The last erasure, kept (with no personal data) so asking again is answered the same way.</summary>
    [Id(16)] public ErasureReceipt? Erasure { get; set; }

    /// <summary>Archive pages an erasure still has to delete (0 to this number minus one); finished on the next activation if cut short.</summary>
    [Id(17)] public long ArchivePagesToErase { get; set; }

    /// <summary>Every community the customer joined, posted in, proposed to or asked for an idea in.</summary>
    [Id(18)] public List<string> Communities { get; set; } = [];

    /// <summary>Communities an erasure has yet to pseudonymise the customer in; a retried erasure resumes here.</summary>
    [Id(19)] public List<string> CommunitiesToErase { get; set; } = [];
}
