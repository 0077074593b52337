using System.Net;
using System.Net.Sockets;

namespace RelationshipGrains.Benchmarks.Hosting;

internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
