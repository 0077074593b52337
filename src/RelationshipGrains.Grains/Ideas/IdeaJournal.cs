using Orleans.Journaling;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Ideas;

namespace RelationshipGrains.Grains.Ideas;

/// <summary>
/// Everything an idea grain persists, as durable collections: a vote journals one vote, a comment one comment, never
/// the idea's whole history. Values are immutable: assign a new one, since a change inside a stored object is never journaled.
/// </summary>
public sealed class IdeaJournal(IDurableStateManager manager)
{
    private readonly IDurableValue<string?> _community = manager.GetOrAddValue<string?>("community");
    private readonly IDurableValue<string?> _proposerId = manager.GetOrAddValue<string?>("proposer");
    private readonly IDurableValue<string?> _title = manager.GetOrAddValue<string?>("title");
    private readonly IDurableValue<string?> _description = manager.GetOrAddValue<string?>("description");
    private readonly IDurableValue<IdeaAttributes?> _attributes = manager.GetOrAddValue<IdeaAttributes?>("attributes");
    private readonly IDurableValue<IdeaStatus> _status = manager.GetOrAddValue<IdeaStatus>("status");
    private readonly IDurableValue<DateTimeOffset> _proposedAt = manager.GetOrAddValue<DateTimeOffset>("proposed-at");
    private readonly IDurableValue<string?> _mergedInto = manager.GetOrAddValue<string?>("merged-into");

    /// <summary>Null until the idea is created.</summary>
    public string? Community { get => _community.Value; set => _community.Value = value; }
    public string ProposerId { get => _proposerId.Value ?? ""; set => _proposerId.Value = value; }
    public string Title { get => _title.Value ?? ""; set => _title.Value = value; }
    public string? Description { get => _description.Value; set => _description.Value = value; }
    public IdeaAttributes Attributes { get => _attributes.Value ?? IdeaAttributes.None; set => _attributes.Value = value; }
    public IdeaStatus Status { get => _status.Value; set => _status.Value = value; }
    public DateTimeOffset ProposedAt { get => _proposedAt.Value; set => _proposedAt.Value = value; }
    public string? MergedInto { get => _mergedInto.Value; set => _mergedInto.Value = value; }

    public IDurableList<string> Lineage { get; } = manager.GetOrAddList<string>("lineage");
    public IDurableList<string> Forks { get; } = manager.GetOrAddList<string>("forks");
    public IDurableList<string> MergedFrom { get; } = manager.GetOrAddList<string>("merged-from");
    public IDurableDictionary<string, IdeaVote> Votes { get; } = manager.GetOrAddDictionary<string, IdeaVote>("votes");

    /// <summary>Votes cast while shortlisted: the members' final say before selection.</summary>
    public IDurableDictionary<string, int> FinalBallot { get; } = manager.GetOrAddDictionary<string, int>("final-ballot");
    public IDurableList<IdeaComment> Comments { get; } = manager.GetOrAddList<IdeaComment>("comments");
    public IDurableList<IdeaDecision> Decisions { get; } = manager.GetOrAddList<IdeaDecision>("decisions");

    /// <summary>Who asked for the idea and where; counted once per asker in fitness, never as votes.</summary>
    public IDurableList<IdeaEvidence> Evidence { get; } = manager.GetOrAddList<IdeaEvidence>("evidence");

    /// <summary>Integration events journaled with the changes that caused them, until the broker accepts them.</summary>
    public IDurableList<OutboxMessage> Outbox { get; } = manager.GetOrAddList<OutboxMessage>("outbox");
}
