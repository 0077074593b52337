using RelationshipGrains.Grains.Ideas;

namespace RelationshipGrains.Tests.Ideas;

/// <summary>A small labelled set: five ideas each with a differently worded duplicate, and distinct ideas that share words.</summary>
public sealed class Suggesting_similar_ideas
{
    private static readonly (string Id, string Text, string Duplicate)[] Pairs =
    [
        ("folding-chair", "Folding chair for small balconies", "A chair that folds flat for tiny balconies"),
        ("solar-lamp", "Solar powered garden lamp", "Garden lamps charged by the sun"),
        ("bunk-bed", "Kids bunk bed with storage drawers", "Bunk beds for children, drawers underneath for storage"),
        ("cushion-covers", "Waterproof outdoor cushion covers", "Cushion covers that survive rain outdoors"),
        ("modular-shelf", "Modular bookshelf that grows with you", "Bookshelves made of modules you can add later"),
    ];

    private static readonly (string Id, string Text)[] Distinct =
    [
        ("dining-table", "Extendable oak dining table"),
        ("office-chair", "Ergonomic office desk chair with lumbar support"),
        ("picnic-bench", "Recycled plastic picnic bench for gardens"),
        ("lamp-shade", "Paper lamp shade for ceiling lights"),
    ];

    private static TextSimilarityIndex Index()
    {
        var index = new TextSimilarityIndex();
        foreach (var (id, text, _) in Pairs)
        {
            index.Upsert(id, text);
        }

        foreach (var (id, text) in Distinct)
        {
            index.Upsert(id, text);
        }

        return index;
    }

    [Fact]
    public void The_top_suggestion_for_a_reworded_duplicate_is_its_original()
    {
        var index = Index();

        var hits = Pairs.Count(p => index.Query(p.Duplicate, 1).FirstOrDefault().Id == p.Id);

        Assert.True(hits / (double)Pairs.Length >= 0.8, $"Top-1 precision was {hits}/{Pairs.Length}");
    }

    [Fact]
    public void An_unrelated_text_gets_no_suggestion_and_a_removed_idea_is_never_suggested()
    {
        var index = Index();

        var unrelated = index.Query("Quantum entanglement telescope", 3);
        index.Remove("solar-lamp");
        var afterRemoval = index.Query("Garden lamps charged by the sun", 3);

        Assert.Empty(unrelated);
        Assert.DoesNotContain(afterRemoval, r => r.Id == "solar-lamp");
        Assert.Equal(Pairs.Length + Distinct.Length - 1, index.Count);
    }

    [Fact]
    public void Scores_are_cosines_between_zero_and_one_best_first()
    {
        var results = Index().Query("Folding chair for small balconies", 5);

        Assert.Equal("folding-chair", results[0].Id);
        Assert.Equal(1.0, results[0].Score, 6);
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }
}
