using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Options;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Grains.Security;

/// <summary>Whether external grain clients are held to the channel-app surface (section <c>Silo:ClientSurface</c>).</summary>
public sealed class ClientSurfaceOptions
{
    /// <summary>On by default. Off only for test clusters whose client stands in for every kind of caller.</summary>
    public bool ChannelAppsOnly { get; set; } = true;
}

/// <summary>
/// Refuses, from external grain clients, the methods of our grains not marked <see cref="ChannelSurfaceAttribute"/>.
/// Calls from grains and from the silo's own hosted client (the HTTP API, which checks roles itself) pass. The
/// sender id is what the client's connection claims, so the client certificate (mutual TLS) remains what admits a
/// client at all; this filter keeps an admitted channel app to its surface.
/// </summary>
public sealed class ChannelSurfaceFilter(IOptions<ClientSurfaceOptions> options) : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> Allowed = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        // Cheapest checks first: every HTTP request reaches grains through the hosted client, so telling it apart (a
        // string of its key) is left for the calls that would otherwise be refused.
        if (options.Value.ChannelAppsOnly && context.SourceId is { } source && source.IsClient() && IsOurs(context.InterfaceMethod)
            && !Allowed.GetOrAdd(context.InterfaceMethod, m => m.GetCustomAttribute<ChannelSurfaceAttribute>() is not null)
            && !IsHostedClient(source))
        {
            throw new RelationshipForbiddenException(
                $"{context.InterfaceName}.{context.MethodName} is not open to grain clients; use the HTTP API with a key of the right role.");
        }

        return context.Invoke();
    }

    /// <summary>The silo's own client (the HTTP API, which checks roles itself) is named <c>hosted-</c> by Orleans.</summary>
    private static bool IsHostedClient(GrainId source) => source.Key.ToString()!.StartsWith("hosted-", StringComparison.Ordinal);

    /// <summary>The product's grain interfaces, all in the contracts assembly; Orleans' own and a host's extra grains pass.</summary>
    private static bool IsOurs(MethodInfo? method) => method?.DeclaringType?.Assembly == typeof(ChannelSurfaceAttribute).Assembly;
}
