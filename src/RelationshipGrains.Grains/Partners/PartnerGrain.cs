using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Partners;

/// <summary>A partner: registration, API keys, the intents cast to it and the value chains it was invited to.</summary>
public sealed class PartnerGrain(
    [PersistentState("partner", StorageNames.Relationships)] IPersistentState<PartnerState> state,
    TimeProvider time) : Grain, IPartnerGrain, IPartnerAccountGrain
{
    public const int InboxLimit = 500;
    public const int KeyLimit = 10;

    private string? _partnerId;

    private string PartnerId => _partnerId ??= Check.Id(this.GetPrimaryKeyString(), "partnerId");

    public async Task<PartnerProfile> RegisterAsync(RegisterPartner registration)
    {
        _ = PartnerId;
        ArgumentNullException.ThrowIfNull(registration);
        registration.Validate();
        var profile = new PartnerProfile(PartnerId, registration.Name, [.. registration.Categories!.Distinct()],
            new SortedDictionary<string, double>(new Dictionary<string, double>(registration.Values ?? new Dictionary<string, double>())),
            registration.ContactUrl, state.State.Profile?.RegisteredAt ?? time.GetUtcNow());
        state.State.Profile = profile;
        await state.WriteOrReloadAsync(this);
        await GrainFactory.GetGrain<IPartnerDirectoryGrain>(IPartnerDirectoryGrain.Key).UpsertAsync(profile);
        return profile;
    }

    public Task<PartnerProfile?> GetAsync()
    {
        _ = PartnerId;
        return Task.FromResult(state.State.Profile);
    }

    public async Task<IssuedPartnerKey> IssueKeyAsync()
    {
        RequireRegistered();
        if (state.State.Keys.Values.Count(k => k.RevokedAt is null) >= KeyLimit)
        {
            throw new RelationshipConflictException($"A partner may hold at most {KeyLimit} live keys; revoke one first.");
        }

        var (keyId, secret, record) = PartnerKeys.Issue(time.GetUtcNow());
        state.State.Keys[keyId] = record;
        await state.WriteOrReloadAsync(this);
        return new IssuedPartnerKey(keyId, PartnerKeyFormat.Format(PartnerId, keyId, secret));
    }

    public async Task<bool> RevokeKeyAsync(string keyId)
    {
        RequireRegistered();
        if (!state.State.Keys.TryGetValue(keyId ?? "", out var record))
        {
            return false;
        }

        if (record.RevokedAt is not null)
        {
            return true;
        }

        state.State.Keys[keyId!] = record with { RevokedAt = time.GetUtcNow() };
        await state.WriteOrReloadAsync(this);
        return true;
    }

    public Task<IReadOnlyList<PartnerKeyInfo>> ListKeysAsync()
    {
        RequireRegistered();
        IReadOnlyList<PartnerKeyInfo> keys = [.. state.State.Keys.OrderBy(k => k.Value.IssuedAt).Select(k => new PartnerKeyInfo(k.Key, k.Value.IssuedAt, k.Value.RevokedAt))];
        return Task.FromResult(keys);
    }

    public Task<bool> VerifyKeyAsync(string keyId, string secret) =>
        Task.FromResult(state.State.Keys.TryGetValue(keyId ?? "", out var record) && record.RevokedAt is null && PartnerKeys.Matches(record, secret ?? ""));

    public async Task ReceiveIntentAsync(string customerId, string intentId, double score)
    {
        RequireRegistered();
        var inbox = state.State.Inbox;
        if (inbox.Any(c => c.CustomerId == customerId && c.IntentId == intentId))
        {
            return;
        }

        var castId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        inbox.AddKeepingLatest(new IntentCast(castId, customerId, intentId, score, time.GetUtcNow()), InboxLimit);

        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<IntentCast>> ListInboxAsync()
    {
        RequireRegistered();
        IReadOnlyList<IntentCast> newestFirst = [.. Enumerable.Reverse(state.State.Inbox)];
        return Task.FromResult(newestFirst);
    }

    public async Task ForgetCustomerAsync(string customerId)
    {
        _ = PartnerId;
        Check.Id(customerId, "customerId");
        if (state.State.Inbox.RemoveAll(c => c.CustomerId == customerId) > 0)
        {
            await state.WriteOrReloadAsync(this);
        }
    }

    public Task<IntentCast?> FindCastAsync(string castId) =>
        Task.FromResult(state.State.Inbox.FirstOrDefault(c => c.CastId == castId));

    public async Task NoteValueChainAsync(string valueChainId)
    {
        RequireRegistered();
        if (!state.State.ValueChains.Contains(valueChainId))
        {
            state.State.ValueChains.Add(valueChainId);
            await state.WriteOrReloadAsync(this);
        }
    }

    public Task<IReadOnlyList<string>> ListValueChainsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.ValueChains]);

    private void RequireRegistered()
    {
        if (state.State.Profile is null)
        {
            throw new RelationshipNotFoundException($"Partner '{PartnerId}' is not registered.");
        }
    }
}
