using RelationshipGrains.Customers;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>The same realistic payload everywhere: a 200-character chat message.</summary>
internal static class Payloads
{
    public static readonly string Text = string.Concat(Enumerable.Repeat("Where is my order? It was due on Tuesday. ", 5))[..200];

    public static RecordInteraction Interaction(string id) => new(id, Channel.Chat, Direction.Inbound, Author.Customer, Text);

    public static string CustomerId(long n) => $"bench-{n}";
}
