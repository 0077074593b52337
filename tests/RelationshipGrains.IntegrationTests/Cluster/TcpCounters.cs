namespace RelationshipGrains.IntegrationTests.Cluster;

/// <summary>
/// The machine's count of connection requests dropped at a full accept queue, and of connection requests sent again
/// (after 1 s, then 2 s more), from /proc/net/netstat. A new connection that waits out a resend adds whole seconds to the
/// request it carries, which no process's CPU or log shows. Linux only; elsewhere both read zero.
/// </summary>
internal readonly record struct TcpCounters(long ListenOverflows, long SynResends)
{
    public static TcpCounters Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return default;
        }

        // Two lines per protocol: the field names, then their values.
        var lines = File.ReadAllLines("/proc/net/netstat");
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (lines[i].StartsWith("TcpExt:", StringComparison.Ordinal))
            {
                var names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var values = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                long Field(string name) => Array.IndexOf(names, name) is var at and > 0 ? long.Parse(values[at], System.Globalization.CultureInfo.InvariantCulture) : 0;
                return new TcpCounters(Field("ListenOverflows"), Field("TCPSynRetrans"));
            }
        }

        return default;
    }

    public static TcpCounters operator -(TcpCounters later, TcpCounters earlier) =>
        new(later.ListenOverflows - earlier.ListenOverflows, later.SynResends - earlier.SynResends);

    public override string ToString() =>
        $"{SynResends} connection requests were sent again and {ListenOverflows} dropped at a full accept queue, machine-wide";
}
