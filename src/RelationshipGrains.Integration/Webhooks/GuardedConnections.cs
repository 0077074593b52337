using System.Net;
using System.Net.Sockets;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Integration.Webhooks;

/// <summary>
/// Opens webhook connections only to public addresses, checked on the address DNS gives at the moment of the call,
/// so a name that later resolves inside our network (DNS rebinding) is still refused.
/// </summary>
public static class GuardedConnections
{
    public static SocketsHttpHandler Handler(bool allowInternalTargets) => new()
    {
        AllowAutoRedirect = false,
        // Through a proxy (HTTP_PROXY, HTTPS_PROXY) the connection checked would be the proxy's, never the receiver's:
        // an internal proxy refused every webhook, a reachable one carried them to internal targets.
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = allowInternalTargets ? null : ConnectToPublicAsync,
    };

    private static async ValueTask<Stream> ConnectToPublicAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var target = addresses.FirstOrDefault(a => !OutboundUrl.IsInternal(a))
            ?? throw new HttpRequestException($"Refusing to call {context.DnsEndPoint.Host}: it resolves inside our network.");
        if (addresses.Any(OutboundUrl.IsInternal))
        {
            throw new HttpRequestException($"Refusing to call {context.DnsEndPoint.Host}: one of its addresses is inside our network.");
        }

        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
