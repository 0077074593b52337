using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

/// <summary>The part of a customer that changes rarely (a few hundred bytes): journaled whole whenever any of it changes.</summary>
[GenerateSerializer, Immutable, Alias("rg.CustomerProfileRecord")]
public sealed record CustomerProfileRecord
{
    public static readonly CustomerProfileRecord Empty = new();

    /// <summary>When the customer was first seen; null until the first change.</summary>
    [Id(0)] public DateTimeOffset? CreatedAt { get; init; }
    [Id(1)] public string? DisplayName { get; init; }
    [Id(2)] public IReadOnlyList<ContactPoint> ContactPoints { get; init; } = [];
    [Id(3)] public string? Language { get; init; }
    [Id(4)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(5)] public IReadOnlyDictionary<string, double> Values { get; init; } = new Dictionary<string, double>();

    /// <summary>Entries per archive page, fixed at the first archiving (0 until then).</summary>
    [Id(6)] public int ArchivePageSize { get; init; }

    /// <summary>The last erasure, kept (with no personal data) so asking again is answered the same way.</summary>
    [Id(7)] public ErasureReceipt? Erasure { get; init; }

    /// <summary>Archive pages an erasure still has to delete (0 to this number minus one); finished on the next activation if cut short.</summary>
    [Id(8)] public long ArchivePagesToErase { get; init; }

    /// <summary>The value chains this customer owns.</summary>
    [Id(9)] public IReadOnlyList<string> ValueChains { get; init; } = [];

    /// <summary>Every community the customer joined, posted in, proposed to or asked for an idea in.</summary>
    [Id(10)] public IReadOnlyList<string> Communities { get; init; } = [];

    /// <summary>Communities an erasure has yet to pseudonymise the customer in; a retried erasure resumes here.</summary>
    [Id(11)] public IReadOnlyList<string> CommunitiesToErase { get; init; } = [];

    /// <summary>The last change that appended no timeline entry (values, an erasure); the timeline dates the others.</summary>
    [Id(12)] public DateTimeOffset? ChangedAt { get; init; }

    /// <summary>
    /// The erasure's steps after its own write (archive, directory card, chains, communities, logs, webhook queues)
    /// are not all done yet: its reminder or the customer's next change finishes them.
    /// </summary>
    [Id(13)] public bool ErasureUnfinished { get; init; }

    /// <summary>
    /// Partners whose consent was revoked or expired and is gone from the grants: they may keep what they read under
    /// it, so an erasure tells them too. Ids only, each once.
    /// </summary>
    [Id(14)] public IReadOnlyList<string> FormerlyConsented { get; init; } = [];
}
