using Orleans.Journaling;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Grains.Webhooks;

/// <summary>
/// The dead letters on one journaled list, oldest first: a new one appends itself (and the oldest past the limit goes
/// with it), so 10,000 kept cost a write no more than one. Kept in the registry's state, each rewrote them all (234 KB
/// a dead letter at 480 of them).
/// </summary>
public sealed class WebhookDeadLettersGrain(IDurableStateManager journal, ForcedCompactions compactions) : Grain, IWebhookDeadLettersGrain
{
    public const int Kept = 10_000;

    private readonly IDurableList<WebhookDeadLetter> _letters = journal.GetOrAddList<WebhookDeadLetter>("dead-letters");

    /// <summary>Dead letters replayed, replaced, or past <see cref="Kept"/>.</summary>
    private readonly LeftRecords _left = new(journal, compactions);

    public async Task AddAsync(WebhookDeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        Keep(deadLetter);
        await journal.WriteOrRetireAsync(this);
    }

    public Task<IReadOnlyList<WebhookDeadLetter>> ListAsync() => Task.FromResult<IReadOnlyList<WebhookDeadLetter>>([.. _letters.Reverse()]);

    public async Task<bool> RemoveAsync(string deadLetterId)
    {
        var index = _letters.FindIndex(d => d.DeadLetterId == deadLetterId);
        if (index < 0)
        {
            return false;
        }

        _letters.RemoveAt(index);
        _left.Left();
        await journal.WriteOrRetireAsync(this);
        return true;
    }

    public async Task AddManyAsync(IReadOnlyList<WebhookDeadLetter> deadLetters)
    {
        ArgumentNullException.ThrowIfNull(deadLetters);
        foreach (var deadLetter in deadLetters)
        {
            Keep(deadLetter);
        }

        await journal.WriteOrRetireAsync(this);
    }

    public async Task ForgetCustomerAsync(string customerId, IReadOnlyList<string> names, DateTimeOffset raisedBefore)
    {
        ArgumentNullException.ThrowIfNull(names);
        var forgotten = _letters.RemoveWhere(d => ErasedCustomers.Concerns(d.CustomerId, d.Body, d.RaisedAt, customerId, names, raisedBefore)).Count;
        await _left.RewriteIfLeftAsync(this, removedNow: forgotten > 0);
    }

    private void Keep(WebhookDeadLetter deadLetter)
    {
        if (_letters.FindIndex(d => d.DeadLetterId == deadLetter.DeadLetterId) is var earlier and >= 0)
        {
            _letters.RemoveAt(earlier);
            _left.Left();
        }
        else if (_letters.Count >= Kept)
        {
            _left.Left();
        }

        _letters.AddKeepingLatest(deadLetter, Kept);
    }

}
