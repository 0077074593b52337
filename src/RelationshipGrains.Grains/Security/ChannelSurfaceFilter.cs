using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Invocation;
using RelationshipGrains.Customers;
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

    private readonly ConcurrentDictionary<MethodInfo, Access> _access = new();

    private enum Access
    {
        Closed,
        Open,

        /// <summary>Open, with a request whose author may name a person (a timeline entry or a status change).</summary>
        OpenAuthored,
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        // Cheapest checks first: every HTTP request reaches grains through the hosted client, so telling it apart is
        // left for the calls that would otherwise be refused or checked.
        if (options.Value.ChannelAppsOnly && context.SourceId is { } source && source.IsClient()
            && (context.InterfaceMethod is { } method ? _access.GetOrAdd(method, static (m, filter) => filter.Classify(m), this) : Access.Closed) is var access
            && access != Access.Open && !IsHostedClient(source))
        {
            if (access == Access.Closed)
            {
                throw new RelationshipForbiddenException(
                    $"{context.InterfaceName}.{context.MethodName} is not open to grain clients; use the HTTP API with a key of the right role.");
            }

            RefuseStatedNames(context.Request);
        }

        return context.Invoke();
    }

    /// <summary>
    /// A name is what marks a signed-in person as an entry's author: the HTTP API takes it from their token and refuses
    /// one a key states. A channel app is admitted as a key is, so it may not state one either: it could otherwise
    /// record "Refund approved" as any member of staff.
    /// </summary>
    private static void RefuseStatedNames(IInvokable request)
    {
        for (var i = 0; i < request.GetArgumentCount(); i++)
        {
            if (request.GetArgument(i) is RecordInteraction { Author.Name: not null } or ChangeEntryStatus { Author.Name: not null })
            {
                throw new RelationshipValidationException("author.name", "author.name comes from a person's sign-in; a grain client names staff by author.id only.");
            }
        }
    }

    private Access Classify(MethodInfo method) =>
        !IsOpenToClients(method) ? Access.Closed
        : method.GetParameters().Any(p => p.ParameterType == typeof(RecordInteraction) || p.ParameterType == typeof(ChangeEntryStatus)) ? Access.OpenAuthored
        : Access.Open;

    private bool IsOpenToClients(MethodInfo method) =>
        method.GetCustomAttribute<ChannelSurfaceAttribute>() is not null
        || (method.DeclaringType?.FullName is { } name && (OrleansClientInterfaces.Contains(name) || _alsoOpen.Contains(name)));

    /// <summary>The silo's own client (the HTTP API, which checks roles itself) is named <c>hosted-</c> by Orleans.</summary>
    private static bool IsHostedClient(GrainId source) => source.Key.AsSpan().StartsWith("hosted-"u8);
}
