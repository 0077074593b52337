namespace RelationshipGrains.Grains.Partners;

/// <summary>
/// "Think alike": the cosine of the angle between two values profiles, each a vector over the union of their
/// value names (a missing name weighs 0). Weights are 0..1, so the result is 0 (nothing in common) to 1 (same
/// priorities in the same proportions, whatever their scale). An empty or all-zero profile matches nothing (0).
/// </summary>
public static class ValuesSimilarity
{
    public static double Cosine(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        double dot = 0, normA = 0, normB = 0;
        foreach (var (name, weight) in a)
        {
            normA += weight * weight;
            if (b.TryGetValue(name, out var other))
            {
                dot += weight * other;
            }
        }

        foreach (var weight in b.Values)
        {
            normB += weight * weight;
        }

        return normA == 0 || normB == 0 ? 0 : Math.Round(dot / (Math.Sqrt(normA) * Math.Sqrt(normB)), 6);
    }
}
