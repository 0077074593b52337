using RelationshipGrains.Communities;
using RelationshipGrains.Grains.Ideas;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Ideas;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Communities;

public sealed partial class CommunityGrain
{
    public async Task EraseCustomerAsync(string customerId, string pseudonym, bool keepTexts = false)
    {
        Check.Id(customerId, "customerId");
        Check.Id(pseudonym, "pseudonym");

        // The titles of ideas whose words were the customer's, where others quoted them (decisions, the feed), before
        // the ideas lose their own: an erasure cut short then still finds, from the ideas, every title left to remove.
        var titles = keepTexts ? [] : await TitlesToRemoveAsync(customerId, pseudonym);
        if (titles.Count > 0)
        {
            foreach (var ideaId in State.Ideas)
            {
                await Lifecycle(ideaId).RemoveQuotedTitlesAsync([.. titles.Values]);
            }
        }

        // The pages first; the journal is rewritten below whatever changes here, since records from before the posts
        // were archived hold their words.
        await ErasePostPagesAsync(customerId, pseudonym, keepTexts);
        State.Members.Remove(customerId);
        _votes.Remove(customerId);
        for (var i = 0; i < State.Posts.Count; i++)
        {
            if (ErasedPost(State.Posts[i], customerId, pseudonym, keepTexts) is { } erased)
            {
                State.Posts[i] = erased;
            }
        }

        for (var i = 0; i < State.Feed.Count; i++)
        {
            var e = State.Feed[i];
            if (e.ActorId == customerId || e.Subject == customerId || IdsInText.Mentions(e.Text, customerId)
                || !ReferenceEquals(QuotedTitles.Replace(e.Text, titles.Values, IdeaGrain.RemovedText), e.Text))
            {
                State.Feed[i] = e with
                {
                    ActorId = e.ActorId == customerId ? pseudonym : e.ActorId,
                    Subject = e.Subject == customerId ? pseudonym : e.Subject,
                    // A new thread's event quotes its title.
                    Text = !keepTexts && e.Kind == CommunityEventKind.Posted && e.ActorId == customerId
                        ? $"{pseudonym} posted."
                        // Titles first: one holding the customer's id as a word would no longer match its quote.
                        : IdsInText.Replace(QuotedTitles.Replace(e.Text, titles.Values, IdeaGrain.RemovedText), customerId, pseudonym),
                };
            }
        }

        foreach (var ideaId in titles.Keys)
        {
            State.IdeaTexts.Remove(ideaId);
            Similarity.Remove(ideaId);
            if (State.IdeaTitles.ContainsKey(ideaId))
            {
                State.IdeaTitles[ideaId] = IdeaGrain.RemovedText;
            }

        }

        // Rewritten whether or not anything the community holds now changed: earlier records may still name the customer
        // (a join before they left, feed events since trimmed), and the erasure visits only communities they were in.
        compactions.Request(this.GetGrainId());
        await SaveAsync();

        // Saved before the ideas pseudonymise the customer, so a retry still reads from them the titles this removed.
        foreach (var ideaId in State.Ideas)
        {
            await GrainFactory.GetGrain<IIdeaLifecycleGrain>(ideaId).EraseCustomerAsync(customerId, pseudonym, keepTexts);
        }
    }

    /// <summary>
    /// Rewrites the archive pages holding the customer's posts, and moves their index entry to the pseudonym; true if
    /// there were any. The page past the last is read too: an archive step whose trim was never written may have
    /// stored it with posts the community still holds, and those are not in the index that was written.
    /// </summary>
    private async Task<bool> ErasePostPagesAsync(string customerId, string pseudonym, bool keepTexts)
    {
        List<string> theirs = [.. State.AuthorPages.Where(k => k.EndsWith($"/{customerId}", StringComparison.Ordinal))];
        // Posts already under the pseudonym change only when an erasure that kept their words is followed by one that does not.
        List<string> kept = keepTexts ? [] : [.. State.AuthorPages.Where(k => k.EndsWith($"/{pseudonym}", StringComparison.Ordinal))];
        var pages = theirs.Concat(kept).Select(k => CommunityJournal.ParsePageKey(k).Page).Append(State.PostPages).Distinct();
        var rewritten = 0;
        foreach (var batch in pages.Chunk(PageReadsAtOnce))
        {
            await Task.WhenAll(batch.Select(async number =>
            {
                var page = await ReadPostPageAsync(number);
                List<CommunityPost> erased = [.. page.Select(p => ErasedPost(p, customerId, pseudonym, keepTexts) ?? p)];
                if (!erased.SequenceEqual(page))
                {
                    await PostPage(number).StoreAsync(erased);
                    Interlocked.Increment(ref rewritten);
                }
            }));
        }

        foreach (var key in theirs)
        {
            State.AuthorPages.Remove(key);
            State.AuthorPages.Add(CommunityJournal.PageKey(CommunityJournal.ParsePageKey(key).Page, pseudonym));
        }

        // Either way the journal is rewritten: records from before the posts were archived hold what the pages held.
        return theirs.Count > 0 || rewritten > 0;
    }

    /// <summary>
    /// The post under the pseudonym, without its words unless they are kept; null if it is not the customer's or is
    /// erased already. Replies by others stay as they are: only what this customer wrote loses its words.
    /// </summary>
    private static CommunityPost? ErasedPost(CommunityPost post, string customerId, string pseudonym, bool keepTexts) =>
        post.AuthorId == customerId || (post.AuthorId == pseudonym && !keepTexts && post.Text != IdeaGrain.RemovedText)
            ? keepTexts
                ? post with { AuthorId = pseudonym }
                : post with { AuthorId = pseudonym, Text = IdeaGrain.RemovedText, Title = post.Title is null ? null : IdeaGrain.RemovedText }
            : null;

    private async Task<Dictionary<string, string>> TitlesToRemoveAsync(string customerId, string pseudonym)
    {
        var ideas = await Task.WhenAll(State.Ideas.Select(id => Idea(id).GetAsync()));
        return ideas.OfType<IdeaView>()
            .Where(i => i.Title != IdeaGrain.RemovedText && IdeaGrain.WordsAreTheirs(i.ProposerId, i.Evidence ?? [], customerId, pseudonym))
            .ToDictionary(i => i.IdeaId, i => i.Title);
    }
}
