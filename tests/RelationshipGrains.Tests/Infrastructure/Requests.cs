using RelationshipGrains.Customers;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>Valid requests to start from; tests change one field to make them invalid.</summary>
public static class Requests
{
    public static RecordInteraction Interaction(string? id = null, string text = "Hello, I need help with my order.") =>
        new(id ?? Guid.NewGuid().ToString("N"), Channel.Chat, Direction.Inbound, Author.Customer, text);
}
