using System.Net;
using System.Net.Sockets;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Validation;

/// <summary>
/// A URL we will call out to (partner webhooks): absolute http(s), and never an address inside our own network.
/// Loopback, link-local (including the 169.254.169.254 cloud metadata service), private, unique-local and
/// unspecified addresses are refused, as is "localhost", so a partner cannot point us at ourselves (SSRF).
/// Names are checked again when the call is made, since DNS can change.
/// </summary>
public static class OutboundUrl
{
    /// <summary>Checks the URL and returns it.</summary>
    /// <param name="url">The URL we are asked to call.</param>
    /// <param name="field">The field's name in the JSON spelling of the HTTP API, used as the error's field and in its message.</param>
    /// <returns>The URL, unchanged.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The URL is missing, longer than 2,000 characters, not absolute http or https, or its host is <c>localhost</c>
    /// (or under <c>.localhost</c>) or an internal IP address (see <see cref="IsInternal"/>). A host name is not
    /// resolved here.
    /// </exception>
    public static string Check(string url, string field)
    {
        // "localhost." is the same name as "localhost": a trailing dot only marks it fully qualified.
        var host = Validation.Check.HttpUrl(url, field).IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IsInternal(address)))
        {
            throw new RelationshipValidationException(field, $"{field} points inside our network ({host}); use a public address.");
        }

        return url;
    }

    /// <summary>Whether an address is one we must never call on a partner's say-so.</summary>
    /// <param name="address">The address to judge; an IPv4 address mapped into IPv6 is judged as IPv4.</param>
    /// <returns>
    /// True for loopback, unspecified and broadcast addresses; IPv4 0/8, 10/8, 100.64/10, 169.254/16, 172.16/12,
    /// 192.168/16 and everything from 224 up; IPv6 link-local, site-local, unique-local and multicast.
    /// </returns>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] >= 224;
    }
}
