namespace RelationshipGrains.Grains.Integration;

/// <summary>One change <see cref="OutboxMessage.Replacing"/> makes: in <paramref name="Property"/>, what <paramref name="Matches"/> becomes <paramref name="To"/>.</summary>
public sealed record EventChange(string Property, Func<string, bool> Matches, string? To)
{
    /// <summary>Exactly <paramref name="from"/> becomes <paramref name="to"/>.</summary>
    public static EventChange Exactly(string property, string from, string? to) => new(property, text => text == from, to);

    /// <summary>Whatever the property holds becomes <paramref name="to"/>.</summary>
    public static EventChange Whatever(string property, string? to) => new(property, _ => true, to);
}
