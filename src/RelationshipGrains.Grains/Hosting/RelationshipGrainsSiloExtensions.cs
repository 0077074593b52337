using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RelationshipGrains.Grains.Hosting;

/// <summary>Registers what the grains need from the host, apart from storage, which each profile chooses.</summary>
public static class RelationshipGrainsSiloExtensions
{
    public static ISiloBuilder AddRelationshipGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo;
    }
}
