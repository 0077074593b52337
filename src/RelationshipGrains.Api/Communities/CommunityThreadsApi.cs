using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Communities;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Communities;

/// <summary>Where members talk among themselves.</summary>
internal static class CommunityThreadsApi
{
    public static RouteGroupBuilder MapCommunityThreadsApi(this RouteGroupBuilder community)
    {
        community.MapGet("threads", List)
            .Describe("listThreads", "List a community's threads",
                "Newest first, paged by the last thread id seen.");
        community.MapPost("threads", Start)
            .Describe("startThread", "Start a thread",
                "A member posts the first post of a new thread.")
            .Conflicts("The post id was used before for another post.");
        community.MapGet("threads/{threadId}", Thread)
            .Describe("getThread", "Read a thread",
                "Its posts, oldest first, paged by the last post id seen (`after`); a page shorter than `limit` is the last. Hidden posts come without their text.");
        community.MapPost("threads/{threadId}/replies", Reply)
            .Describe("replyToThread", "Reply in a thread",
                "From a member of the community.")
            .Conflicts("The post id was used before for another post, or the thread holds as many posts as a thread may (10,000 by default).");
        community.MapPost("posts/{postId}/hide", Hide)
            .Describe("hidePost", "Hide a post",
                "Moderators and staff; the reason is kept.");
        return community;
    }

    private static async Task<Ok<IReadOnlyList<CommunityPost>>> List(string slug, string? before, int? limit, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Community(slug).ListThreadsAsync(NoneIfEmpty(before), limit ?? Limits.DefaultPageSize));

    private static async Task<Created<CommunityPost>> Start(string slug, ThreadBody body, IGrainFactory grains)
    {
        var post = await grains.Community(slug).PostAsync(body.CustomerId, new PostRequest(body.PostId, body.Text, body.Title));
        return TypedResults.Created($"/api/v1/communities/{slug}/threads/{post.ThreadId}", post);
    }

    private static async Task<Ok<IReadOnlyList<CommunityPost>>> Thread(string slug, string threadId, string? after, int? limit, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Community(slug).GetThreadAsync(threadId, NoneIfEmpty(after), limit ?? Limits.DefaultPageSize));

    /// <summary>A cursor sent empty (<c>?after=</c>) starts from the first page, as one left out does.</summary>
    private static string? NoneIfEmpty(string? cursor) => string.IsNullOrEmpty(cursor) ? null : cursor;

    private static async Task<Created<CommunityPost>> Reply(string slug, string threadId, ReplyBody body, IGrainFactory grains)
    {
        var post = await grains.Community(slug).PostAsync(body.CustomerId, new PostRequest(body.PostId, body.Text, ThreadId: threadId));
        return TypedResults.Created($"/api/v1/communities/{slug}/threads/{threadId}", post);
    }

    private static async Task<Ok<CommunityPost>> Hide(string slug, string postId, HideBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Community(slug).HidePostAsync(body.ActorId, postId, body.Reason));
}
