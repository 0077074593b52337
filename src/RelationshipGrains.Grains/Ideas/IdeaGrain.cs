using Microsoft.Extensions.Logging;
using Orleans.Journaling;
using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Ideas;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Naming;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Ideas;

/// <summary>
/// One idea. Votes and comments come straight here and are checked against the community's membership (a read
/// the community answers even while it is busy, so a selection round and a vote never wait on each other).
/// </summary>
public sealed partial class IdeaGrain(
    IDurableStateManager journal,
    ForcedCompactions compactions,
    TimeProvider time,
    Outboxes outboxes,
    ILogger<IdeaGrain> logger) : Grain, IIdeaGrain, IIdeaLifecycleGrain, IRemindable, IGrainMigrationParticipant
{
    private readonly TimelineNotices _notices = new();

    public const int MaxComments = 2_000;
    public const int MaxEvidence = 5_000;

    private GrainOutbox? _outbox;
    private VoteCounts? _counts;

    private IdeaJournal State { get; } = new(journal);

    private GrainOutbox Outbox => _outbox ??= outboxes.For(this, static grain => ((IdeaGrain)grain).State.Outbox);

    private string IdeaId => Check.Id(this.GetPrimaryKeyString(), "ideaId");

    public async Task<IdeaView> CreateAsync(string community, string proposerId, ProposeIdea proposal, IReadOnlyList<string> lineage)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        proposal.Validate();
        if (State.Community is not null)
        {
            // A retry is the same idea in every part: by title alone, a proposal sent again with another description
            // answered the old one as created, and a fork named after an idea of the member's own made it a fork.
            return State.Community == community && State.ProposerId == proposerId && State.Title == proposal.Title
                && State.Description == proposal.Description && State.Lineage.SequenceEqual(lineage)
                && SameAttributes(State.Attributes, proposal.Attributes ?? IdeaAttributes.None)
                ? View()
                : throw new RelationshipConflictException($"Idea id '{IdeaId}' is already taken.");
        }

        State.Community = community;
        State.ProposerId = proposerId;
        State.Title = proposal.Title;
        State.Description = proposal.Description;
        State.Attributes = proposal.Attributes ?? IdeaAttributes.None;
        State.ProposedAt = time.GetUtcNow();
        State.Lineage.AddRange(lineage);
        Outbox.Add(new IdeaStatusChanged(IdeaId, community, proposal.Title, Kebab.Of(IdeaStatus.Proposed), [], State.ProposedAt), State.ProposedAt);
        await journal.WriteOrRetireAsync(this, Outbox);
        return View();
    }

    private static bool SameAttributes(IdeaAttributes? stored, IdeaAttributes given) =>
        SameEntries(stored?.Numbers, given.Numbers, (a, b) => a.Equals(b))
        && SameEntries(stored?.Texts, given.Texts, (a, b) => a.SequenceEqual(b, StringComparer.Ordinal));

    private static bool SameEntries<T>(IReadOnlyDictionary<string, T>? a, IReadOnlyDictionary<string, T>? b, Func<T, T, bool> same) =>
        (a?.Count ?? 0) == (b?.Count ?? 0)
        && (a is null || a.All(e => b!.TryGetValue(e.Key, out var other) && same(e.Value, other)));

    public Task<IdeaView?> GetAsync() => Task.FromResult(State.Community is null ? null : View());

    public async Task<IdeaView> VoteAsync(string customerId, int value)
    {
        Check.Id(customerId, "customerId");
        if (value is not (1 or -1))
        {
            throw new RelationshipValidationException("value", "value must be 1 (support) or -1 (oppose).");
        }

        RequireExists();
        RequireOpen();
        var member = await GrainFactory.GetGrain<ICommunityStewardshipGrain>(State.Community!).AdmitVoteAsync(customerId);
        var now = time.GetUtcNow();
        var counts = Counts;
        var vote = new IdeaVote(value, member.Role == CommunityRole.Expert, now);
        counts.Replace(State.Votes.TryGetValue(customerId, out var previous) ? previous : null, vote);
        State.Votes[customerId] = vote;
        if (State.Status == IdeaStatus.Shortlisted)
        {
            counts.ReplaceBallot(State.FinalBallot.TryGetValue(customerId, out var before) ? before : 0, value);
            State.FinalBallot[customerId] = value;
        }

        await journal.WriteOrRetireAsync(this, Outbox);
        return View();
    }

    public async Task<IdeaComment> CommentAsync(string customerId, string commentId, string text)
    {
        Check.Id(customerId, "customerId");
        Check.RequestId(commentId, "commentId");
        Check.Text(text, "text", Limits.InteractionText);
        RequireExists();
        if (State.Comments.FirstOrDefault(c => c.CommentId == commentId) is { } earlier)
        {
            return earlier.AuthorId == customerId && earlier.Text == text
                ? earlier
                : throw new RelationshipConflictException($"Comment id '{commentId}' was already used for another comment.");
        }

        RequireOpen();
        await MemberAsync(customerId);
        if (State.Comments.Count >= MaxComments)
        {
            throw new RelationshipConflictException($"This idea has reached {MaxComments} comments; fork it to carry the conversation on.");
        }

        var comment = new IdeaComment(commentId, customerId, text, time.GetUtcNow());
        State.Comments.Add(comment);
        await journal.WriteOrRetireAsync(this, Outbox);
        _notices.Send(
            () => GrainFactory.GetGrain<ICustomerNoticesGrain>(customerId).RecordCommunityActivityAsync(
                new CommunityActivity($"idea/{IdeaId}/comment/{commentId}", State.Community!, $"Commented on an idea in '{State.Community}'.", IdeaId)),
            e => LogAskerNotTold(logger, e, customerId, IdeaId));
        return comment;
    }

    public async Task<IdeaView> AddEvidenceAsync(IdeaEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        RequireExists();
        if (State.Evidence.Any(e => e.AskerKey == evidence.AskerKey && e.Reference == evidence.Reference))
        {
            return View();
        }

        if (State.Evidence.Count >= MaxEvidence)
        {
            throw new RelationshipConflictException($"This idea already holds {MaxEvidence} pieces of evidence.");
        }

        State.Evidence.Add(evidence with { At = time.GetUtcNow() });
        await journal.WriteOrRetireAsync(this, Outbox);
        if (evidence.CustomerId is { } customerId)
        {
            var text = evidence.Origin
                ? $"Your request became an idea in '{State.Community}'."
                : $"Your request was added to an idea in '{State.Community}'.";
            TellAsker(customerId, $"{IdeaId}/linked/{evidence.Reference}", text, Kebab.Of(State.Status));
        }

        return View();
    }

    public Task<IReadOnlyList<IdeaComment>> ListCommentsAsync()
    {
        RequireExists();
        return Task.FromResult<IReadOnlyList<IdeaComment>>([.. State.Comments]);
    }

    public Task<IReadOnlyDictionary<string, IdeaVote>> GetVotesAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, IdeaVote>>(new Dictionary<string, IdeaVote>(State.Votes));

    public async Task<IdeaView> AbsorbAsync(string duplicateIdeaId, IReadOnlyDictionary<string, IdeaVote> votes)
    {
        RequireExists();
        if (State.MergedFrom.Contains(duplicateIdeaId))
        {
            // A retry: answered as the first was, even once this idea has moved on.
            return View();
        }

        // Not refused once this idea has moved on: the community checked both were open before it closed the
        // duplicate as merged into this one, and a retry after a round moved this one must still give it the votes.

        foreach (var (member, vote) in votes)
        {
            // A member who voted on both keeps the vote cast here: nobody is counted twice.
            State.Votes.TryAdd(member, vote);
        }

        _counts = null;

        State.MergedFrom.Add(duplicateIdeaId);
        await journal.WriteOrRetireAsync(this, Outbox);
        return View();
    }

    public async Task NoteForkAsync(string childIdeaId)
    {
        RequireExists();
        if (!State.Forks.Contains(childIdeaId))
        {
            State.Forks.Add(childIdeaId);
            await journal.WriteOrRetireAsync(this, Outbox);
        }
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Outbox.OnActivate();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var dropped = await _notices.DrainAsync(cancellationToken);
        if (dropped > 0)
        {
            LogNoticesDropped(logger, dropped, IdeaId);
        }

        await Outbox.OnDeactivateAsync(reason, () => journal.WriteOrRetireAsync(this));
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == GrainOutbox.ReminderName ? Outbox.OnReminderAsync(() => journal.WriteOrRetireAsync(this, Outbox)) : Task.CompletedTask;

    public void OnDehydrate(IDehydrationContext dehydrationContext) => Outbox.Dehydrate(dehydrationContext);

    public void OnRehydrate(IRehydrationContext rehydrationContext) => Outbox.Rehydrate(rehydrationContext);

    public async Task<IdeaView> ChangeStatusAsync(IdeaStatus status, string reason, long? round, string? mergedInto = null, double? fitness = null)
    {
        RequireExists();
        if (State.Status == status)
        {
            return View();
        }

        if (!IdeaTransitions.Allowed(State.Status, status))
        {
            throw new RelationshipConflictException($"An idea that is {Kebab.Of(State.Status)} cannot become {Kebab.Of(status)}.");
        }

        Outbox.EnsureRoom(2);
        var now = time.GetUtcNow();
        var askers = State.Evidence.Select(e => e.CustomerId).OfType<string>().Distinct().ToList();
        State.Decisions.Add(new IdeaDecision(State.Status, status, reason, now, round));
        State.Status = status;
        State.MergedInto = mergedInto ?? State.MergedInto;
        if (status == IdeaStatus.Shortlisted)
        {
            State.FinalBallot.Clear();
            _counts = null;
        }

        Outbox.Add(new IdeaStatusChanged(IdeaId, State.Community!, State.Title, Kebab.Of(status), askers, now), now);
        if (status == IdeaStatus.Selected)
        {
            Outbox.Add(new IdeaSelected(IdeaId, State.Community!, State.Title, State.Description, State.ProposerId!,
                new Dictionary<string, double>(State.Attributes.Numbers ?? new Dictionary<string, double>()), fitness ?? 0, round ?? 0, now,
                new Dictionary<string, IReadOnlyList<string>>(State.Attributes.Texts ?? new Dictionary<string, IReadOnlyList<string>>())), now);
        }

        await journal.WriteOrRetireAsync(this, Outbox);
        TellAskers(askers, status);
        return View();
    }

    /// <summary>
    /// Customers who asked for the idea hear when it moves (the back office hears through the outbox). Notices to other
    /// customers never quote the idea's title: it may be a customer's words, which go when that customer is erased, and
    /// the notice names the idea by its id (the entry's subject), by which a reader looks the idea up as it is now.
    /// </summary>
    private void TellAskers(IReadOnlyList<string> askers, IdeaStatus status)
    {
        foreach (var customerId in askers)
        {
            TellAsker(customerId, $"{IdeaId}/{status}", $"An idea you asked for in '{State.Community}' is now {Kebab.Words(status)}.", Kebab.Of(status));
        }
    }

    private void TellAsker(string customerId, string updateId, string text, string status) =>
        _notices.Send(
            () => GrainFactory.GetGrain<ICustomerNoticesGrain>(customerId).RecordIdeaUpdateAsync(new IdeaUpdate(updateId, IdeaId, State.Community!, text, status)),
            e => LogAskerNotTold(logger, e, customerId, IdeaId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell customer {CustomerId} about idea {IdeaId}.")]
    private static partial void LogAskerNotTold(ILogger logger, Exception exception, string customerId, string ideaId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idea {IdeaId} deactivated with {Count} notices not yet sent to customers' timelines; they are dropped.")]
    private static partial void LogNoticesDropped(ILogger logger, int count, string ideaId);

    private async Task<Member> MemberAsync(string customerId) =>
        await GrainFactory.GetGrain<ICommunityGrain>(State.Community!).GetMemberAsync(customerId)
            ?? throw new RelationshipValidationException("customerId", $"Only members of the community '{State.Community}' may do this.");

    private void RequireExists()
    {
        if (State.Community is null)
        {
            throw new RelationshipNotFoundException($"Idea '{IdeaId}' does not exist.");
        }
    }

    private void RequireOpen()
    {
        if (!IdeaTransitions.IsOpen(State.Status))
        {
            throw new RelationshipConflictException($"The idea is {Kebab.Of(State.Status)}; it no longer takes votes or comments.");
        }
    }

    /// <summary>Counted from the votes on first use; a vote updates it, any other change to votes drops it.</summary>
    private VoteCounts Counts => _counts ??= VoteCounts.Of(State.Votes.Values, State.FinalBallot.Values);

    private IdeaView View()
    {
        var counts = Counts;
        var tally = new IdeaTally(counts.Support, counts.ExpertSupport, counts.Oppose, counts.ExpertOppose,
            State.Comments.Count, counts.FinalBallot, State.Evidence.Select(e => e.AskerKey).Distinct().Count());
        return new IdeaView(IdeaId, State.Community!, State.ProposerId, State.Title, State.Description, State.Attributes, State.Status,
            State.ProposedAt, [.. State.Lineage], [.. State.Forks], State.MergedInto, [.. State.MergedFrom], tally, [.. State.Decisions],
            [.. State.Evidence]);
    }
}
