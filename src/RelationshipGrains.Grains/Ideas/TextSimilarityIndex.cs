namespace RelationshipGrains.Grains.Ideas;

/// <summary>
/// TF-IDF cosine similarity over short texts, updated one document at a time. Terms are lower-cased words of three
/// or more letters, without common English stop words and with English plural endings removed (chairs, benches,
/// balconies, shelves); a term's weight is
/// (count / words in the text) * (ln((1 + documents) / (1 + documents with the term)) + 1).
/// </summary>
public sealed class TextSimilarityIndex
{
    private static readonly HashSet<string> _stopWords =
    [
        "the", "and", "for", "with", "that", "this", "from", "are", "was", "were", "you", "your", "our", "can", "could", "would",
        "should", "have", "has", "had", "not", "but", "all", "any", "its", "into", "about", "more", "less", "very", "just",
        "they", "them", "their", "there", "what", "when", "which", "who", "will", "want", "like", "please", "need", "also",
    ];

    private readonly Dictionary<string, Dictionary<string, int>> _documents = [];
    private readonly Dictionary<string, int> _documentFrequency = [];

    public int Count => _documents.Count;

    public void Upsert(string id, string text)
    {
        Remove(id);
        var terms = Terms(text);
        _documents[id] = terms;
        foreach (var term in terms.Keys)
        {
            _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
        }
    }

    public void Remove(string id)
    {
        if (!_documents.Remove(id, out var terms))
        {
            return;
        }

        foreach (var term in terms.Keys)
        {
            if (--_documentFrequency[term] == 0)
            {
                _documentFrequency.Remove(term);
            }
        }
    }

    /// <summary>The most similar documents to <paramref name="text"/>, best first (ties by id), with a score above zero.</summary>
    public IReadOnlyList<(string Id, double Score)> Query(string text, int limit, string? excludeId = null)
    {
        var query = Weights(Terms(text));
        if (query.Count == 0)
        {
            return [];
        }

        var queryNorm = Norm(query);
        return [.. _documents
            .Where(d => d.Key != excludeId)
            .Select(d =>
            {
                var weights = Weights(d.Value);
                var dot = query.Sum(q => q.Value * weights.GetValueOrDefault(q.Key));
                return (Id: d.Key, Score: dot == 0 ? 0 : Math.Round(dot / (queryNorm * Norm(weights)), 6));
            })
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Take(limit)];
    }

    public static Dictionary<string, int> Terms(string text)
    {
        Dictionary<string, int> counts = [];
        var separators = text.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray();
        foreach (var raw in text.ToLowerInvariant().Split(separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.Length < 3 || _stopWords.Contains(raw))
            {
                continue;
            }

            var term = Stem(raw);
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        return counts;
    }

    private static string Stem(string word) => word switch
    {
        _ when word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4 => word[..^3] + "y",
        _ when word.EndsWith("ves", StringComparison.Ordinal) && word.Length > 5 => word[..^3] + "f",
        _ when (word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("xes", StringComparison.Ordinal)) && word.Length > 4 => word[..^2],
        _ when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && word.Length > 3 => word[..^1],
        _ => word,
    };

    private Dictionary<string, double> Weights(Dictionary<string, int> counts)
    {
        var total = counts.Values.Sum();
        return counts.ToDictionary(
            c => c.Key,
            c => (double)c.Value / total * (Math.Log((1.0 + _documents.Count) / (1 + _documentFrequency.GetValueOrDefault(c.Key))) + 1));
    }

    private static double Norm(Dictionary<string, double> weights) => Math.Sqrt(weights.Values.Sum(w => w * w));
}
