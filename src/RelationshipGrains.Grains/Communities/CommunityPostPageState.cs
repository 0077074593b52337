using RelationshipGrains.Communities;

namespace RelationshipGrains.Grains.Communities;

[GenerateSerializer, Alias("rg.CommunityPostPageState")]
public sealed class CommunityPostPageState
{
    [Id(0)] public List<CommunityPost> Posts { get; set; } = [];
}
