namespace RelationshipGrains.Grains.Storage;

public static class BoundedListExtensions
{
    /// <summary>Appends, then drops the oldest items past <paramref name="max"/>, so a log kept in grain state stays bounded.</summary>
    public static void AddKeepingLatest<T>(this IList<T> list, T item, int max)
    {
        list.Add(item);
        while (list.Count > max)
        {
            list.RemoveAt(0);
        }
    }

    public static int FindIndex<T>(this IList<T> list, Func<T, bool> match)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (match(list[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Removes every item that matches, one RemoveAt each (what a journaled list records); returns those removed.</summary>
    public static List<T> RemoveWhere<T>(this IList<T> list, Func<T, bool> match)
    {
        List<T> removed = [];
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (match(list[i]))
            {
                removed.Add(list[i]);
                list.RemoveAt(i);
            }
        }

        return removed;
    }

    /// <summary>The value under <paramref name="key"/>, or the default: what GetValueOrDefault is for read-only dictionaries.</summary>
    public static TValue? Find<TKey, TValue>(this IDictionary<TKey, TValue> dictionary, TKey key) =>
        dictionary.TryGetValue(key, out var value) ? value : default;
}
