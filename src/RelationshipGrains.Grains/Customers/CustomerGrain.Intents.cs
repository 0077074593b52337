using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Partners;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Customers;

public sealed partial class CustomerGrain
{
    /// <summary>Most partners one intent is cast to.</summary>
    public const int MaxMatches = 20;

    public async Task<Intent> ExpressIntentAsync(ExpressIntent intent)
    {
        _ = CustomerId;
        ArgumentNullException.ThrowIfNull(intent);
        var now = time.GetUtcNow();
        intent.Validate(now);
        await FinishErasureBeforeChangesAsync();
        if (State.Intents.TryGetValue(intent.IntentId, out var existing))
        {
            if (existing.Text != intent.Text || existing.Category != intent.Category)
            {
                throw new RelationshipConflictException($"Intent id '{intent.IntentId}' was already used for a different intent.");
            }

            // A retry may follow a crash between the write and the casting: cast again (partners de-duplicate).
            await CastAsync(existing);
            return existing;
        }

        if (State.Intents.Values.Count(i => i.Status == IntentStatus.Open) >= Limits.OpenIntents)
        {
            throw new RelationshipConflictException($"The customer already holds {Limits.OpenIntents} open intents, the most at once; withdraw one first.");
        }

        var matches = await GrainFactory.GetGrain<IPartnerDirectoryGrain>(IPartnerDirectoryGrain.Key)
            .MatchAsync(intent.Category, State.Profile.Values, MaxMatches);
        var created = new Intent(intent.IntentId, intent.Text, intent.Category, intent.Budget, intent.Deadline,
            [.. intent.Constraints ?? []], IntentStatus.Open, now, Matches: matches, Offers: []);
        Outbox.EnsureRoom();
        State.Intents[intent.IntentId] = created;
        Append(seq => new TimelineEntry(seq, $"intent:{intent.IntentId}:expressed", TimelineEntryKind.IntentExpressed, now, now,
            Author.Customer, Text: intent.Text, Topic: intent.Category, Subject: intent.IntentId), now);
        Outbox.Add(new IntentExpressed(CustomerId, created.IntentId, created.Category, created.Budget?.Amount,
            created.Budget?.Currency, created.Deadline, [.. matches.Select(m => m.PartnerId)], now), now);
        await PersistAppendedAsync();
        await CastAsync(created);
        return created;
    }

    public async Task<Intent> WithdrawIntentAsync(string intentId)
    {
        _ = CustomerId;
        Check.RequestId(intentId, "intentId");
        if (!State.Intents.TryGetValue(intentId, out var intent))
        {
            throw new RelationshipNotFoundException($"Intent '{intentId}' does not exist.");
        }

        if (intent.Status == IntentStatus.Withdrawn)
        {
            return intent;
        }

        Outbox.EnsureRoom();
        var now = time.GetUtcNow();
        var withdrawn = intent with { Status = IntentStatus.Withdrawn, WithdrawnAt = now };
        State.Intents[intentId] = withdrawn;
        Append(seq => new TimelineEntry(seq, $"intent:{intentId}:withdrawn", TimelineEntryKind.IntentWithdrawn, now, now,
            Author.Customer, Topic: intent.Category, Subject: intentId), now);
        Outbox.Add(new IntentWithdrawn(CustomerId, intentId, now, CastTo(intent)), now);
        await PersistAppendedAsync();
        return withdrawn;
    }

    /// <summary>The partners an intent was cast to, whom its withdrawal concerns.</summary>
    private static List<string> CastTo(Intent intent) => [.. (intent.Matches ?? []).Select(m => m.PartnerId).Distinct()];

    public Task<IReadOnlyList<Intent>> ListIntentsAsync(bool includeWithdrawn = false)
    {
        _ = CustomerId;
        IReadOnlyList<Intent> intents = [.. State.Intents.Values
            .Where(i => includeWithdrawn || i.Status == IntentStatus.Open)
            .OrderBy(i => i.Status)
            .ThenBy(i => i.ExpressedAt)
            .Select(WithOffersRanked)];
        return Task.FromResult(intents);
    }

    /// <summary>
    /// The offers best values match first, as the intent's matches scored the partners when it was cast; equal scores
    /// in the order the offers came. Stored in that order, a partner's changed offer moved to the end.
    /// </summary>
    private static Intent WithOffersRanked(Intent intent)
    {
        if (intent.Offers is not { Count: > 1 } offers)
        {
            return intent;
        }

        var scores = (intent.Matches ?? []).GroupBy(m => m.PartnerId).ToDictionary(g => g.Key, g => g.Max(m => m.Score));
        return intent with { Offers = [.. offers.OrderByDescending(o => scores.GetValueOrDefault(o.PartnerId)).ThenBy(o => o.OfferedAt)] };
    }
}
