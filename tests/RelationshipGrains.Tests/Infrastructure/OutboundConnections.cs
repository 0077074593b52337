using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>
/// Every host name this process resolves, HTTP host it requests and socket address it connects to, from .NET's own
/// networking events. The listener sees the whole test process, whose tests only ever talk to 127.0.0.1.
/// </summary>
public sealed class OutboundConnections : EventListener
{
    private readonly ConcurrentQueue<string> _seen = new();

    public IReadOnlyCollection<string> Seen => _seen;

    /// <summary>What was reached beyond this machine's loopback.</summary>
    public IReadOnlyList<string> BeyondLoopback => [.. _seen.Where(s => !IsLoopback(s)).Distinct()];

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name is "System.Net.NameResolution" or "System.Net.Http" or "System.Net.Sockets")
        {
            EnableEvents(source, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        var target = (e.EventSource.Name, e.EventName) switch
        {
            ("System.Net.NameResolution", "ResolutionStart") => Payload(e, "hostNameOrAddress"),
            ("System.Net.Http", "RequestStart") => Payload(e, "host"),
            ("System.Net.Sockets", "ConnectStart") => AddressOf(Payload(e, "address")),
            _ => null,
        };
        if (target is not null)
        {
            _seen.Enqueue(target);
        }
    }

    private static string? Payload(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 ? e.Payload?[index]?.ToString() : null;
    }

    /// <summary>A socket address as .NET prints it ("InterNetwork:16:{0,80,127,0,0,1,...}"), as an IP address.</summary>
    private static string? AddressOf(string? socketAddress)
    {
        var open = socketAddress?.IndexOf('{') ?? -1;
        if (socketAddress is null || open < 0)
        {
            return socketAddress;
        }

        var bytes = socketAddress[(open + 1)..socketAddress.LastIndexOf('}')].Split(',').Select(byte.Parse).ToArray();
        return socketAddress.StartsWith("InterNetworkV6", StringComparison.Ordinal) && bytes.Length >= 24
            ? new IPAddress(bytes[8..24]).ToString()
            : socketAddress.StartsWith("InterNetwork", StringComparison.Ordinal) && bytes.Length >= 8
                ? new IPAddress(bytes[4..8]).ToString()
                : socketAddress;
    }

    /// <summary>Loopback, or this machine's own name (an empty name asks for it too).</summary>
    private static bool IsLoopback(string target) =>
        target.Length == 0
        || target.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || target.Equals(Dns.GetHostName(), StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(target.Trim('[', ']'), out var address) && (IPAddress.IsLoopback(address) || address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4())));
}
