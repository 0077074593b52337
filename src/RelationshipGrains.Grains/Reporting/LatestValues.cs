namespace RelationshipGrains.Grains.Reporting;

/// <summary>How the BI read model keys what it keeps the latest state of.</summary>
public static class LatestValues
{
    /// <summary>Keeps <paramref name="value"/> unless the key holds a later one: facts arriving out of order never move one back.</summary>
    public static void Keep(IDictionary<string, LatestValue> latest, string key, LatestValue value)
    {
        if (!latest.TryGetValue(key, out var known) || known.At <= value.At)
        {
            latest[key] = value;
        }
    }

    /// <summary>
    /// Rekeys every intent still under its "customer/intent" key by <paramref name="keyOf"/> (whose keys hold no '/'),
    /// keeping the later state where both are there, and the rekeyed one (written since) where both have the same time.
    /// </summary>
    /// <returns>How many were rekeyed.</returns>
    public static int PseudonymiseIntentKeys(IDictionary<string, LatestValue> intents, Func<string, string> keyOf)
    {
        var plain = intents.Where(p => p.Key.Contains('/', StringComparison.Ordinal)).ToList();
        foreach (var (key, value) in plain)
        {
            intents.Remove(key);
            var rekeyed = keyOf(key);
            if (!intents.TryGetValue(rekeyed, out var known) || known.At < value.At)
            {
                intents[rekeyed] = value;
            }
        }

        return plain.Count;
    }
}
