using System.Runtime.CompilerServices;
using RelationshipGrains.Communities;
using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Communities;

public sealed partial class CommunityGrain
{
    /// <summary>Posts kept in the community's own state; a community past this many needs its threads archived (not built yet).</summary>
    public const int MaxPosts = 10_000;

    /// <summary>
    /// Where each post sits in the list, built on first use: posts are only ever appended or replaced in place. Found
    /// by reading every post instead, a post cost twice as much at 7,900 posts as at 10.
    /// </summary>
    private Dictionary<string, int>? _postIndex;

    private int IndexOfPost(string postId)
    {
        if (_postIndex is null)
        {
            _postIndex = new Dictionary<string, int>(State.Posts.Count, StringComparer.Ordinal);
            for (var i = 0; i < State.Posts.Count; i++)
            {
                _postIndex[State.Posts[i].PostId] = i;
            }
        }

        return _postIndex.TryGetValue(postId, out var index) ? index : -1;
    }

    public async Task<CommunityPost> PostAsync(string customerId, PostRequest post)
    {
        RequireMember(customerId);
        ArgumentNullException.ThrowIfNull(post);
        post.Validate();
        if (IndexOfPost(post.PostId) is var existing and >= 0)
        {
            // A retry is the same post in the same place: the id replayed into another thread is another post.
            var earlier = State.Posts[existing];
            return earlier.AuthorId == customerId && earlier.Text == post.Text && earlier.ThreadId == (post.ThreadId ?? post.PostId)
                ? earlier
                : throw new RelationshipConflictException($"Post id '{post.PostId}' was already used for another post.");
        }

        if (State.Posts.Count >= MaxPosts)
        {
            throw new RelationshipConflictException($"The community holds {MaxPosts} posts, its current limit.");
        }

        var threadId = post.ThreadId ?? post.PostId;
        if (post.ThreadId is not null)
        {
            var root = IndexOfPost(post.ThreadId);
            if (root < 0 || State.Posts[root].ThreadId != post.ThreadId)
            {
                throw new RelationshipNotFoundException($"Thread '{post.ThreadId}' does not exist.");
            }

            State.Posts[root] = State.Posts[root] with { Replies = State.Posts[root].Replies + 1 };
        }

        var created = new CommunityPost(post.PostId, threadId, customerId, post.Title, post.Text, time.GetUtcNow());
        State.Posts.Add(created);
        _postIndex![created.PostId] = State.Posts.Count - 1;
        AddEvent(CommunityEventKind.Posted, post.ThreadId is null ? $"{customerId} started '{post.Title}'." : $"{customerId} replied.", threadId, customerId);
        await SaveAsync();
        TellCustomer(customerId, $"post/{post.PostId}",
            post.ThreadId is null ? $"Started the thread '{post.Title}' in '{State.Name}'." : $"Replied in a thread of '{State.Name}'.", threadId);
        return created;
    }

    public async Task<CommunityPost> HidePostAsync(string actorId, string postId, string reason)
    {
        RequireRole(actorId, CommunityRole.Moderator, CommunityRole.Staff);
        Check.Text(reason, "reason", Limits.StatusNote);
        var index = IndexOfPost(postId);
        if (index < 0)
        {
            throw new RelationshipNotFoundException($"Post '{postId}' does not exist.");
        }

        if (!State.Posts[index].Hidden)
        {
            State.Posts[index] = State.Posts[index] with { Hidden = true, HiddenReason = reason };
            AddEvent(CommunityEventKind.PostHidden, $"A post was hidden by {actorId}: {reason}", postId, actorId);
            await SaveAsync();
        }

        return Shown(State.Posts[index]);
    }

    public Task<IReadOnlyList<CommunityPost>> ListThreadsAsync(string? beforeThreadId, int limit)
    {
        RequireConfigured();
        if (limit is < 1 or > Limits.MaxPageSize)
        {
            throw new RelationshipValidationException("limit", $"limit must be between 1 and {Limits.MaxPageSize}.");
        }

        var roots = State.Posts.Where(p => p.PostId == p.ThreadId).Reverse();
        if (beforeThreadId is not null)
        {
            roots = roots.SkipWhile(p => p.PostId != beforeThreadId).Skip(1);
        }

        return Task.FromResult<IReadOnlyList<CommunityPost>>([.. roots.Take(limit).Select(Shown)]);
    }

    public Task<IReadOnlyList<CommunityPost>> GetThreadAsync(string threadId)
    {
        RequireConfigured();
        IReadOnlyList<CommunityPost> posts = [.. State.Posts.Where(p => p.ThreadId == threadId).Select(Shown)];
        return posts.Count > 0 ? Task.FromResult(posts) : throw new RelationshipNotFoundException($"Thread '{threadId}' does not exist.");
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
