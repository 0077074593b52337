using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

public sealed partial class CustomerGrain
{
    public async Task<RecordResult> ApplyBackOfficeUpdateAsync(BackOfficeUpdate update)
    {
        _ = CustomerId;
        ArgumentNullException.ThrowIfNull(update);
        update.Validate();
        if (await TryFindRetryAsync(update.MessageEntryId) is { } applied)
        {
            return new RecordResult(applied, Created: false);
        }

        if (update.SubjectEntryId is { } subject && State.TryGetSequence(subject, out var sequence))
        {
            // An update that states no status (a note on a case) keeps the one the subject has: refused, the message
            // was acknowledged by the inbound endpoint and then dropped.
            var status = update.Status ?? (sequence <= State.LastSequence ? await LatestStatusOfAsync(sequence) : null) ?? "";
            return await ChangeStatusAsync(new ChangeEntryStatus(update.MessageEntryId, sequence,
                status, Author.System, update.Note), Validation.Check.OccurredAt(update.OccurredAt, time.GetUtcNow()));
        }

        return await RecordAsync(new RecordInteraction(update.SubjectEntryId ?? update.MessageEntryId, update.Channel, update.Direction,
            Author.System, update.Text, update.Kind, update.Topic, Status: update.Status, OccurredAt: update.OccurredAt),
            alsoKnownAs: update.SubjectEntryId is null ? null : update.MessageEntryId);
    }

    /// <summary>
    /// The subject's status as the window knows it: its own, kept current while it is on the window, or once archived
    /// (archived entries keep the status they had then) that of its latest status change on the window. A note on a case
    /// archived as "open" and resolved since recorded "open" again. Changes archived with the case are not read.
    /// </summary>
    private async Task<string?> LatestStatusOfAsync(long sequence)
    {
        if ((sequence < WindowStart || sequence <= ArchivingThrough) && StatusChangesOnWindow(sequence).FirstOrDefault() is { } latest)
        {
            return latest.Status;
        }

        return (await EntryAtAsync(sequence)).Status;
    }
}
