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
