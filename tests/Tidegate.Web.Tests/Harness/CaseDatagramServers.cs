using System.Text;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// The datagram-side fakes of one case — the DNS server of <c>--- dns</c> and the UDP peer of
/// <c>--- udp_backend</c> — started before the server under test and checked after its responses
/// (<c>--- dns_queries</c>, <c>--- udp_backend_received</c>).
/// </summary>
public sealed class CaseDatagramServers : IDisposable
{
    private FakeDnsServer? dns;
    private FakeUdpBackend? udp;

    public static CaseDatagramServers Start(WebCase c, ServerProcess server)
    {
        var servers = new CaseDatagramServers();
        if (c.Get("dns") is { } zone) servers.dns = new FakeDnsServer(server.Substitute(zone), server.DnsPort);
        if (c.Get("udp_backend") is { } script) servers.udp = new FakeUdpBackend(server.Substitute(script), server.UdpPort);
        return servers;
    }

    public void Check(WebCase c, List<string> failures)
    {
        if (c.Get("dns_queries") is { } expectedQueries && dns is not null)
        {
            var expected = Lines(expectedQueries).Select(l => l.Trim().ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
            var actual = dns.Queries.Select(q => q.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
            if (!expected.SequenceEqual(actual))
                failures.Add($"dns queries: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        }
        if (c.Get("udp_backend_received") is { } expectedDatagrams && udp is not null)
        {
            var expected = Lines(expectedDatagrams).Select(l => Encoding.Latin1.GetString(WebCase.Unescape(l))).ToList();
            // Datagrams sent just before the response may still be on their way to the fake's loop.
            List<string> actual = new();
            for (int i = 0; i < 50; i++)
            {
                actual = udp.Received.Select(d => Encoding.Latin1.GetString(d)).ToList();
                if (actual.Count >= expected.Count) break;
                Thread.Sleep(20);
            }
            if (!expected.SequenceEqual(actual))
                failures.Add($"udp backend received: expected [{string.Join(" | ", expected)}], got [{string.Join(" | ", actual)}]");
        }
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0);

    public void Dispose()
    {
        dns?.Dispose();
        udp?.Dispose();
    }
}
