using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Examples;

/// <summary>
/// The README's example, examples/gateway/nginx.conf, run as it is (only its two ports moved to
/// free ones, and nginx's load_module preamble added for nginx) against tidegate and nginx: the
/// Lua key check refuses, the rewrite and the upstream answer, the catch-all 404.
/// </summary>
public class GatewayExampleTests
{
    public static IEnumerable<object[]> Servers()
    {
        yield return new object[] { ServerKind.Tidegate };
        if (ServerProcess.NginxAvailable) yield return new object[] { ServerKind.Nginx };
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void TheExampleRunsAsWritten(ServerKind kind)
    {
        using var server = new ServerProcess(kind);
        int backendPort = ServerProcess.FreePort();
        string config = File.ReadAllText(Path.Combine(ServerProcess.RepositoryRoot, "examples", "gateway", "nginx.conf"));
        Assert.Contains("127.0.0.1:8090", config);
        Assert.Contains("127.0.0.1:8091", config);
        config = config.Replace("127.0.0.1:8090", $"127.0.0.1:{server.Port}").Replace("127.0.0.1:8091", $"127.0.0.1:{backendPort}");
        server.WriteFile("conf/nginx.conf", server.ModulePreamble + config);
        Assert.True(server.Start(TimeSpan.FromSeconds(20)), $"{kind} did not start: {server.Stderr}");

        var refused = Get(server.Port, "/api/users/7", null);
        Assert.Equal(401, refused.Status);
        Assert.Equal("ApiKey realm=\"gateway\"", refused.Header("WWW-Authenticate"));

        var alice = Get(server.Port, "/api/users/7", "key-alice");
        Assert.Equal(200, alice.Status);
        Assert.Equal("{\"path\":\"/users/7\",\"args\":\"\",\"user\":\"alice\",\"key_seen\":\"\"}\n", alice.BodyText);

        var bob = Get(server.Port, "/api/orders?limit=2", "key-bob");
        Assert.Equal(200, bob.Status);
        Assert.Equal("{\"path\":\"/orders\",\"args\":\"limit=2\",\"user\":\"bob\",\"key_seen\":\"\"}\n", bob.BodyText);

        var wrongKey = Get(server.Port, "/api/orders", "key-mallory");
        Assert.Equal(401, wrongKey.Status);

        var elsewhere = Get(server.Port, "/elsewhere", "key-alice");
        Assert.Equal(404, elsewhere.Status);
        Assert.Equal("{\"error\":\"no such route\"}\n", elsewhere.BodyText);

        server.Stop();
        Assert.DoesNotContain("[error]", server.ErrorLog);
        Assert.DoesNotContain("[alert]", server.ErrorLog);
    }

    private static WireResponse Get(int port, string path, string? key)
    {
        string request = $"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            + (key is null ? "" : $"X-Api-Key: {key}\r\n") + "\r\n";
        var responses = HttpExchange.ParseAll(HttpExchange.SendRaw(port, Encoding.ASCII.GetBytes(request), TimeSpan.FromSeconds(10)));
        Assert.Single(responses);
        return responses[0];
    }
}
