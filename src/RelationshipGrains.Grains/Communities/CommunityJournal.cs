using Orleans.Journaling;
using RelationshipGrains.Communities;
using RelationshipGrains.Ideas;

namespace RelationshipGrains.Grains.Communities;

/// <summary>
/// Everything a community grain persists, as durable collections: a post journals one post, a feed event one event,
/// never the posts before it. Values are immutable: assign a new one, since a change inside a stored object is
/// never journaled.
/// </summary>
public sealed class CommunityJournal(IDurableStateManager manager)
{
    private readonly IDurableValue<string?> _name = manager.GetOrAddValue<string?>("name");
    private readonly IDurableValue<List<string>?> _topics = manager.GetOrAddValue<List<string>?>("topics");
    private readonly IDurableValue<CommunitySettings?> _settings = manager.GetOrAddValue<CommunitySettings?>("settings");
    private readonly IDurableValue<List<IdeaRule>?> _rules = manager.GetOrAddValue<List<IdeaRule>?>("rules");
    private readonly IDurableValue<long> _lastEvent = manager.GetOrAddValue<long>("last-event");
    private readonly IDurableValue<long> _rounds = manager.GetOrAddValue<long>("rounds");
    private readonly IDurableValue<RoundReport?> _lastRound = manager.GetOrAddValue<RoundReport?>("last-round");
    private readonly IDurableValue<int> _postPages = manager.GetOrAddValue<int>("post-pages");

    /// <summary>Null until an operator configures the community.</summary>
    public string? Name { get => _name.Value; set => _name.Value = value; }
    public IReadOnlyList<string> Topics { get => _topics.Value ?? []; set => _topics.Value = [.. value]; }
    public CommunitySettings Settings { get => _settings.Value ?? new CommunitySettings(); set => _settings.Value = value; }
    public IReadOnlyList<IdeaRule> Rules { get => _rules.Value ?? []; set => _rules.Value = [.. value]; }
    public IDurableDictionary<string, Member> Members { get; } = manager.GetOrAddDictionary<string, Member>("members");

    /// <summary>The latest posts, oldest first; older ones are on archive pages (all of them, before archiving existed).</summary>
    public IDurableList<CommunityPost> Posts { get; } = manager.GetOrAddList<CommunityPost>("posts");

    /// <summary>Archive pages written; the next archived posts go to page number <see cref="PostPages"/>.</summary>
    public int PostPages { get => _postPages.Value; set => _postPages.Value = value; }

    /// <summary>The page of every archived post, by post id: a hide or a retry finds its post by it.</summary>
    public IDurableDictionary<string, int> ArchivedPosts { get; } = manager.GetOrAddDictionary<string, int>("archived-posts");

    /// <summary>
    /// The replies of every thread whose opening post is archived, by thread id: the archived post keeps the count it
    /// had then. A count of its own, so a reply journals a number, not the thread's list of pages.
    /// </summary>
    public IDurableDictionary<string, int> ArchivedReplies { get; } = manager.GetOrAddDictionary<string, int>("archived-replies");

    /// <summary>
    /// Which archive pages hold a thread's posts, one entry a page and thread (<see cref="PageKey"/>): a page archived
    /// journals its own entries, not again every page the thread was on before.
    /// </summary>
    public IDurableSet<string> ThreadPages { get; } = manager.GetOrAddSet<string>("thread-pages");

    /// <summary>
    /// Which archive pages hold an author's posts, one entry a page and author: an erasure reads those, not every page.
    /// An erased customer's entries move to their pseudonym, for an erasure that later removes the words it kept.
    /// </summary>
    public IDurableSet<string> AuthorPages { get; } = manager.GetOrAddSet<string>("author-pages");

    /// <summary>
    /// Hides of archived posts (post id to reason) that their pages may not have yet: written with the hide's event, and
    /// applied to the page as it is read until the page has been stored with them.
    /// </summary>
    public IDurableDictionary<string, string> HidesToStore { get; } = manager.GetOrAddDictionary<string, string>("hides-to-store");

    /// <summary>An entry of <see cref="ThreadPages"/> or <see cref="AuthorPages"/>; no id holds a '/'.</summary>
    public static string PageKey(int page, string id) => $"{page}/{id}";

    public static (int Page, string Id) ParsePageKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (int.Parse(key.AsSpan(0, slash), System.Globalization.CultureInfo.InvariantCulture), key[(slash + 1)..]);
    }

    public IDurableList<string> Ideas { get; } = manager.GetOrAddList<string>("ideas");

    /// <summary>The recent window of the live feed; sequences continue from <see cref="LastEvent"/>.</summary>
    public IDurableList<CommunityEvent> Feed { get; } = manager.GetOrAddList<CommunityEvent>("feed");
    public long LastEvent { get => _lastEvent.Value; set => _lastEvent.Value = value; }
    public long Rounds { get => _rounds.Value; set => _rounds.Value = value; }
    public RoundReport? LastRound { get => _lastRound.Value; set => _lastRound.Value = value; }

    /// <summary>Title and start of description of every live idea, from which the similarity index is rebuilt.</summary>
    public IDurableDictionary<string, string> IdeaTexts { get; } = manager.GetOrAddDictionary<string, string>("idea-texts");
    public IDurableDictionary<string, string> IdeaTitles { get; } = manager.GetOrAddDictionary<string, string>("idea-titles");
}
