using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Ideas;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;
using RelationshipGrains.Webhooks;
using static RelationshipGrains.Api.OpenApi.Limit;

namespace RelationshipGrains.Api.OpenApi;

/// <summary>
/// The lengths, patterns and counts the validation enforces, published on the request schemas so a client can check
/// input before sending it. The figures come from the same constants the checks use.
/// </summary>
internal sealed class InputLimits : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<Type, Dictionary<string, Limit>> _byType = new()
    {
        [typeof(RecordInteraction)] = new() { ["interactionId"] = EntryId, ["text"] = Text(Limits.InteractionText), ["topic"] = Text(Limits.ShortText), ["correlationId"] = Text(Limits.ShortText) },
        [typeof(Author)] = new() { ["id"] = Subject, ["name"] = Text(Limits.DisplayName) },
        [typeof(ExpressIntent)] = new() { ["intentId"] = RequestId, ["text"] = Text(Limits.IntentText), ["category"] = Id, ["constraints"] = Items(Limits.IntentConstraints, Text(Limits.ShortText)) },
        [typeof(UpdateProfile)] = new() { ["displayName"] = Text(Limits.DisplayName), ["contactPoints"] = Items(Limits.ContactPoints), ["tags"] = Items(Limits.Tags, Id) },
        [typeof(ContactPoint)] = new() { ["address"] = Text(Limits.ContactAddress) },
        [typeof(RegisterPartner)] = new() { ["name"] = Text(Limits.DisplayName), ["categories"] = Items(20, Id) },
        [typeof(OfferTerms)] = new() { ["terms"] = Text(Limits.IntentText), ["certifications"] = Items(20, Id) },
        [typeof(Api.ValueChains.CreateValueChainBody)] = new() { ["valueChainId"] = Id, ["title"] = Text(Limits.DisplayName), ["slots"] = Items(CreateValueChain.MaxSlots) },
        [typeof(SlotDefinition)] = new() { ["role"] = Id, ["requirements"] = Text(Limits.IntentText) },
        [typeof(SlotConstraints)] = new() { ["requiredCertifications"] = Items(20, Id) },
        [typeof(Api.Communities.ProposalBody)] = new() { ["ideaId"] = Id, ["title"] = Text(ProposeIdea.TitleLength), ["description"] = Text(Limits.InteractionText) },
        [typeof(Api.Communities.ThreadBody)] = new() { ["postId"] = RequestId, ["title"] = Text(Limits.DisplayName), ["text"] = Text(Limits.InteractionText) },
        [typeof(Api.Communities.ReplyBody)] = new() { ["postId"] = RequestId, ["text"] = Text(Limits.InteractionText) },
        [typeof(Api.Communities.HideBody)] = new() { ["reason"] = Text(Limits.StatusNote) },
        [typeof(Api.Ideas.CommentBody)] = new() { ["text"] = Text(Limits.InteractionText) },
        [typeof(Api.Ideas.DecisionBody)] = new() { ["reason"] = Text(Limits.StatusNote) },
        [typeof(Api.Ideas.MentionBody)] = new() { ["author"] = Text(Limits.ShortText), ["text"] = Text(Limits.InteractionText) },
        [typeof(Api.Ideas.VoteBody)] = new() { ["value"] = Values(-1, 1) },
        [typeof(Api.Customers.StatusChangeBody)] = new() { ["requestId"] = EntryId, ["note"] = Text(Limits.StatusNote) },
        [typeof(ConfigureCommunity)] = new() { ["name"] = Text(Limits.DisplayName), ["topics"] = Items(20, Id), ["staff"] = Items(50, Id), ["rules"] = Items(50) },
        [typeof(IdeaRule)] = new() { ["name"] = Id, ["attribute"] = Id, ["text"] = Id },
        [typeof(SubscribeWebhook)] = new() { ["subscriptionId"] = Id, ["partnerId"] = Id },
        [typeof(Api.Partners.FulfilmentBody)] = new() { ["note"] = Text(Limits.StatusNote) },
        [typeof(Api.ValueChains.CancelBody)] = new() { ["reason"] = Text(Limits.StatusNote) },
        [typeof(ServiceCaseUpdated)] = new() { ["customerId"] = Id, ["caseId"] = SubjectId, ["subject"] = Text(Limits.ShortText), ["note"] = Text(Limits.StatusNote) },
        [typeof(MarketingTouchRecorded)] = new() { ["customerId"] = Id, ["campaignId"] = SubjectId, ["text"] = Text(Limits.InteractionText) },
        [typeof(SocialMentionReceived)] = new() { ["customerId"] = Id, ["network"] = Text(Limits.ShortText), ["text"] = Text(InboundMessages.MentionText), ["topic"] = Text(Limits.ShortText) },
        [typeof(ErpOrderStatusChanged)] = new() { ["valueChainId"] = Id, ["role"] = Id, ["partnerId"] = Id, ["erpOrderId"] = RequestId, ["note"] = Text(Limits.StatusNote) },
    };

    /// <summary>Query parameters' limits, by operation: the bounds the grains and handlers check.</summary>
    public static IReadOnlyDictionary<(string Operation, string Parameter), Limit> QueryParameters { get; } =
        new Dictionary<(string, string), Limit>
        {
            [("getTimeline", "limit")] = Range(1, Limits.MaxPageSize),
            [("getCustomerTimelineForPartner", "limit")] = Range(1, Limits.MaxPageSize),
            // The search trims the query before it counts: the pattern asks for two characters besides spaces around them.
            [("searchCustomers", "q")] = new(MinLength: CustomerDirectory.MinQueryLength, MaxLength: CustomerDirectory.MaxQueryLength,
                Pattern: CustomerDirectory.QueryPatternText),
            [("searchCustomers", "limit")] = Range(1, CustomerDirectory.MaxResults),
            [("findSimilarIdeas", "limit")] = Range(1, ProposeIdea.MaxSimilar),
            [("listThreads", "limit")] = Range(1, Limits.MaxPageSize),
            [("getThread", "limit")] = Range(1, Limits.MaxPageSize),
            [("listCommunityMembers", "skip")] = new(Minimum: 0),
            [("listCommunityMembers", "take")] = Range(1, Limits.MaxPageSize),
            [("rankIdeas", "sort")] = Words("fitness", "newest"),
            [("rankIdeas", "include")] = Words("closed"),
        };

    public static IReadOnlySet<(string Operation, string Parameter)> RequiredQueryParameters { get; } =
        new HashSet<(string, string)> { ("searchCustomers", "q") };

    /// <summary>Path parameters that name a customer, partner, idea, community, chain or slot role: all ids.</summary>
    public static IReadOnlySet<string> IdParameters { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "customerId", "partnerId", "ideaId", "slug", "valueChainId", "role",
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (_byType.TryGetValue(context.JsonTypeInfo.Type, out var limits) && schema.Properties is { } properties)
        {
            foreach (var (name, limit) in limits)
            {
                if (properties.TryGetValue(name, out var property) && property is OpenApiSchema target)
                {
                    limit.ApplyTo(target);
                }
            }
        }

        return Task.CompletedTask;
    }
}
