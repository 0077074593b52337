using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Extensions.Options;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Grains.Security;

/// <summary>Whether external grain clients are held to the channel-app surface (section <c>Silo:ClientSurface</c>).</summary>
public sealed class ClientSurfaceOptions
{
    /// <summary>On by default. Off only for test clusters whose client stands in for every kind of caller.</summary>
    public bool ChannelAppsOnly { get; set; } = true;

    /// <summary>
    /// Grain interfaces (full names, as <c>Orleans.Runtime.IManagementGrain</c>) opened to every admitted grain client
    /// besides the channel surface: for an operator's tooling. Empty by default.
    /// </summary>
    public List<string> AlsoOpen { get; } = [];
}

/// <summary>
/// Refuses, from external grain clients, every grain method not marked <see cref="ChannelSurfaceAttribute"/>: our
/// grains' other methods, the interfaces the grains assembly keeps to itself, and Orleans' own grains and system
/// targets (the management grain, silo control) but for the few a client itself needs. Calls from grains and from the
/// silo's own hosted client (the HTTP API, which checks roles itself) pass. The sender id is what the client's
/// connection claims, so the client certificate (mutual TLS) remains what admits a client at all; this filter keeps
/// an admitted channel app to its surface.
/// </summary>
public sealed class ChannelSurfaceFilter(IOptions<ClientSurfaceOptions> options) : IIncomingGrainCallFilter
{
    private readonly FrozenSet<string> _alsoOpen = options.Value.AlsoOpen.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Orleans' interfaces a grain client calls on its own behalf: the cluster's manifest from its gateway, the next
    /// items of an <see cref="IAsyncEnumerable{T}"/> it is reading (a live feed), and the cancellation of its own calls.
    /// </summary>
    private static readonly FrozenSet<string> OrleansClientInterfaces = FrozenSet.ToFrozenSet(
        ["Orleans.Runtime.IClusterManifestSystemTarget", "Orleans.Runtime.IAsyncEnumerableGrainExtension", "Orleans.Runtime.IGrainCallCancellationExtension"],
        StringComparer.Ordinal);

    private readonly ConcurrentDictionary<MethodInfo, bool> _allowed = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        // Cheapest checks first: every HTTP request reaches grains through the hosted client, so telling it apart (a
        // string of its key) is left for the calls that would otherwise be refused.
        if (options.Value.ChannelAppsOnly && context.SourceId is { } source && source.IsClient()
            && !(context.InterfaceMethod is { } method && _allowed.GetOrAdd(method, IsOpenToClients))
            && !IsHostedClient(source))
        {
            throw new RelationshipForbiddenException(
                $"{context.InterfaceName}.{context.MethodName} is not open to grain clients; use the HTTP API with a key of the right role.");
        }

        return context.Invoke();
    }

    private bool IsOpenToClients(MethodInfo method) =>
        method.GetCustomAttribute<ChannelSurfaceAttribute>() is not null
        || (method.DeclaringType?.FullName is { } name && (OrleansClientInterfaces.Contains(name) || _alsoOpen.Contains(name)));

    /// <summary>The silo's own client (the HTTP API, which checks roles itself) is named <c>hosted-</c> by Orleans.</summary>
    private static bool IsHostedClient(GrainId source) => source.Key.ToString()!.StartsWith("hosted-", StringComparison.Ordinal);
}
