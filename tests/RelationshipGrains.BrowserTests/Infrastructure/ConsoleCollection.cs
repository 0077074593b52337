namespace RelationshipGrains.BrowserTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleSilo>
{
    public const string Name = "console";
}
