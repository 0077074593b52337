using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Grains.Privacy;

namespace RelationshipGrains.Grains.Hosting;

/// <summary>Registers what the grains need from the host, apart from storage, which each profile chooses.</summary>
public static class RelationshipGrainsSiloExtensions
{
    public static ISiloBuilder AddRelationshipGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<IIntegrationEventPublisher, LoggingIntegrationEventPublisher>();
        silo.Services.TryAddSingleton<Pseudonyms>();
        silo.Services.AddOptions<PrivacyOptions>();
        silo.Services.AddOptions<TimelineOptions>()
            .Validate(o => o.PageSize is >= 10 and <= 1_000, "Timeline:PageSize must be between 10 and 1000.")
            .Validate(o => o.WindowSize >= o.PageSize, "Timeline:WindowSize must be at least Timeline:PageSize.")
            .Validate(o => o.IdempotencyWindow >= o.WindowSize, "Timeline:IdempotencyWindow must be at least Timeline:WindowSize.")
            .Validate(o => o.InteractionsPerMinute >= 1, "Timeline:InteractionsPerMinute must be 1 or more.")
            .ValidateOnStart();
        return silo;
    }
}
