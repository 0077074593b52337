namespace RelationshipGrains.Grains.Customers;

/// <summary>Wakes live timeline subscribers after each durable write. Used only on the grain's own scheduler.</summary>
internal sealed class TimelineSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>A task that completes at the next <see cref="Notify"/>; take it before reading state so no write is missed.</summary>
    public Task Next => _next.Task;

    public void Notify()
    {
        var current = _next;
        _next = NewSource();
        current.TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
