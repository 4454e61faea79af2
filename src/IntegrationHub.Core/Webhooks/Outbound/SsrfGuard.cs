using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>
/// Decides, after DNS resolution, whether an address may be connected to: loopback, private (RFC 1918, CGNAT, ULA),
/// link-local (incl. 169.254.169.254 metadata), multicast, unspecified and other reserved ranges are refused unless an
/// allow-listed CIDR covers them. Applied in the HTTP connect callback, so a DNS change after saving cannot bypass it.
/// </summary>
public sealed class SsrfGuard(IEnumerable<string> allowedNetworks)
{
    private static readonly IPNetwork[] Blocked =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
        IPNetwork.Parse("64:ff9b::/96"),
    ];

    private readonly IPNetwork[] _allowed = allowedNetworks.Select(IPNetwork.Parse).ToArray();

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (_allowed.Any(n => n.Contains(address))) return true;
        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !Blocked.Any(n => n.Contains(address));
    }

    /// <summary>Resolves the host and returns the first allowed address, or throws <see cref="SsrfBlockedException"/>.</summary>
    public async Task<IPAddress> ResolveAsync(string host, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0) throw new SsrfBlockedException($"{host} does not resolve");
        // Every address must be allowed: a name that resolves to both a public and a private address is refused.
        if (addresses.FirstOrDefault(a => !IsAllowed(a)) is { } blocked) throw new SsrfBlockedException($"{host} resolves to a blocked address ({Describe(blocked)})");
        return addresses[0];
    }

    private static string Describe(IPAddress a) => IPAddress.IsLoopback(a) ? "loopback" : a.IsIPv6LinkLocal || a.ToString().StartsWith("169.254.") ? "link-local" : "private or reserved";
}

public sealed class SsrfBlockedException(string message) : Exception(message);
