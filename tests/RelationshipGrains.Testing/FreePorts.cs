using System.Net;
using System.Net.Sockets;

namespace RelationshipGrains.Testing;

public static class FreePorts
{
    // Below the range the operating system hands out to outgoing connections (32768 and up on Linux, 49152 and up on
    // Windows): a port from that range, which is what binding port 0 gives, can be taken by any connection this machine
    // opens before the silo binds it. Seen: a kill-test silo failed to start with "address already in use" while the
    // other silos were opening connections to Azurite. 25672 is RabbitMQ's distribution port.
    private const int First = 20_000;
    private const int Last = 31_999;
    private static readonly int[] Reserved = [25_672];
    private static readonly Lock Gate = new();

    // Each test process starts at a place of its own, so two running side by side rarely try the same port.
    private static int _next = First + Random.Shared.Next(Last - First);

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now and that no outgoing connection will take.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var tried = 0; tried <= Last - First; tried++)
            {
                var port = _next;
                _next = port == Last ? First : port + 1;
                if (!Reserved.Contains(port) && IsFree(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free TCP port on 127.0.0.1 between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
