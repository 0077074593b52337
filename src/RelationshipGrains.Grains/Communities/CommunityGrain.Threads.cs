using System.Globalization;
using System.Runtime.CompilerServices;
using RelationshipGrains.Communities;
using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Communities;

public sealed partial class CommunityGrain
{
    /// <summary>
    /// Where each recent post sits in the list, built on first use: posts are only appended, replaced in place or
    /// archived from the front. Found by reading every post instead, a post cost twice as much at 7,900 posts as at 10.
    /// A position is stored plus <see cref="_postsArchivedSinceIndexed"/> at the time, so archiving a page removes its
    /// posts' ids instead of rebuilding the index.
    /// </summary>
    private Dictionary<string, int>? _postIndex;
    private int _postsArchivedSinceIndexed;

    private int IndexOfPost(string postId)
    {
        if (_postIndex is null)
        {
            _postIndex = new Dictionary<string, int>(State.Posts.Count, StringComparer.Ordinal);
            _postsArchivedSinceIndexed = 0;
            for (var i = 0; i < State.Posts.Count; i++)
            {
                _postIndex[State.Posts[i].PostId] = i;
            }
        }

        return _postIndex.TryGetValue(postId, out var index) ? index - _postsArchivedSinceIndexed : -1;
    }

    public async Task<CommunityPost> PostAsync(string customerId, PostRequest post)
    {
        RequireMember(customerId);
        ArgumentNullException.ThrowIfNull(post);
        post.Validate();
        if ((await FindPostAsync(post.PostId)).Post is { } earlier)
        {
            // A retry is the same post in the same place: the id replayed into another thread is another post.
            return earlier.AuthorId == customerId && earlier.Text == post.Text && earlier.ThreadId == (post.ThreadId ?? post.PostId)
                ? Present(earlier)
                : throw new RelationshipConflictException($"Post id '{post.PostId}' was already used for another post.");
        }

        var threadId = post.ThreadId ?? post.PostId;
        if (post.ThreadId is not null)
        {
            var root = IndexOfPost(post.ThreadId);
            var recent = root >= 0 && State.Posts[root].ThreadId == post.ThreadId;
            var replies = recent ? State.Posts[root].Replies
                : State.ArchivedReplies.TryGetValue(post.ThreadId, out var archived) ? archived
                : throw new RelationshipNotFoundException($"Thread '{post.ThreadId}' does not exist.");
            if (replies + 1 >= _options.MaxThreadPosts)
            {
                throw new RelationshipConflictException(string.Create(CultureInfo.InvariantCulture,
                    $"Thread '{post.ThreadId}' holds {_options.MaxThreadPosts:N0} posts, as many as a thread may; start a new thread."));
            }

            if (recent)
            {
                State.Posts[root] = State.Posts[root] with { Replies = replies + 1 };
            }
            else
            {
                State.ArchivedReplies[post.ThreadId] = replies + 1;
            }
        }

        var created = new CommunityPost(post.PostId, threadId, customerId, post.Title, post.Text, time.GetUtcNow());
        State.Posts.Add(created);
        _postIndex![created.PostId] = State.Posts.Count - 1 + _postsArchivedSinceIndexed;
        AddEvent(CommunityEventKind.Posted, post.ThreadId is null ? $"{customerId} started '{post.Title}'." : $"{customerId} replied.", threadId, customerId);
        await SaveAsync();
        TellCustomer(customerId, $"post/{post.PostId}",
            post.ThreadId is null ? $"Started the thread '{post.Title}' in '{State.Name}'." : $"Replied in a thread of '{State.Name}'.", threadId);
        await ArchivePostsIfFullAsync();
        await StoreHidesAsync();
        return created;
    }

    public async Task<CommunityPost> HidePostAsync(string actorId, string postId, string reason)
    {
        RequireRole(actorId, CommunityRole.Moderator, CommunityRole.Staff);
        Check.Text(reason, "reason", Limits.StatusNote);
        var (post, pageNumber) = await FindPostAsync(postId ?? "");
        if (post is null)
        {
            throw new RelationshipNotFoundException($"Post '{postId}' does not exist.");
        }

        if (!post.Hidden)
        {
            post = post with { Hidden = true, HiddenReason = reason };
            if (pageNumber < 0)
            {
                State.Posts[IndexOfPost(post.PostId)] = post;
                AddEvent(CommunityEventKind.PostHidden, $"A post was hidden by {actorId}: {reason}", post.PostId, actorId);
                await SaveAsync();
            }
            else
            {
                // Written with its event, then stored on the page: until the page has it, reading the page applies it,
                // so a page that could not be stored neither fails an acknowledged hide nor shows the post again.
                AddEvent(CommunityEventKind.PostHidden, $"A post was hidden by {actorId}: {reason}", post.PostId, actorId);
                State.HidesToStore[post.PostId] = reason;
                await SaveAsync();
                await StoreHidesAsync();
            }
        }

        return Present(post);
    }

    public async Task<IReadOnlyList<CommunityPost>> ListThreadsAsync(string? beforeThreadId, int limit)
    {
        RequireConfigured();
        if (limit is < 1 or > Limits.MaxPageSize)
        {
            throw new RelationshipValidationException("limit", $"limit must be between 1 and {Limits.MaxPageSize}.");
        }

        // Newest first: the recent posts, then archive pages holding opening posts, from the latest down.
        var recent = State.Posts.Where(p => p.PostId == p.ThreadId).Reverse();
        var pageNumber = State.PostPages - 1;
        string? skipOnPage = null;
        if (beforeThreadId is not null)
        {
            if (IndexOfPost(beforeThreadId) is var index and >= 0 && State.Posts[index].ThreadId == beforeThreadId)
            {
                recent = recent.SkipWhile(p => p.PostId != beforeThreadId).Skip(1);
            }
            else if (State.ArchivedReplies.ContainsKey(beforeThreadId) && ThreadPageIndex.TryGetValue(beforeThreadId, out var pages))
            {
                // An archived thread's opening post is on the first of its pages.
                (recent, pageNumber, skipOnPage) = ([], pages[0], beforeThreadId);
            }
            else
            {
                // A cursor that is no thread lists nothing, rather than starting again from the newest.
                return [];
            }
        }

        List<CommunityPost> threads = [.. recent.Take(limit)];
        if (threads.Count < limit && pageNumber >= 0)
        {
            foreach (var batch in OpenerPages.GetViewBetween(0, pageNumber).Reverse().Chunk(PageReadsAtOnce))
            {
                foreach (var page in await Task.WhenAll(batch.Select(ReadPostPageAsync)))
                {
                    var roots = page.Where(p => p.PostId == p.ThreadId).Reverse();
                    if (skipOnPage is { } cursor)
                    {
                        // The cursor's own copy: the query runs after skipOnPage is cleared, and with it would skip the whole page.
                        roots = roots.SkipWhile(p => p.PostId != cursor).Skip(1);
                        skipOnPage = null;
                    }

                    threads.AddRange(roots.Take(limit - threads.Count));
                }

                if (threads.Count == limit)
                {
                    break;
                }
            }
        }

        return [.. threads.Select(Present)];
    }

    public async Task<IReadOnlyList<CommunityPost>> GetThreadAsync(string threadId, string? afterPostId, int limit)
    {
        RequireConfigured();
        if (limit is < 1 or > Limits.MaxPageSize)
        {
            throw new RelationshipValidationException("limit", $"limit must be between 1 and {Limits.MaxPageSize}.");
        }

        var pages = threadId is not null && ThreadPageIndex.TryGetValue(threadId, out var held) ? held : [];
        var recent = State.Posts.Where(p => p.ThreadId == threadId);
        if (pages.Count == 0 && !recent.Any())
        {
            throw new RelationshipNotFoundException($"Thread '{threadId}' does not exist.");
        }

        // Where the page starts: after a recent post, or on the archive page of an archived one.
        var first = 0;
        string? skipThrough = null;
        if (afterPostId is not null)
        {
            if (IndexOfPost(afterPostId) is var index and >= 0)
            {
                if (State.Posts[index].ThreadId != threadId)
                {
                    return [];
                }

                (first, recent) = (pages.Count, recent.SkipWhile(p => p.PostId != afterPostId).Skip(1));
            }
            else if (State.ArchivedPosts.TryGetValue(afterPostId, out var number) && pages.IndexOf(number) is var at and >= 0)
            {
                (first, skipThrough) = (at, afterPostId);
            }
            else
            {
                // A cursor that is not in the thread reads nothing, rather than starting again from the first post.
                return [];
            }
        }

        List<CommunityPost> posts = [];
        // One page first, then twice as many each time: a page may hold a hundred of the thread's posts or one. Each
        // holds at least one, so past the cursor's page no more pages are read than posts are still wanted.
        for (var reads = 1; first < pages.Count && posts.Count < limit; reads = Math.Min(reads * 2, PageReadsAtOnce))
        {
            var batch = pages.GetRange(first, Math.Min(Math.Min(reads, limit - posts.Count), pages.Count - first));
            first += batch.Count;
            foreach (var page in await Task.WhenAll(batch.Select(ReadPostPageAsync)))
            {
                var theirs = page.Where(p => p.ThreadId == threadId);
                if (skipThrough is { } cursor)
                {
                    if (!theirs.Any(p => p.PostId == cursor))
                    {
                        // Archived on a page of this thread, but a post of another.
                        return [];
                    }

                    // The cursor's own copy, as in ListThreadsAsync.
                    theirs = theirs.SkipWhile(p => p.PostId != cursor).Skip(1);
                    skipThrough = null;
                }

                posts.AddRange(theirs.Take(limit - posts.Count));
            }
        }

        posts.AddRange(recent.Take(limit - posts.Count));
        return [.. posts.Select(Present)];
    }

    public async Task<IReadOnlyList<CommunityPost>> GetThreadAsync(string threadId)
    {
        List<CommunityPost> posts = [];
        for (string? after = null; ;)
        {
            var page = await GetThreadAsync(threadId, after, Limits.MaxPageSize);
            posts.AddRange(page);
            if (page.Count < Limits.MaxPageSize)
            {
                return posts;
            }

            after = page[^1].PostId;
        }
    }

    public async IAsyncEnumerable<CommunityEvent> WatchAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RequireConfigured();
        if (afterSequence < 0)
        {
            throw new RelationshipValidationException("afterSequence", "afterSequence must be 0 or more.");
        }

        if (afterSequence > _durableLastEvent)
        {
            // Only a made-up number gets here (the feed never starts again): waiting for it would wait for good, and
            // long.MaxValue + 1 would wrap round and replay the whole feed.
            throw FeedResumeErrors.PastLatestEvent("afterSequence", afterSequence, _durableLastEvent);
        }

        var next = afterSequence + 1;
        metrics.LiveSubscribers.Add(1);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var changed = _signal.Next;
                // Events older than the window are gone; a subscriber that far behind resumes at the oldest kept.
                foreach (var e in State.Feed.Where(e => e.Sequence >= next && e.Sequence <= _durableLastEvent).ToList())
                {
                    yield return e;
                    next = e.Sequence + 1;
                }

                await changed.WaitAsync(cancellationToken)
                    .ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            metrics.LiveSubscribers.Add(-1);
        }
    }

    /// <summary>A hidden post keeps its place in the thread, without its words.</summary>
    private static CommunityPost Shown(CommunityPost post) => post.Hidden ? post with { Text = "", Title = post.Title is null ? null : "" } : post;
}
