using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Ideas;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Ideas;

public sealed partial class IdeaGrain
{
    /// <summary>What stays of an erased customer's evidence: that someone asked, not what they said.</summary>
    public const string ErasedExcerpt = "(erased at the customer's request)";

    /// <summary>What stays of a post or comment an erased customer wrote, unless the operator kept the texts.</summary>
    public const string RemovedText = "[removed]";

    public async Task EraseCustomerAsync(string customerId, string pseudonym, bool keepTexts = false)
    {
        Check.Id(customerId, "customerId");
        Check.Id(pseudonym, "pseudonym");
        if (State.Community is null)
        {
            return;
        }

        // Decided before the proposer and the evidence are re-keyed below.
        var wordsTheirs = WordsAreTheirs(State.ProposerId, State.Evidence, customerId, pseudonym);
        var changed = false;
        // Events still waiting for the broker name the customer (proposer, askers) and quote the idea: they go out under
        // the pseudonym, without the customer among the askers (later events leave them out, as they ask no more), and
        // without the customer's words.
        List<EventChange> inEvents = [EventChange.Exactly("proposerId", customerId, pseudonym), EventChange.Exactly("askingCustomerIds", customerId, null)];
        if (!keepTexts && wordsTheirs)
        {
            inEvents.AddRange([EventChange.Whatever("title", RemovedText), EventChange.Whatever("description", null)]);
        }

        changed |= Outbox.Rewrite(m => m.Replacing(inEvents));

        if (!keepTexts && wordsTheirs && (State.Title != RemovedText || State.Description is not null))
        {
            State.Title = RemovedText;
            State.Description = null;
            changed = true;
        }

        if (State.ProposerId == customerId)
        {
            State.ProposerId = pseudonym;
            changed = true;
        }

        changed |= Rekey(State.Votes, customerId, pseudonym);
        changed |= Rekey(State.FinalBallot, customerId, pseudonym);
        _counts = null;
        for (var i = 0; i < State.Comments.Count; i++)
        {
            var comment = State.Comments[i];
            if (comment.AuthorId == customerId || (comment.AuthorId == pseudonym && !keepTexts && comment.Text != RemovedText))
            {
                State.Comments[i] = comment with { AuthorId = pseudonym, Text = keepTexts ? comment.Text : RemovedText };
                changed = true;
            }
        }

        for (var i = 0; i < State.Evidence.Count; i++)
        {
            var evidence = State.Evidence[i];
            if (evidence.CustomerId == customerId || evidence.AskerKey == customerId)
            {
                // The asker still counts once in fitness; nobody is told of the idea's progress any more.
                State.Evidence[i] = evidence with
                {
                    AskerKey = pseudonym,
                    CustomerId = null,
                    // customers/{id}/timeline/{sequence}: the id's segment only (id "1" must not touch the sequence).
                    Reference = evidence.Reference.StartsWith($"customers/{customerId}/", StringComparison.Ordinal)
                        ? $"customers/{pseudonym}/{evidence.Reference[$"customers/{customerId}/".Length..]}"
                        : evidence.Reference,
                    Excerpt = ErasedExcerpt,
                };
                changed = true;
            }
        }

        // A decision's reason names who made it ("Off-topic (ann)", "merged by ann"): a moderator or staff member erased
        // keeps the decisions, under the pseudonym.
        for (var i = 0; i < State.Decisions.Count; i++)
        {
            var decision = State.Decisions[i];
            if (IdsInText.Mentions(decision.Reason, customerId))
            {
                State.Decisions[i] = decision with { Reason = IdsInText.Replace(decision.Reason, customerId, pseudonym) };
                changed = true;
            }
        }

        if (changed)
        {
            // The next write rewrites the journal as a snapshot, so what the customer wrote is gone from storage too.
            compactions.Request(this.GetGrainId());
            await journal.WriteOrRetireAsync(this, Outbox);
        }
    }

    public async Task RemoveQuotedTitlesAsync(IReadOnlyList<string> titles)
    {
        ArgumentNullException.ThrowIfNull(titles);
        var changed = false;
        for (var i = 0; i < State.Decisions.Count; i++)
        {
            var decision = State.Decisions[i];
            var reason = QuotedTitles.Replace(decision.Reason, titles, RemovedText);
            if (!ReferenceEquals(reason, decision.Reason))
            {
                State.Decisions[i] = decision with { Reason = reason };
                changed = true;
            }
        }

        if (changed)
        {
            compactions.Request(this.GetGrainId());
            await journal.WriteOrRetireAsync(this, Outbox);
        }
    }

    /// <summary>
    /// Whether an idea's title and description are the customer's words: they proposed it, or staff made it from their
    /// message (its origin evidence). After a first erasure both answer to the pseudonym, so a resumed one still knows.
    /// </summary>
    public static bool WordsAreTheirs(string proposerId, IEnumerable<IdeaEvidence> evidence, string customerId, string pseudonym) =>
        proposerId == customerId || proposerId == pseudonym
        || evidence.Any(e => e.Origin && (e.CustomerId == customerId || e.AskerKey == customerId || e.AskerKey == pseudonym));

    private static bool Rekey<T>(IDictionary<string, T> byCustomer, string customerId, string pseudonym)
    {
        if (!byCustomer.TryGetValue(customerId, out var value))
        {
            return false;
        }

        byCustomer.Remove(customerId);
        byCustomer[pseudonym] = value;
        return true;
    }
}
