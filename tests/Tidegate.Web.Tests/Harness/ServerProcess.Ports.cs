namespace Tidegate.Web.Tests.Harness;

public sealed partial class ServerProcess
{
    // Ports are never handed out twice in a run (FreePort), so the extra ones are taken only when
    // a case names them: a run of thousands of servers must not use up the ephemeral range.
    private readonly Lazy<int>[] extraPorts = { new(FreePort), new(FreePort), new(FreePort), new(FreePort) };
    private readonly Lazy<int> backendPort = new(FreePort);

    /// <summary>
    /// The port of the case's fake backend (<see cref="FakeBackend"/>); with no backend section
    /// nothing listens there, so it is also a port that refuses connections.
    /// </summary>
    public int BackendPort => backendPort.Value;

    /// <summary>
    /// The case's text with its port placeholders filled in: <c>$TEST_NGINX_SERVER_PORT</c>,
    /// <c>$TEST_NGINX_PORT_1</c> .. <c>_4</c> (free ports for more server blocks, e.g. backends
    /// of an upstream; one not listened on refuses), <c>$TEST_NGINX_BACKEND_PORT</c> and
    /// <c>$TEST_NGINX_PREFIX</c>, and the real servers' <c>$TEST_NGINX_REDIS_PORT</c>,
    /// <c>$TEST_NGINX_MEMCACHED_PORT</c>, the per-server-kind <c>$TEST_NGINX_OWN_REDIS_PORT</c> and
    /// <c>$TEST_NGINX_OWN_MEMCACHED_PORT</c> (<see cref="ServiceFixtures"/>) and the directory of the
    /// TLS cases' certificates, <c>$TEST_NGINX_CERTS</c> (<see cref="TestCertificates"/>).
    /// </summary>
    public string Substitute(string text)
    {
        text = text.Replace("$TEST_NGINX_SERVER_PORT", Port.ToString()).Replace("$TEST_NGINX_PREFIX", Prefix);
        if (text.Contains("$TEST_NGINX_BACKEND_PORT")) text = text.Replace("$TEST_NGINX_BACKEND_PORT", BackendPort.ToString());
        for (int i = 0; i < extraPorts.Length; i++)
        {
            string placeholder = $"$TEST_NGINX_PORT_{i + 1}";
            if (text.Contains(placeholder)) text = text.Replace(placeholder, extraPorts[i].Value.ToString());
        }
        if (text.Contains("$TEST_NGINX_CERTS")) text = text.Replace("$TEST_NGINX_CERTS", TestCertificates.Directory);
        return ServiceFixtures.Substitute(SubstituteUdp(text), Kind);
    }
}
