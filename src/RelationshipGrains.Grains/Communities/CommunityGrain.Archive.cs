using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using RelationshipGrains.Communities;

namespace RelationshipGrains.Grains.Communities;

public sealed partial class CommunityGrain
{
    private static readonly TimeSpan FirstArchivePause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestArchivePause = TimeSpan.FromMinutes(5);

    /// <summary>Archive pages read at once by a read or an erasure that spans many.</summary>
    private const int PageReadsAtOnce = 16;

    private DateTimeOffset _archiveRetryAt;
    private int _archiveFailures;

    /// <summary>
    /// Moves the oldest posts to an archive page once the community holds more than <see cref="CommunityOptions.RecentPosts"/>,
    /// as a customer's timeline does. The page is stored before its posts leave, and their leaving (with the indexes
    /// that find them) is written with the next change: a crash in between stores the same page again under the same
    /// number. One page a call, so at most one page past <see cref="CommunityJournal.PostPages"/> can hold posts the
    /// community still holds (which an erasure reads), and a backlog (a community from before archiving, or one whose
    /// archive storage was out) drains a page with each post instead of holding one call for all of it. The post that
    /// triggered it is already durable, so a failure is logged and tried again after a pause.
    /// </summary>
    private async Task ArchivePostsIfFullAsync()
    {
        var pageSize = _options.PostPageSize;
        if (State.Posts.Count <= _options.RecentPosts || time.GetUtcNow() < _archiveRetryAt)
        {
            return;
        }

        try
        {
            var number = State.PostPages;
            List<CommunityPost> page = [.. State.Posts.Take(pageSize)];
            await PostPage(number).StoreAsync(page);
            foreach (var post in page)
            {
                State.ArchivedPosts[post.PostId] = number;
                if (post.PostId == post.ThreadId)
                {
                    State.ArchivedReplies[post.ThreadId] = post.Replies;
                    _openerPages?.Add(number);
                }

                if (State.ThreadPages.Add(CommunityJournal.PageKey(number, post.ThreadId)) && _threadPages is not null)
                {
                    (CollectionsMarshal.GetValueRefOrAddDefault(_threadPages, post.ThreadId, out _) ??= []).Add(number);
                }

                State.AuthorPages.Add(CommunityJournal.PageKey(number, post.AuthorId));
            }

            for (var i = 0; i < page.Count; i++)
            {
                State.Posts.RemoveAt(0);
                _postIndex?.Remove(page[i].PostId);
            }

            _postsArchivedSinceIndexed += page.Count;
            State.PostPages = number + 1;
            _archiveFailures = 0;
        }
        catch (Exception e)
        {
            var pause = Backoff.Pause(FirstArchivePause, LongestArchivePause, _archiveFailures++);
            _archiveRetryAt = time.GetUtcNow() + pause;
            LogArchiveFailed(logger, e, Slug, pause);
        }
    }

    /// <summary>The archive pages holding each thread's posts, in order, built on first use from the journal's entries.</summary>
    private Dictionary<string, List<int>>? _threadPages;

    private Dictionary<string, List<int>> ThreadPageIndex
    {
        get
        {
            if (_threadPages is null)
            {
                _threadPages = new(StringComparer.Ordinal);
                foreach (var key in State.ThreadPages)
                {
                    var (page, threadId) = CommunityJournal.ParsePageKey(key);
                    (CollectionsMarshal.GetValueRefOrAddDefault(_threadPages, threadId, out _) ??= []).Add(page);
                }

                foreach (var pages in _threadPages.Values)
                {
                    pages.Sort();
                }
            }

            return _threadPages;
        }
    }

    /// <summary>
    /// The archive pages holding a thread's opening post, in order, built on first use: listing threads reads only
    /// these, not pages of replies alone.
    /// </summary>
    private SortedSet<int>? _openerPages;

    private SortedSet<int> OpenerPages => _openerPages ??=
        [.. State.ArchivedReplies.Keys.Select(t => ThreadPageIndex.TryGetValue(t, out var pages) ? pages[0] : -1).Where(n => n >= 0)];

    private ICommunityPostPageGrain PostPage(int number) => GrainFactory.GetGrain<ICommunityPostPageGrain>($"{Slug}/{number}");

    /// <summary>The post with this id as stored, recent or archived, and its page (-1 while recent); null if none.</summary>
    private async ValueTask<(CommunityPost? Post, int Page)> FindPostAsync(string postId)
    {
        if (IndexOfPost(postId) is var index and >= 0)
        {
            return (State.Posts[index], -1);
        }

        if (!State.ArchivedPosts.TryGetValue(postId, out var number))
        {
            return (null, -1);
        }

        var page = await ReadPostPageAsync(number);
        return (page.FirstOrDefault(p => p.PostId == postId)
            ?? throw new InvalidOperationException($"Archive page {number} of community {Slug} is missing post {postId}."), number);
    }

    private DateTimeOffset _hidesRetryAt;
    private int _hideFailures;

    /// <summary>An archive page as it is: as stored, with the hides it may not have yet.</summary>
    private async Task<IReadOnlyList<CommunityPost>> ReadPostPageAsync(int number)
    {
        var page = await PostPage(number).GetAsync();
        return State.HidesToStore.Count == 0 ? page : [.. page.Select(WithHideToStore)];
    }

    private CommunityPost WithHideToStore(CommunityPost post) =>
        !post.Hidden && State.HidesToStore.TryGetValue(post.PostId, out var reason) ? post with { Hidden = true, HiddenReason = reason } : post;

    /// <summary>
    /// Stores on their page the hides that may not be there yet, by the hide and then by each post until none are left;
    /// they leave <see cref="CommunityJournal.HidesToStore"/> with the next change (a page stored again is harmless).
    /// A failure is logged and tried again after a pause, as archiving is.
    /// </summary>
    private async Task StoreHidesAsync()
    {
        if (State.HidesToStore.Count == 0 || time.GetUtcNow() < _hidesRetryAt)
        {
            return;
        }

        try
        {
            // One page a call, as archiving does: a backlog of hides from an outage drains a page with each post.
            var onePage = State.HidesToStore.Keys.GroupBy(id => State.ArchivedPosts.TryGetValue(id, out var number) ? number : -1).First();
            var (pageNumber, hides) = (onePage.Key, onePage.ToList());
            if (pageNumber >= 0)
            {
                await PostPage(pageNumber).StoreAsync(await ReadPostPageAsync(pageNumber));
            }

            foreach (var postId in hides)
            {
                State.HidesToStore.Remove(postId);
            }

            _hideFailures = 0;
        }
        catch (Exception e)
        {
            var pause = Backoff.Pause(FirstArchivePause, LongestArchivePause, _hideFailures++);
            _hidesRetryAt = time.GetUtcNow() + pause;
            LogHidesNotStored(logger, e, Slug, pause);
        }
    }

    /// <summary>A post as readers see it: hidden, without its words; an archived opening post, with its replies now.</summary>
    private CommunityPost Present(CommunityPost post)
    {
        var shown = Shown(post);
        return post.PostId == post.ThreadId && State.ArchivedReplies.TryGetValue(post.PostId, out var replies)
            ? shown with { Replies = replies }
            : shown;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing hidden posts on the archive pages of community {Community} failed; they stay hidden and are stored again after {Pause}.")]
    private static partial void LogHidesNotStored(ILogger logger, Exception exception, string community, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archiving the posts of community {Community} failed; posts go on and archiving is tried again after {Pause}.")]
    private static partial void LogArchiveFailed(ILogger logger, Exception exception, string community, TimeSpan pause);
}
