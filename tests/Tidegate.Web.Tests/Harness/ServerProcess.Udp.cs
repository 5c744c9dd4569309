namespace Tidegate.Web.Tests.Harness;

public sealed partial class ServerProcess
{
    private readonly Lazy<int> dnsPort = new(FreePort);
    private readonly Lazy<int> udpPort = new(FreePort);

    /// <summary>The port of the case's fake DNS server (<see cref="FakeDnsServer"/>, UDP and TCP).</summary>
    public int DnsPort => dnsPort.Value;

    /// <summary>The port of the case's scripted UDP backend (<see cref="FakeUdpBackend"/>).</summary>
    public int UdpPort => udpPort.Value;

    /// <summary><c>$TEST_NGINX_DNS_PORT</c> and <c>$TEST_NGINX_UDP_PORT</c> (taken only when a case names them).</summary>
    private string SubstituteUdp(string text)
    {
        if (text.Contains("$TEST_NGINX_DNS_PORT", StringComparison.Ordinal)) text = text.Replace("$TEST_NGINX_DNS_PORT", DnsPort.ToString());
        if (text.Contains("$TEST_NGINX_UDP_PORT", StringComparison.Ordinal)) text = text.Replace("$TEST_NGINX_UDP_PORT", UdpPort.ToString());
        return text;
    }
}
