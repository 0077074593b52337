using RelationshipGrains.Communities;
using RelationshipGrains.Grains.Ideas;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Ideas;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Communities;

public sealed partial class CommunityGrain
{
    public async Task EraseCustomerAsync(string customerId, string pseudonym, bool keepTexts = false)
    {
        Check.Id(customerId, "customerId");
        Check.Id(pseudonym, "pseudonym");

        // The ideas first: if one fails, the retried erasure finds the community still to clean.
        foreach (var ideaId in State.Ideas)
        {
            await GrainFactory.GetGrain<IIdeaLifecycleGrain>(ideaId).EraseCustomerAsync(customerId, pseudonym, keepTexts);
        }

        var changed = State.Members.Remove(customerId);
        _votes.Remove(customerId);
        for (var i = 0; i < State.Posts.Count; i++)
        {
            var post = State.Posts[i];
            if (post.AuthorId == customerId || (post.AuthorId == pseudonym && !keepTexts && post.Text != IdeaGrain.RemovedText))
            {
                // Replies by others stay as they are; only what this customer wrote loses its words.
                State.Posts[i] = keepTexts
                    ? post with { AuthorId = pseudonym }
                    : post with { AuthorId = pseudonym, Text = IdeaGrain.RemovedText, Title = post.Title is null ? null : IdeaGrain.RemovedText };
                changed = true;
            }
        }

        for (var i = 0; i < State.Feed.Count; i++)
        {
            var e = State.Feed[i];
            if (e.ActorId == customerId || e.Subject == customerId || IdsInText.Mentions(e.Text, customerId))
            {
                State.Feed[i] = e with
                {
                    ActorId = e.ActorId == customerId ? pseudonym : e.ActorId,
                    Subject = e.Subject == customerId ? pseudonym : e.Subject,
                    // A new thread's event quotes its title.
                    Text = !keepTexts && e.Kind == CommunityEventKind.Posted && e.ActorId == customerId
                        ? $"{pseudonym} posted."
                        : IdsInText.Replace(e.Text, customerId, pseudonym),
                };
                changed = true;
            }
        }

        if (changed)
        {
            // The next write rewrites the journal as a snapshot, so the customer's id is gone from storage too.
            compactions.Request(this.GetGrainId());
            await SaveAsync();
        }
    }
}
