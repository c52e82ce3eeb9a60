using System.Net;
using System.Net.Sockets;

namespace Portal.Infrastructure.Events;

/// <summary>
/// Keeps webhooks away from Portal's own network: loopback, private, link-local, shared, reserved and multicast
/// addresses are refused, at registration and again when connecting (so DNS cannot be switched afterwards).
/// An IPv6 address that carries an IPv4 address (mapped, NAT64, 6to4, Teredo) is judged by that IPv4 address,
/// because that is where the packets end up.
/// </summary>
public static class AddressGuard
{
    /// <summary>
    /// IPv4 ranges that are not someone else's public server. The documentation ranges (192.0.2.0/24, 198.51.100.0/24,
    /// 203.0.113.0/24) are left out on purpose: nothing answers there, and the tests register them as public endpoints
    /// that are never dialled.
    /// </summary>
    private static readonly IPNetwork[] RefusedIPv4 = Networks(
        "0.0.0.0/8",       // "this network"
        "10.0.0.0/8",      // private
        "100.64.0.0/10",   // carrier-grade NAT, shared
        "127.0.0.0/8",     // loopback
        "169.254.0.0/16",  // link-local, cloud metadata (169.254.169.254)
        "172.16.0.0/12",   // private
        "192.0.0.0/24",    // IETF protocol assignments
        "192.88.99.0/24",  // former 6to4 relays
        "192.168.0.0/16",  // private
        "198.18.0.0/15",   // benchmarking, used inside networks
        "224.0.0.0/4",     // multicast
        "240.0.0.0/4");    // reserved, broadcast

    /// <summary>Only global unicast IPv6 is public; everything outside it (::, ::1, fc00::/7, fe80::/10, ff00::/8 …) is not.</summary>
    private static readonly IPNetwork GlobalUnicastIPv6 = IPNetwork.Parse("2000::/3");

    /// <summary>Global unicast IPv6 that still is nobody's public server.</summary>
    private static readonly IPNetwork[] RefusedIPv6 = Networks(
        "2001:2::/48",     // benchmarking
        "2001:10::/28",    // ORCHID
        "2001:20::/28",    // ORCHIDv2
        "2001:db8::/32",   // documentation
        "3fff::/20");      // documentation

    private static readonly IPNetwork Translated = IPNetwork.Parse("::ffff:0:0:0/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");

    public static bool IsPublic(IPAddress address)
    {
        // First, and not through IPNetwork: its Contains takes a mapped address for IPv4 even against an IPv6 network
        // (dotnet/runtime#131861), so ::ffff:10.0.0.1 would fall inside 2000::/3.
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork) return !RefusedIPv4.Any(n => n.Contains(address));
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        var carried = CarriedIPv4(address);
        if (carried.Length > 0) return carried.All(IsPublic);
        // The local-use NAT64 prefix 64:ff9b:1::/48 and IPv4-compatible ::a.b.c.d lie outside 2000::/3 and are refused here.
        return GlobalUnicastIPv6.Contains(address) && !RefusedIPv6.Any(n => n.Contains(address));
    }

    /// <summary>The IPv4 addresses an IPv6 address (not a mapped one) delivers to: Teredo carries its server and its client (stored inverted).</summary>
    private static IPAddress[] CarriedIPv4(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (Translated.Contains(address) || Nat64.Contains(address)) return [new IPAddress(b[12..16])];
        if (SixToFour.Contains(address)) return [new IPAddress(b[2..6])];
        if (Teredo.Contains(address)) return [new IPAddress(b[4..8]), new IPAddress(b[12..16].Select(x => (byte)~x).ToArray())];
        return [];
    }

    private static IPNetwork[] Networks(params string[] cidrs) => [.. cidrs.Select(IPNetwork.Parse)];

    /// <summary>May Portal send to this address? Loopback only when the test-only setting allows it.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback) =>
        IsPublic(address) || (allowLoopback && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

    public static async Task<bool> HostIsAllowedAsync(string host, bool allowLoopback, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            return false;
        }
        return addresses.Length > 0 && addresses.All(a => IsAllowed(a, allowLoopback));
    }

    /// <summary>
    /// Opens the webhook's connection: the name is resolved here, when connecting, and only an allowed address is
    /// dialled, so a name that pointed outward at registration cannot be turned inward later (DNS rebinding).
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowLoopback, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(endPoint.Host, ct);
        var target = addresses.FirstOrDefault(a => IsAllowed(a, allowLoopback))
            ?? throw new HttpRequestException($"{endPoint.Host} is not a public address.");
        if (target.IsIPv4MappedToIPv6) target = target.MapToIPv4();
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, endPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
