namespace RelationshipGrains.Integration.Direct;

/// <summary>One of our consumers as <see cref="DirectDelivery"/> calls it.</summary>
/// <param name="Type">The consumer, resolved from the services per attempt; its <c>IConsumer&lt;T&gt;</c> interfaces say what it takes.</param>
/// <param name="Name">The name the outbox's wait knows it by: its endpoint's on the bus.</param>
/// <param name="BatchSize">For a batch consumer, the most events a batch holds; 0 for one that takes them one by one.</param>
/// <param name="BatchWindow">For a batch consumer, how long a batch waits to fill from its first event.</param>
public sealed record DirectConsumer(Type Type, string Name, int BatchSize = 0, TimeSpan BatchWindow = default);
