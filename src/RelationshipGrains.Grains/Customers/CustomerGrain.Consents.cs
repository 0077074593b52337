using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Naming;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Customers;

public sealed partial class CustomerGrain
{
    public async Task<ConsentGrant> GrantConsentAsync(GrantConsent grant)
    {
        _ = CustomerId;
        ArgumentNullException.ThrowIfNull(grant);
        var now = time.GetUtcNow();
        var scopes = grant.Validate(now);
        await FinishErasureBeforeChangesAsync();

        // A PUT sent again (a client's retry) changes nothing: it added a timeline entry and a ConsentChanged each time,
        // and moved the grant's date, which partners' access records quote.
        if (State.Consents.TryGetValue(grant.PartnerId, out var current)
            && current.ExpiresAt == grant.ExpiresAt && current.Scopes.Order().SequenceEqual(scopes.Order()))
        {
            return current;
        }

        // Expired grants are no consent, as the list and every check say: they take no place under the limit, and go
        // with this grant (their partners remembered for an erasure).
        var expired = State.Consents.Values.Where(g => !g.IsLive(now)).Select(g => g.PartnerId).ToList();
        var replacesLive = current is not null && current.IsLive(now);
        if (!replacesLive && State.Consents.Count - expired.Count >= Limits.ConsentGrants)
        {
            throw new RelationshipConflictException($"The customer already grants consent to {Limits.ConsentGrants} partners, the most at once; revoke one first.");
        }

        if (await GrainFactory.GetGrain<IPartnerGrain>(grant.PartnerId).GetAsync() is null)
        {
            throw new RelationshipNotFoundException($"No partner '{grant.PartnerId}' is registered; consent goes to a registered partner.");
        }

        Outbox.EnsureRoom();
        var created = new ConsentGrant(grant.PartnerId, scopes, now, grant.ExpiresAt);
        State.EndConsents(expired);
        State.Consents[grant.PartnerId] = created;
        Append(seq => new TimelineEntry(seq, $"consent:{seq}", TimelineEntryKind.ConsentGranted, now, now, Author.Customer,
            Text: string.Join(", ", scopes.Select(Kebab.Of)), Subject: grant.PartnerId), now);
        Outbox.Add(new ConsentChanged(CustomerId, grant.PartnerId, [.. scopes.Select(Kebab.Of)], grant.ExpiresAt, now), now);
        await PersistAppendedAsync();
        return created;
    }

    public async Task<bool> RevokeConsentAsync(string partnerId)
    {
        _ = CustomerId;
        Check.Id(partnerId, "partnerId");
        // An expired grant is no consent, as the list and every check say: revoking it records no revocation, and no
        // partner hears of one.
        if (!State.Consents.TryGetValue(partnerId, out var grant) || !grant.IsLive(time.GetUtcNow()))
        {
            return false;
        }

        Outbox.EnsureRoom();
        var now = time.GetUtcNow();
        // The partner may keep what it read under it: an erasure tells it to erase its copy.
        State.EndConsents([partnerId]);

        Append(seq => new TimelineEntry(seq, $"consent:{seq}", TimelineEntryKind.ConsentRevoked, now, now, Author.Customer,
            Subject: partnerId), now);
        Outbox.Add(new ConsentChanged(CustomerId, partnerId, [], null, now), now);
        await PersistAppendedAsync();
        return true;
    }

    public Task<IReadOnlyList<ConsentGrant>> ListConsentsAsync()
    {
        _ = CustomerId;
        var now = time.GetUtcNow();
        IReadOnlyList<ConsentGrant> live = [.. State.Consents.Values
            .Where(g => g.IsLive(now))
            .OrderBy(g => g.PartnerId, StringComparer.Ordinal)];
        return Task.FromResult(live);
    }

    public Task<bool> HasConsentAsync(string partnerId, ConsentScope scope)
    {
        _ = CustomerId;
        Check.Id(partnerId, "partnerId");
        if (!Enum.IsDefined(scope))
        {
            throw new RelationshipValidationException("scope", $"scope must be one of: {Kebab.List<ConsentScope>()}.");
        }

        return Task.FromResult(State.Consents.TryGetValue(partnerId, out var grant) && grant.Allows(scope, time.GetUtcNow()));
    }
}
