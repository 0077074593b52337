using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RelationshipGrains.Grains.Communities;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Diagnostics;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Grains.Security;

namespace RelationshipGrains.Grains.Hosting;

/// <summary>Registers what the grains need from the host, apart from storage, which each profile chooses.</summary>
public static class RelationshipGrainsSiloExtensions
{
    public static ISiloBuilder AddRelationshipGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<IIntegrationEventPublisher, LoggingIntegrationEventPublisher>();
        silo.Services.TryAddSingleton<Pseudonyms>();
        silo.Services.TryAddSingleton<Outboxes>();
        silo.Services.TryAddSingleton<GrainMetrics>();
        EntryIdIndex.Register(silo.Services);
        silo.Services.AddOptions<OutboxOptions>()
            .Validate(o => o.PublishTimeout > TimeSpan.Zero, "Outbox:PublishTimeout must be positive.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay, "Outbox:RetryDelay must be positive and at most Outbox:MaxRetryDelay.")
            .Validate(o => o.ReminderPeriod >= TimeSpan.FromSeconds(1), "Outbox:ReminderPeriod must be at least a second.")
            .Validate(o => o.MaxPendingPerGrain >= 10, "Outbox:MaxPendingPerGrain must be 10 or more.")
            .ValidateOnStart();
        silo.Services.AddOptions<ClientSurfaceOptions>();
        silo.AddIncomingGrainCallFilter<ChannelSurfaceFilter>();
        silo.Services.AddOptions<PrivacyOptions>();
        silo.Services.AddOptions<TimelineOptions>()
            .Validate(o => o.PageSize is >= 10 and <= 1_000, "Timeline:PageSize must be between 10 and 1000.")
            .Validate(o => o.WindowSize >= o.PageSize, "Timeline:WindowSize must be at least Timeline:PageSize.")
            .Validate(o => o.IdempotencyWindow >= o.WindowSize, "Timeline:IdempotencyWindow must be at least Timeline:WindowSize.")
            .Validate(o => o.SubjectsKept >= 0, "Timeline:SubjectsKept must be 0 or more.")
            .Validate(o => o.InteractionsPerMinute >= 1, "Timeline:InteractionsPerMinute must be 1 or more.")
            .ValidateOnStart();
        silo.Services.AddOptions<CommunityOptions>()
            .Validate(o => o.PostPageSize is >= 2 and <= 1_000, "Communities:PostPageSize must be between 2 and 1000.")
            .Validate(o => o.RecentPosts >= o.PostPageSize, "Communities:RecentPosts must be at least Communities:PostPageSize.")
            .Validate(o => o.MaxThreadPosts >= 2, "Communities:MaxThreadPosts must be 2 or more.")
            .ValidateOnStart();
        return silo;
    }
}
