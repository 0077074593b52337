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
    private int _waiting;
    private bool _abandoned;

    /// <summary>
    /// Sends after the notices before it have been answered, so one customer reads them in the order they happened;
    /// the first is sent at once, within the sender's turn, and the rest from the sender's own scheduler.
    /// </summary>
    public void Send(Func<Task> deliver, Action<Exception> failed)
    {
        _waiting++;
        _last = SendAfterAsync(_last, deliver, failed);
    }

    /// <summary>
    /// On deactivation: waits for the notices still on their way, so a graceful stop does not drop them, until the
    /// deactivation's own deadline. Past it the activation is gone and can no longer send, so those not yet sent are
    /// dropped (a notice is best effort): returns how many, for one log line rather than one failure per notice.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _last.WaitAsync(cancellationToken);
            return 0;
        }
        catch (OperationCanceledException)
        {
            _abandoned = true;
            return _waiting;
        }
    }

    // Every continuation runs on the sender's own scheduler, one at a time, so the fields need no locking.
    private async Task SendAfterAsync(Task previous, Func<Task> deliver, Action<Exception> failed)
    {
        await previous;
        _waiting--;
        if (_abandoned)
        {
            return;
        }

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
