namespace RelationshipGrains.Customers;

/// <summary>
/// The same customer as <see cref="ICustomerGrain"/> (same key, same activation, and its methods too), as operators and back-office
/// systems reach it through the HTTP API: export, erasure and updates from the back office. Grain clients are refused
/// these methods (the channel surface), and <c>IRelationshipGrains</c> does not hand this interface out.
/// </summary>
[Alias("rg.ICustomerStewardshipGrain")]
public interface ICustomerStewardshipGrain : ICustomerGrain
{
    /// <summary>
    /// Applies a back-office message (service case, marketing touch, social mention). Returns the entry it produced,
    /// or the earlier one with <c>Created = false</c> when the message was applied before (the customer remembers
    /// message ids as long as other entry ids: <c>Timeline:IdempotencyWindow</c>, 2,000 entries by default). A case or
    /// campaign is found by its id for as long as it is among the customer's latest <c>Timeline:SubjectsKept</c>
    /// (1,000); an update about an older one records it anew. A later update without a status is a note: it keeps the
    /// subject's latest status.
    /// </summary>
    /// <param name="update">The back-office message; its message id makes the call idempotent.</param>
    /// <remarks>
    /// A message that records a new entry counts against the customer's 120 interactions a minute
    /// (<c>Timeline:InteractionsPerMinute</c>); one that moves a subject's status does not.
    /// </remarks>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A field is missing or malformed; for example a status the entry's kind does not have.
    /// </exception>
    /// <exception cref="Errors.RelationshipRateLimitedException">Over the per-customer rate of interactions; it says when to try again.</exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// Integration events waiting for the message broker have filled the customer's outbox (10,000 by default); try
    /// again after the delay it gives.
    /// </exception>
    [Alias("ApplyBackOfficeUpdate")]
    Task<RecordResult> ApplyBackOfficeUpdateAsync(BackOfficeUpdate update);

    /// <summary>Everything held about the customer except the timeline (see <see cref="ExportTimelineAsync"/>).</summary>
    [Alias("Export")]
    Task<CustomerExport> ExportAsync();

    /// <summary>The whole timeline, oldest first, including archived pages, up to the latest entry when called.</summary>
    /// <param name="cancellationToken">Stops the export early.</param>
    [Alias("ExportTimeline")]
    IAsyncEnumerable<TimelineEntry> ExportTimelineAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the customer's personal data: profile, the whole timeline with its archive, intents, consents, values
    /// and the partner-access log. What counterparties need stays (the ids of the customer's value chains, which
    /// partners see only under pseudonyms), and partners who held consent, read the customer's data or were cast an
    /// intent are told through <c>CustomerErased</c>. Community posts, votes and idea comments stay under a pseudonym so
    /// others' replies and tallies stand; the texts the customer wrote there become "[removed]" unless
    /// <paramref name="keepPostTexts"/>.
    /// Idempotent: again, with nothing recorded since, returns the first receipt (and the first choice stands).
    /// </summary>
    /// <param name="keepPostTexts">
    /// True to keep the texts of the customer's community posts and idea comments under the pseudonym (the operator's
    /// choice); false removes them.
    /// </param>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// Integration events waiting for the message broker have filled the customer's outbox (10,000 by default); try
    /// again after the delay it gives.
    /// </exception>
    [Alias("Erase")]
    Task<ErasureReceipt> EraseAsync(bool keepPostTexts = false);
}
