using System.Net;
using Tidegate.Web.Resolver;

namespace Tidegate.Web.Tests.Resolver;

/// <summary>Peers as nginx's ngx_parse_url and ngx_inet_addr read them (the errors were read off nginx).</summary>
public class HostPortTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("10.1.2.255", "10.1.2.255")]
    [InlineData("1..2.3", "1.0.2.3")]
    [InlineData("127.1", null)]
    [InlineData("12", null)]
    [InlineData("1.2.3.4.5", null)]
    [InlineData("256.1.1.1", null)]
    [InlineData("a.test", null)]
    [InlineData("1.2.3.4 ", null)]
    public void StrictDottedQuads(string text, string? expected) =>
        Assert.Equal(expected, HostPort.ParseIPv4(text)?.ToString());

    [Theory]
    [InlineData("a.test:99", 53, "a.test", 99, null)]
    [InlineData("a.test", 53, "a.test", 53, null)]
    [InlineData("127.0.0.1:x", 0, "", 0, "invalid port")]
    [InlineData("127.0.0.1:0", 0, "", 0, "invalid port")]
    [InlineData("127.0.0.1:65536", 0, "", 0, "invalid port")]
    [InlineData("::1", 53, "", 0, "invalid port")]
    [InlineData("", 53, "", 0, "no host")]
    [InlineData(":53", 53, "", 0, "no host")]
    [InlineData("http://x", 53, "", 0, "invalid host")]
    [InlineData("a/b", 53, "", 0, "invalid host")]
    [InlineData("a?b", 53, "", 0, "invalid host")]
    [InlineData("[::1]:54", 53, "[::1]", 54, null)]
    [InlineData("[::1", 53, "", 0, "invalid host")]
    [InlineData("[::1]x", 53, "", 0, "invalid host")]
    [InlineData("[]", 53, "", 0, "no host")]
    [InlineData("[zz::1]", 53, "", 0, "invalid IPv6 address")]
    [InlineData("unix:", 0, "", 0, "no path in the unix domain socket")]
    public void Peers(string text, int defaultPort, string host, int port, string? error)
    {
        var p = HostPort.Parse(text, defaultPort);
        Assert.Equal(error, p.Error);
        if (error is not null) return;
        Assert.Equal(host, p.Host);
        Assert.Equal(port, p.Port);
    }

    [Fact]
    public void UnixPaths()
    {
        Assert.Equal("/tmp/x.sock", HostPort.Parse("UNIX:/tmp/x.sock", 0).UnixPath);
        Assert.Equal("too long path in the unix domain socket", HostPort.Parse("unix:/" + new string('a', 200), 0).Error);
    }

    [Fact]
    public void HostileInputNeverThrows()
    {
        foreach (var text in new[] { "[", "]", "[:]", "::::", "1.2.3.4:99999999999999999999", new string(':', 10000), "\0", "[\0]:1" })
            _ = HostPort.Parse(text, 53);
        Assert.Equal(IPAddress.Loopback, HostPort.Parse("127.0.0.1", 0).Address);
    }
}
