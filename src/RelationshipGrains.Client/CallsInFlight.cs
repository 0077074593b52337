namespace RelationshipGrains.Client;

/// <summary>
/// Tells the calls in flight that the last gateway connection was lost. Orleans' client leaves a request already
/// written to a connection that then closes waiting for its whole response timeout (30 s), although its answer can only
/// come back on that connection: a channel app's call made just as its silo died hung for 30 s in one test run. The
/// calls waiting when the cluster is lost fail at once instead (<see cref="OutageTranslation"/>).
/// </summary>
internal sealed class CallsInFlight
{
    private TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the cluster is next lost.</summary>
    public Task Lost => Volatile.Read(ref _lost).Task;

    public void ClusterLost() =>
        Interlocked.Exchange(ref _lost, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
