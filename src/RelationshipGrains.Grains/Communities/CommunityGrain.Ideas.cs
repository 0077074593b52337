using RelationshipGrains.Communities;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Ideas;
using RelationshipGrains.Ideas;
using RelationshipGrains.Naming;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Communities;

public sealed partial class CommunityGrain
{
    public async Task<IdeaView> ProposeIdeaAsync(string customerId, ProposeIdea proposal)
    {
        RequireMember(customerId);
        ArgumentNullException.ThrowIfNull(proposal);
        proposal.Validate();
        var idea = await CreateListedAsync(proposal.IdeaId, () => Lifecycle(proposal.IdeaId).CreateAsync(Slug, customerId, proposal, []));
        // Timelines name an idea by its id, never its title: staff making an idea of a customer's message propose it
        // in the customer's words, which go when the customer is erased.
        await AddIdeaAsync(idea, $"{customerId} proposed '{idea.Title}'.", $"Proposed an idea in '{State.Name}'.");
        return idea;
    }

    public async Task<IdeaView> ForkIdeaAsync(string customerId, string parentIdeaId, ProposeIdea variant)
    {
        RequireMember(customerId);
        ArgumentNullException.ThrowIfNull(variant);
        variant.Validate();
        var parent = await OwnIdeaAsync(parentIdeaId);
        var child = await CreateListedAsync(variant.IdeaId,
            () => Lifecycle(variant.IdeaId).CreateAsync(Slug, customerId, variant, [.. parent.Lineage, parent.IdeaId]));
        await Lifecycle(parentIdeaId).NoteForkAsync(child.IdeaId);
        await AddIdeaAsync(child, $"{customerId} forked '{parent.Title}' into '{child.Title}'.", $"Forked an idea in '{State.Name}'.");
        return child;
    }

    public async Task<IdeaView> MergeIdeasAsync(string actorId, string duplicateIdeaId, string survivorIdeaId)
    {
        RequireRole(actorId, CommunityRole.Moderator, CommunityRole.Staff);
        if (duplicateIdeaId == survivorIdeaId)
        {
            throw new RelationshipValidationException("survivorIdeaId", "An idea cannot be merged into itself.");
        }

        var duplicate = await OwnIdeaAsync(duplicateIdeaId);
        var survivor = await OwnIdeaAsync(survivorIdeaId);
        var mergedAlready = duplicate.Status == IdeaStatus.Merged && duplicate.MergedInto == survivorIdeaId;
        if (mergedAlready && FeedToldOfLatestDecision(duplicate))
        {
            // A retry whose answer was lost. Short of the feed's event, the first call's last write failed, and the steps
            // below finish it: the survivor and the duplicate each take their part once.
            return survivor;
        }

        if (!mergedAlready && (!IdeaTransitions.IsOpen(duplicate.Status) || !IdeaTransitions.IsOpen(survivor.Status)))
        {
            throw new RelationshipConflictException("Only proposed or shortlisted ideas can be merged.");
        }

        // Closed first, so its votes are final when read: members vote on the idea itself, and a vote cast between a
        // read and the close never reached the survivor. A retry after the close reads the same votes, and the
        // survivor takes them once.
        var reason = $"A duplicate of '{survivor.Title}', merged by {actorId}.";
        var closed = await Lifecycle(duplicateIdeaId).ChangeStatusAsync(IdeaStatus.Merged, reason, round: null, mergedInto: survivorIdeaId);
        var votes = await Lifecycle(duplicateIdeaId).GetVotesAsync();
        var merged = await Lifecycle(survivorIdeaId).AbsorbAsync(duplicateIdeaId, votes);
        ForgetText(duplicateIdeaId);
        AddEvent(CommunityEventKind.IdeaDecided, $"'{duplicate.Title}' was merged into '{survivor.Title}'.", duplicateIdeaId, actorId, LatestDecisionAt(closed));
        await SaveAsync();
        return merged;
    }

    public async Task<IdeaView> DecideIdeaAsync(string actorId, string ideaId, IdeaStatus status, string reason)
    {
        var actor = RequireMember(actorId, "actorId");
        Check.Text(reason, "reason", Limits.StatusNote);
        var allowed = status switch
        {
            IdeaStatus.InDesign or IdeaStatus.Delivered => actor.Role == CommunityRole.Staff,
            IdeaStatus.Culled => actor.Role is CommunityRole.Moderator or CommunityRole.Staff,
            _ => throw new RelationshipValidationException("status",
                "Ideas are shortlisted and selected by selection rounds and merged with the merge request; people decide in-design, delivered and culled."),
        };
        if (!allowed)
        {
            throw new RelationshipValidationException("actorId", $"{actorId} ({Kebab.Of(actor.Role)}) may not move an idea to {Kebab.Of(status)}.");
        }

        var before = await OwnIdeaAsync(ideaId);
        var after = await Lifecycle(ideaId).ChangeStatusAsync(status, $"{reason} ({actorId})", round: null);
        if (before.Status == status && FeedToldOfLatestDecision(before))
        {
            // Already so, and the feed told of it: a retry whose answer was lost, which the idea also answered unchanged.
            // If the feed has no event since the idea's last decision, the first call's write failed after the idea's,
            // and this one tells it.
            return after;
        }

        if (status == IdeaStatus.Culled)
        {
            ForgetText(ideaId);
        }

        AddEvent(CommunityEventKind.IdeaDecided, $"'{before.Title}' is now {Kebab.Of(status)}: {reason}", ideaId, actorId, LatestDecisionAt(after));
        await SaveAsync();
        return after;
    }

    /// <summary>
    /// Whether the feed tells of the idea's latest decision: its event carries the decision's own date, so the two are
    /// compared on one clock (the idea's silo may be another). One that left the feed's window counts as untold.
    /// </summary>
    private bool FeedToldOfLatestDecision(IdeaView idea) => LatestDecisionAt(idea) is { } decided
        && State.Feed.Any(e => e.Kind == CommunityEventKind.IdeaDecided && e.Subject == idea.IdeaId && e.At >= decided);

    private static DateTimeOffset? LatestDecisionAt(IdeaView idea) => idea.Decisions.Count > 0 ? idea.Decisions[^1].At : null;

    public async Task<IReadOnlyList<RankedIdea>> RankIdeasAsync(bool includeClosed = false)
    {
        RequireConfigured();
        var now = time.GetUtcNow();
        var ideas = await Task.WhenAll(State.Ideas.Select(id => Idea(id).GetAsync()));
        return [.. ideas.OfType<IdeaView>()
            .Where(i => i.Community == Slug && (includeClosed || IdeaTransitions.IsOpen(i.Status)))
            .Select(i => Rank(i, now))
            .OrderByDescending(r => r.Fitness.Score)
            .ThenBy(r => r.Idea.IdeaId, StringComparer.Ordinal)];
    }

    public async Task<RankedIdea> GetIdeaAsync(string ideaId) => Rank(await OwnIdeaAsync(ideaId), time.GetUtcNow());

    private RankedIdea Rank(IdeaView idea, DateTimeOffset now)
    {
        var rules = IdeaRules.Evaluate(State.Rules, idea.Attributes);
        return new RankedIdea(idea, Fitness.Of(idea, rules, State.Settings, now), rules);
    }

    /// <summary>
    /// Lists the idea's id before the idea exists, then creates it. Created first, an idea whose community then failed
    /// to write was one nobody ranked or decided and the customer's erasure never reached, though members could vote
    /// on it. An id that turns out to be another community's idea is taken off the list again.
    /// </summary>
    private async Task<IdeaView> CreateListedAsync(string ideaId, Func<Task<IdeaView>> create)
    {
        var listedHere = !State.Ideas.Contains(ideaId);
        if (listedHere)
        {
            State.Ideas.Add(ideaId);
            await SaveAsync();
        }

        try
        {
            return await create();
        }
        catch (RelationshipConflictException) when (listedHere)
        {
            State.Ideas.Remove(ideaId);
            await SaveAsync();
            throw;
        }
    }

    private async Task AddIdeaAsync(IdeaView idea, string feedText, string timelineText)
    {
        // Announced once: a retry finds the title it recorded (the id is listed before the idea is made), or an idea
        // closed since, whose text a cull or merge took out of the index.
        if (State.IdeaTitles.ContainsKey(idea.IdeaId) || !IdeaTransitions.IsOpen(idea.Status))
        {
            return;
        }

        var text = $"{idea.Title} {idea.Description}";
        State.IdeaTexts[idea.IdeaId] = text.Length <= MaxIndexedText ? text : text[..MaxIndexedText];
        State.IdeaTitles[idea.IdeaId] = idea.Title;
        Similarity.Upsert(idea.IdeaId, State.IdeaTexts[idea.IdeaId]);
        AddEvent(CommunityEventKind.IdeaProposed, feedText, idea.IdeaId, idea.ProposerId);
        await SaveAsync();
        TellCustomer(idea.ProposerId, $"idea/{idea.IdeaId}", timelineText, idea.IdeaId);
    }

    private async Task<IdeaView> OwnIdeaAsync(string ideaId)
    {
        RequireConfigured();
        Check.Id(ideaId, "ideaId");
        return State.Ideas.Contains(ideaId) && await Idea(ideaId).GetAsync() is { } idea && idea.Community == Slug
            ? idea
            : throw new RelationshipNotFoundException($"Idea '{ideaId}' does not exist in '{Slug}'.");
    }

    public Task<IReadOnlyList<SimilarIdea>> SuggestSimilarAsync(string text, string? excludeIdeaId, int limit)
    {
        RequireConfigured();
        Check.Text(text, "text", Limits.InteractionText + ProposeIdea.TitleLength + 1);
        if (limit is < 1 or > ProposeIdea.MaxSimilar)
        {
            throw new RelationshipValidationException("limit", $"limit must be between 1 and {ProposeIdea.MaxSimilar}.");
        }

        IReadOnlyList<SimilarIdea> similar = [.. Similarity.Query(text, limit, excludeIdeaId)
            .Select(r => new SimilarIdea(r.Id, (State.IdeaTitles.TryGetValue(r.Id, out var title) ? title : r.Id), r.Score))];
        return Task.FromResult(similar);
    }

    /// <summary>Indexed text per idea; enough of a description to tell ideas apart.</summary>
    private const int MaxIndexedText = 2_000;

    private TextSimilarityIndex? _similarity;

    /// <summary>Built from state on first use after activation, then kept up to date idea by idea.</summary>
    private TextSimilarityIndex Similarity
    {
        get
        {
            if (_similarity is null)
            {
                _similarity = new TextSimilarityIndex();
                foreach (var (id, text) in State.IdeaTexts)
                {
                    _similarity.Upsert(id, text);
                }
            }

            return _similarity;
        }
    }

    private void ForgetText(string ideaId)
    {
        State.IdeaTexts.Remove(ideaId);
        State.IdeaTitles.Remove(ideaId);
        Similarity.Remove(ideaId);
    }

    private IIdeaGrain Idea(string ideaId) => GrainFactory.GetGrain<IIdeaGrain>(ideaId);

    private IIdeaLifecycleGrain Lifecycle(string ideaId) => GrainFactory.GetGrain<IIdeaLifecycleGrain>(ideaId);
}
