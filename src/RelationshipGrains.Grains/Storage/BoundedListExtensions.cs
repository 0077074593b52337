namespace RelationshipGrains.Grains.Storage;

public static class BoundedListExtensions
{
    /// <summary>Appends, then drops the oldest items past <paramref name="max"/>, so a log kept in grain state stays bounded.</summary>
    public static void AddKeepingLatest<T>(this List<T> list, T item, int max)
    {
        list.Add(item);
        if (list.Count > max)
        {
            list.RemoveRange(0, list.Count - max);
        }
    }
}
