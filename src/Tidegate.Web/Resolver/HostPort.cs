using System.Net;
using System.Net.Sockets;

namespace Tidegate.Web.Resolver;

/// <summary>
/// A peer written as nginx's ngx_parse_url reads it without resolving (cosocket peers, resolver
/// servers): <c>unix:/path</c>, <c>[v6]:port</c> or <c>host:port</c>, where the host is an
/// address only if it is a strict dotted quad (ngx_inet_addr) — anything else, "127.1" too, is a
/// name for the resolver. <see cref="Error"/> holds nginx's u->err text when the text is bad.
/// </summary>
public readonly record struct HostPort(string Host, int Port, IPAddress? Address, string? UnixPath, string? Error)
{
    /// <summary>The unix path's limit: sun_path (108 bytes) less its terminating NUL.</summary>
    private const int MaxUnixPath = 107;

    public bool IsUnix => UnixPath is not null;

    public static HostPort Parse(string text, int defaultPort)
    {
        if (text.Length >= 5 && text.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            string path = text[5..];
            if (path.Length == 0) return Fail("no path in the unix domain socket");
            if (System.Text.Encoding.UTF8.GetByteCount(path) > MaxUnixPath) return Fail("too long path in the unix domain socket");
            return new HostPort(path, 0, null, path, null);
        }
        return text.StartsWith('[') ? ParseIPv6(text, defaultPort) : ParseInet(text, defaultPort);
    }

    private static HostPort ParseIPv6(string text, int defaultPort)
    {
        int close = text.IndexOf(']');
        if (close < 0) return Fail("invalid host");
        string rest = text[(close + 1)..];
        if (rest.Contains('/')) return Fail("invalid host");
        int port = defaultPort;
        if (rest.Length > 0)
        {
            if (rest[0] != ':') return Fail("invalid host");
            port = Atoi(rest.AsSpan(1));
            if (port < 1 || port > 65535) return Fail("invalid port");
        }
        string inner = text[1..close];
        if (inner.Length == 0) return Fail("no host");
        if (!IPAddress.TryParse(inner, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6 || inner.Contains('%'))
            return Fail("invalid IPv6 address");
        return new HostPort(text[..(close + 1)], port, address, null, null);
    }

    private static HostPort ParseInet(string text, int defaultPort)
    {
        int end = text.Length;
        int uri = text.IndexOfAny(['/', '?']);
        if (uri >= 0) return Fail("invalid host");
        int colon = text.IndexOf(':');
        int port = defaultPort;
        if (colon >= 0)
        {
            port = Atoi(text.AsSpan(colon + 1));
            if (port < 1 || port > 65535) return Fail("invalid port");
            end = colon;
        }
        if (end == 0) return Fail("no host");
        string host = text[..end];
        return new HostPort(host, port, ParseIPv4(host), null, null);
    }

    private static HostPort Fail(string error) => new("", 0, null, null, error);

    /// <summary>nginx's ngx_atoi: decimal digits only; -1 for anything else (empty, sign, overflow).</summary>
    public static int Atoi(ReadOnlySpan<char> text)
    {
        if (text.Length == 0) return -1;
        long value = 0;
        foreach (char c in text)
        {
            if (c is < '0' or > '9') return -1;
            value = value * 10 + (c - '0');
            if (value > int.MaxValue) return -1;
        }
        return (int)value;
    }

    /// <summary>
    /// nginx's ngx_inet_addr: exactly four dot-separated parts of digits, each at most 255 (an
    /// empty part counts as 0, as in nginx); null otherwise. Stricter than IPAddress.TryParse,
    /// which takes "127.1" or "12" as addresses where nginx asks the resolver.
    /// </summary>
    public static IPAddress? ParseIPv4(ReadOnlySpan<char> text)
    {
        uint address = 0, octet = 0;
        int dots = 0;
        foreach (char c in text)
        {
            if (c is >= '0' and <= '9')
            {
                octet = octet * 10 + (uint)(c - '0');
                if (octet > 255) return null;
                continue;
            }
            if (c != '.') return null;
            address = (address << 8) + octet;
            octet = 0;
            dots++;
        }
        if (dots != 3) return null;
        address = (address << 8) + octet;
        return new IPAddress(new[] { (byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address });
    }
}
