using System.Net.Sockets;

namespace RelationshipGrains.IntegrationTests.Infrastructure;

public static class LocalService
{
    /// <summary>Fails loudly, saying how to start it, when a service the tests need is not listening on 127.0.0.1.</summary>
    public static async Task RequireAsync(string name, int port, string script)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"{name} is not answering on 127.0.0.1:{port}. Start it with 'bash infra/services/{script}' "
                + "(the test command 'bash infra/test.sh' does this for you).", e);
        }
    }
}
