using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using RelationshipGrains.Communities;

namespace RelationshipGrains.Grains.Communities;

/// <summary>
/// Holds its page through the grain storage directly, as timeline archive pages do: a page is first written by an
/// activation that has never read it, so archiving costs one request (a create) rather than a read and a write.
/// Unlike a timeline page, it is written again when a post on it is hidden or its author erased.
/// </summary>
public sealed class CommunityPostPageGrain([FromKeyedServices(StorageNames.Relationships)] IGrainStorage storage)
    : Grain, ICommunityPostPageGrain
{
    public const string StateName = "community-posts";

    private List<CommunityPost> _posts = [];
    private string? _etag;
    private bool _read;

    public async Task StoreAsync(IReadOnlyList<CommunityPost> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        try
        {
            // Never read, this writes without an ETag, which creates the record only if there is none.
            await WriteAsync([.. posts]);
        }
        catch (InconsistentStateException)
        {
            // Stored already, by an archive step cut short, or changed by a write of ours whose answer was lost, which
            // left the ETag behind. Only the community writes its pages, and its copy is the one to keep.
            await ReadAsync();
            await WriteAsync([.. posts]);
        }
    }

    [ReadOnly]
    public async Task<IReadOnlyList<CommunityPost>> GetAsync()
    {
        if (!_read)
        {
            await ReadAsync();
        }

        return _posts;
    }

    private async Task WriteAsync(List<CommunityPost> posts)
    {
        var written = new GrainState<CommunityPostPageState>(new CommunityPostPageState { Posts = posts }, _etag);
        try
        {
            await storage.WriteStateAsync(StateName, this.GetGrainId(), written);
        }
        catch
        {
            // Stored or not, what this activation held may no longer be what storage holds (an erasure's write whose
            // answer was lost kept the words it removed): the next call reads storage again.
            (_posts, _etag, _read) = ([], null, false);
            throw;
        }

        (_posts, _etag, _read) = (posts, written.ETag, true);
    }

    private async Task ReadAsync()
    {
        var read = new GrainState<CommunityPostPageState>(new CommunityPostPageState());
        await storage.ReadStateAsync(StateName, this.GetGrainId(), read);
        (_posts, _etag, _read) = (read.State?.Posts ?? [], read.RecordExists ? read.ETag : null, true);
    }
}
