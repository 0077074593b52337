using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Journaling;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Tests.Storage;

/// <summary>
/// An activation's durable collections are held by its state manager, not cached a second time in its service scope
/// (0.6 KB of every active customer). Every cluster test runs grains on these registrations; this pins them down.
/// </summary>
public sealed class Holding_durable_collections_once
{
    private static readonly Type[] Collections =
        [typeof(IDurableDictionary<,>), typeof(IDurableList<>), typeof(IDurableQueue<>), typeof(IDurableSet<>), typeof(IDurableValue<>)];

    [Fact]
    public void Every_durable_collection_is_transient_even_after_a_journal_storage_is_added()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.AddMemoryJournalStorage());

        foreach (var contract in Collections)
        {
            var registered = Assert.Single(builder.Services, d => d.ServiceType == contract && d.IsKeyedService && Equals(d.ServiceKey, KeyedService.AnyKey));
            Assert.Equal(ServiceLifetime.Transient, registered.Lifetime);
        }
    }

    [Fact]
    public void A_journaling_version_that_registers_them_otherwise_is_refused_by_name()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => DurableStateLifetimes.MakeTransient(new ServiceCollection()));

        Assert.Contains("registers IDurableDictionary for every state name", refused.Message);
        Assert.Contains(nameof(DurableStateLifetimes), refused.Message);
    }
}
