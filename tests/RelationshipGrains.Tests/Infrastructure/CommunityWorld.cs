using RelationshipGrains.Communities;
using RelationshipGrains.Ideas;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>A community of its own for one test, with members in the roles the test needs.</summary>
public sealed class CommunityWorld(IGrainFactory grains)
{
    public string Slug { get; } = Keys.Customer("com");

    public ICommunityGrain Community => grains.GetGrain<ICommunityGrain>(Slug);

    public IIdeaGrain Idea(string ideaId) => grains.GetGrain<IIdeaGrain>(ideaId);

    /// <summary>The staff member the operator appointed when configuring the community.</summary>
    public string Staff { get; } = Keys.Customer("staff");

    public async Task<ICommunityGrain> Create(CommunitySettings? settings = null, params IdeaRule[] rules)
    {
        await Community.AsReference<ICommunityStewardshipGrain>().ConfigureAsync(new ConfigureCommunity("Furniture makers", ["chairs"], settings, rules, [Staff]));
        return Community;
    }

    public async Task<string> Member(CommunityRole role = CommunityRole.Member)
    {
        var id = Keys.Customer("m");
        await Community.JoinAsync(id);
        if (role != CommunityRole.Member)
        {
            await Community.ChangeRoleAsync(Staff, id, role);
        }

        return id;
    }

    public async Task<IdeaView> Propose(string memberId, string ideaId, string title, IdeaAttributes? attributes = null) =>
        await Community.ProposeIdeaAsync(memberId, new ProposeIdea(ideaId, title, "Details", attributes));
}
