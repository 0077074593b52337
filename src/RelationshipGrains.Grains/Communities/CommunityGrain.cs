using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Journaling;
using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Diagnostics;
using RelationshipGrains.Grains.RateLimits;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Naming;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Communities;

/// <summary>
/// A community: configuration and members here; threads, ideas, selection rounds and the live feed beside it.
/// It calls idea and customer grains; ideas call back only <see cref="GetMemberAsync"/>, which interleaves.
/// </summary>
public sealed partial class CommunityGrain(
    IDurableStateManager journal,
    ForcedCompactions compactions,
    TimeProvider time,
    GrainMetrics metrics,
    IOptions<CommunityOptions> options,
    ILogger<CommunityGrain> logger) : Grain, ICommunityGrain, ICommunityStewardshipGrain, IRemindable
{
    private readonly TimelineNotices _notices = new();
    private readonly CommunityOptions _options = options.Value;

    public const string RoundReminder = "selection-round";
    public const int FeedWindow = 1_000;

    private TimelineSignal _signal;

    /// <summary>
    /// The last feed event known to be written; live feeds never run ahead of it. A call numbers its events before its
    /// write (a selection round before calling every idea), and a watcher that read them then saw events a failed write
    /// never kept, whose numbers the next activation gave to others: resuming after one, it skipped the real event.
    /// </summary>
    private long _durableLastEvent;
    private readonly Dictionary<string, RecentWrites> _votes = new(StringComparer.Ordinal);


    private CommunityJournal State { get; } = new(journal);

    private string Slug => Check.Id(this.GetPrimaryKeyString(), "slug");

    public async Task<CommunityView> ConfigureAsync(ConfigureCommunity configuration)
    {
        _ = Slug;
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Validate();
        foreach (var staff in configuration.Staff ?? [])
        {
            await Memberships(staff).AddAsync(Slug);
        }

        var periodBefore = State.Name is null ? (TimeSpan?)null : TimeSpan.FromHours(State.Settings.RoundPeriodHours);
        State.Name = configuration.Name;
        State.Topics = [.. configuration.Topics ?? []];
        State.Settings = configuration.Settings ?? new CommunitySettings();
        State.Rules = [.. configuration.Rules ?? []];
        foreach (var staff in configuration.Staff ?? [])
        {
            var since = State.Members.Find(staff)?.JoinedAt ?? time.GetUtcNow();
            State.Members[staff] = new Member(staff, CommunityRole.Staff, since);
        }

        await SaveAsync();
        // Registered again only when missing or its period changed: each registration starts a whole period afresh,
        // so a configuration sent again every few days (a retry, a script adding staff) put every round off for good.
        var period = TimeSpan.FromHours(State.Settings.RoundPeriodHours);
        if (period != periodBefore || await this.GetReminder(RoundReminder) is null)
        {
            await this.RegisterOrUpdateReminder(RoundReminder, period, period);
        }

        return View();
    }

    public Task<CommunityView?> GetAsync() => Task.FromResult(State.Name is null ? null : View());

    public async Task<Member> JoinAsync(string customerId)
    {
        RequireConfigured();
        Check.Id(customerId, "customerId");
        if (State.Members.TryGetValue(customerId, out var existing))
        {
            // Members from before the record existed are recorded when they join again.
            await Memberships(customerId).AddAsync(Slug);
            return existing;
        }

        // Before the community holds them, so the customer's erasure finds this community whatever happens next.
        await Memberships(customerId).AddAsync(Slug);
        var member = new Member(customerId, CommunityRole.Member, time.GetUtcNow());
        State.Members[customerId] = member;
        AddEvent(CommunityEventKind.MemberJoined, $"{customerId} joined.", customerId, customerId);
        await SaveAsync();
        TellCustomer(customerId, $"join/{member.JoinedAt.UtcTicks}", $"Joined the community '{State.Name}'.", null);
        return member;
    }

    public async Task<bool> LeaveAsync(string customerId)
    {
        RequireConfigured();
        Check.Id(customerId, "customerId");
        if (!State.Members.Remove(customerId))
        {
            return false;
        }

        AddEvent(CommunityEventKind.MemberLeft, $"{customerId} left.", customerId, customerId);
        await SaveAsync();
        return true;
    }

    public async Task<Member> ChangeRoleAsync(string actorId, string customerId, CommunityRole role)
    {
        var actor = RequireRole(actorId, CommunityRole.Moderator, CommunityRole.Staff);
        if (!Enum.IsDefined(role))
        {
            throw new RelationshipValidationException("role", "role must be one of: member, expert, moderator, staff.");
        }

        var member = State.Members.Find(customerId) ?? throw new RelationshipNotFoundException($"'{customerId}' is not a member.");
        // Staff decide what moderators may not (in design, delivered); a moderator appointing staff would grant that to anyone.
        if (actor.Role != CommunityRole.Staff && (role == CommunityRole.Staff || member.Role == CommunityRole.Staff))
        {
            throw new RelationshipValidationException("role", $"Only staff may appoint or remove staff; {actorId} is {Kebab.WithArticle(Kebab.Of(actor.Role))}.");
        }

        if (member.Role == role)
        {
            return member;
        }

        var changed = member with { Role = role };
        State.Members[customerId] = changed;
        AddEvent(CommunityEventKind.RoleChanged, $"{customerId} is now {Kebab.Of(role)} (by {actorId}).", customerId, actorId);
        await SaveAsync();
        return changed;
    }

    public Task<Member?> GetMemberAsync(string customerId) => Task.FromResult(State.Members.Find(customerId ?? ""));

    public Task<Member> AdmitVoteAsync(string customerId)
    {
        var member = RequireMember(customerId);
        ref var recent = ref CollectionsMarshal.GetValueRefOrAddDefault(_votes, customerId, out _);
        return recent.TryAdd(time.GetUtcNow(), Limits.VotesPerMemberPerMinute) is var wait and > 0
            ? throw new RelationshipRateLimitedException(
                $"{customerId} has cast {Limits.VotesPerMemberPerMinute} votes in '{Slug}' in the last minute; try again in {wait} s.", wait)
            : Task.FromResult(member);
    }

    public Task<IReadOnlyList<Member>> ListMembersAsync(int skip, int take)
    {
        RequireConfigured();
        if (skip < 0)
        {
            throw new RelationshipValidationException("skip", "skip must be 0 or more.");
        }

        if (take is < 1 or > Limits.MaxPageSize)
        {
            throw new RelationshipValidationException("take", $"take must be between 1 and {Limits.MaxPageSize}.");
        }

        // The journal's dictionary reuses a slot a member who left freed, so its order is not the order of joining.
        return Task.FromResult<IReadOnlyList<Member>>([.. State.Members.Values
            .OrderBy(m => m.JoinedAt).Skip(skip).Take(take)]);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RoundReminder && State.Name is not null)
        {
            await RunRoundAsync();
        }
    }

    private CommunityView View() =>
        new(Slug, State.Name!, [.. State.Topics], State.Settings, [.. State.Rules], State.Members.Count, State.Ideas.Count, State.Rounds, _durableLastEvent);

    private void RequireConfigured()
    {
        if (State.Name is null)
        {
            throw new RelationshipNotFoundException($"Community '{Slug}' does not exist.");
        }
    }

    /// <param name="customerId">The member.</param>
    /// <param name="field">The request's name for them, which an error names: the acting member is <c>actorId</c>.</param>
    private Member RequireMember(string customerId, string field = "customerId")
    {
        RequireConfigured();
        Check.Id(customerId, field);
        return State.Members.Find(customerId)
            ?? throw new RelationshipValidationException(field, $"Only members of the community '{Slug}' may do this; join first.");
    }

    private Member RequireRole(string actorId, params CommunityRole[] roles)
    {
        var actor = RequireMember(actorId, "actorId");
        return roles.Contains(actor.Role)
            ? actor
            : throw new RelationshipValidationException("actorId", $"Only a {string.Join(" or ", roles.Select(Kebab.Of))} may do this; {actorId} is {Kebab.WithArticle(Kebab.Of(actor.Role))}.");
    }

    /// <summary>Adds an event to the feed, numbered after the last.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="text">What the feed says of it.</param>
    /// <param name="subject">The member, post or idea it is about.</param>
    /// <param name="actorId">Who did it; null for the community's own rounds.</param>
    /// <param name="at">When it happened, if not now: an idea's decision is dated by the idea, whose date a retry compares.</param>
    private void AddEvent(CommunityEventKind kind, string text, string? subject, string? actorId, DateTimeOffset? at = null)
    {
        State.LastEvent++;
        State.Feed.AddKeepingLatest(new CommunityEvent(State.LastEvent, kind, at ?? time.GetUtcNow(), text, subject, actorId), FeedWindow);
    }

    private async Task SaveAsync()
    {
        var written = State.LastEvent;
        await journal.WriteOrRetireAsync(this);
        _durableLastEvent = Math.Max(_durableLastEvent, written);
        _signal.Notify();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The journal was replayed before this runs.
        _durableLastEvent = State.LastEvent;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var dropped = await _notices.DrainAsync(cancellationToken);
        if (dropped > 0)
        {
            LogNoticesDropped(logger, dropped, Slug);
        }
    }

    private ICustomerCommunitiesGrain Memberships(string customerId) => GrainFactory.GetGrain<ICustomerCommunitiesGrain>(customerId);

    private void TellCustomer(string customerId, string activityId, string text, string? subject) =>
        _notices.Send(
            () => GrainFactory.GetGrain<ICustomerNoticesGrain>(customerId).RecordCommunityActivityAsync(new CommunityActivity($"{Slug}/{activityId}", Slug, text, subject)),
            e => LogTimelineFailed(logger, e, customerId, Slug));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not put community activity on the timeline of {CustomerId} ({Community}).")]
    private static partial void LogTimelineFailed(ILogger logger, Exception exception, string customerId, string community);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Community {Community} deactivated with {Count} activity notices not yet sent to customers' timelines; they are dropped.")]
    private static partial void LogNoticesDropped(ILogger logger, int count, string community);
}
