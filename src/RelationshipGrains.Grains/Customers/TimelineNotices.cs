namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// How a community or an idea puts something on customers' timelines: sent in order, and not awaited within the
/// sender's turn. A customer's erasure waits on each of its communities (and they on their ideas) to forget it; a
/// community waiting on that customer at the same moment held both turns until Orleans' response timeout. A notice is
/// best effort, as it always was (the post or the vote is the sender's own record, already durable): a failure is
/// logged and the next notice goes on.
/// </summary>
internal sealed class TimelineNotices
{
    private Task _last = Task.CompletedTask;

    /// <summary>
    /// Sends after the notices before it have been answered, so one customer reads them in the order they happened;
    /// the first is sent at once, within the sender's turn, and the rest from the sender's own scheduler.
    /// </summary>
    public void Send(Func<Task> deliver, Action<Exception> failed) => _last = SendAfterAsync(_last, deliver, failed);

    /// <summary>
    /// On deactivation: waits for the notices still on their way, so a graceful stop does not drop them, until the
    /// deactivation's own deadline; a notice is best effort, so running out of time is not an error.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _last.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SendAfterAsync(Task previous, Func<Task> deliver, Action<Exception> failed)
    {
        await previous;
        try
        {
            await deliver();
        }
        catch (Exception e)
        {
            failed(e);
        }
    }
}
