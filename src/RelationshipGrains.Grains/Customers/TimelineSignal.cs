namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// Wakes live timeline subscribers after each durable write. Used only on the grain's own scheduler. The waiting task
/// exists only while someone follows the timeline, so a customer nobody watches neither holds nor allocates one per write.
/// A struct, held in a grain's mutable field: an object of its own cost every active customer 24 B.
/// </summary>
internal struct TimelineSignal
{
    private TaskCompletionSource? _next;

    /// <summary>A task that completes at the next <see cref="Notify"/>; take it before reading state so no write is missed.</summary>
    public Task Next => (_next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify()
    {
        var current = _next;
        _next = null;
        current?.TrySetResult();
    }
}
