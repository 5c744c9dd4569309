using System.Net;
using Tidegate.Web.Upstreams;

namespace Tidegate.Web.Tests.Proxy;

/// <summary>
/// hash KEY consistent depends on the servers' names as written, so the differential corpus
/// (random ports) cannot compare it with nginx. These expectations were taken from nginx 1.22
/// with exactly this upstream: hash $arg_k consistent; server 127.0.0.1:18091;
/// server 127.0.0.1:18092; server 127.0.0.1:18093 weight=2.
/// </summary>
public class ConsistentHashTests
{
    [Theory]
    [InlineData("alpha", 2)]
    [InlineData("beta", 1)]
    [InlineData("gamma", 1)]
    [InlineData("delta", 0)]
    [InlineData("epsilon", 2)]
    [InlineData("zeta", 2)]
    [InlineData("mu", 2)]
    public void Key_goes_to_the_server_nginx_picks(string key, int expected)
    {
        var block = new UpstreamBlock("u") { Balancer = BalancerKind.ConsistentHash };
        int[] weights = { 1, 1, 2 };
        for (int i = 0; i < 3; i++)
        {
            var server = new UpstreamServer { Text = $"127.0.0.1:{18091 + i}", Weight = weights[i] };
            block.Servers.Add(server);
            block.Primary.Add(new UpstreamAddress { Server = server, EndPoint = new IPEndPoint(IPAddress.Loopback, 18091 + i), Name = server.Text });
        }
        var selection = new PeerSelection(UpstreamPeers.For(block), key, null, 0);
        var peer = selection.Pick();
        Assert.NotNull(peer);
        Assert.Equal($"127.0.0.1:{18091 + expected}", peer!.Server.Text);
    }
}
