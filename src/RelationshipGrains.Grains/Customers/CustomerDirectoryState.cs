using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

[GenerateSerializer, Alias("rg.CustomerDirectoryState")]
public sealed class CustomerDirectoryState
{
    [Id(0)] public Dictionary<string, CustomerCard> Cards { get; set; } = [];
}
