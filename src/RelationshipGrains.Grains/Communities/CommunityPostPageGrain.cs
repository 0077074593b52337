using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using RelationshipGrains.Communities;
using RelationshipGrains.Grains.Storage;

namespace RelationshipGrains.Grains.Communities;

/// <summary>
/// Holds its page as a <see cref="DirectRecord{TState}"/>, as timeline archive pages do: archiving a page costs one
/// request (a create) rather than a read and a write.
/// Unlike a timeline page, it is written again when a post on it is hidden or its author erased.
/// </summary>
public sealed class CommunityPostPageGrain([FromKeyedServices(StorageNames.Relationships)] IGrainStorage storage)
    : Grain, ICommunityPostPageGrain
{
    public const string StateName = "community-posts";

    private DirectRecord<CommunityPostPageState>? _record;

    private DirectRecord<CommunityPostPageState> Page => _record ??= new(storage, StateName, this.GetGrainId());

    public async Task StoreAsync(IReadOnlyList<CommunityPost> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var page = new CommunityPostPageState { Posts = [.. posts] };
        try
        {
            // Never read, this writes without an ETag, which creates the record only if there is none.
            await Page.WriteAsync(page);
        }
        catch (InconsistentStateException)
        {
            // Stored already, by an archive step cut short, or changed by a write of ours whose answer was lost, which
            // left the ETag behind. Only the community writes its pages, and its copy is the one to keep.
            await Page.ReadAsync();
            await Page.WriteAsync(page);
        }
    }

    [ReadOnly]
    public async Task<IReadOnlyList<CommunityPost>> GetAsync() => (await Page.GetAsync()).Posts;
}
