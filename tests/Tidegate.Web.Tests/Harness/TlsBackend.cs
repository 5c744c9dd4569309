using System.Net.Security;
using System.Security.Authentication;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// The TLS mode of <see cref="FakeBackend"/>: <c>--- backend_tls: leaf|chain|self|expired</c>
/// makes the backend complete a TLS handshake as the server on every connection, presenting that
/// certificate of <see cref="TestCertificates"/>, before its script runs over the encrypted
/// stream. It records the server name (SNI) each client sent, for
/// <c>--- backend_sni: NAME</c> (the first connection's; <c>none</c> = no SNI sent).
/// </summary>
public sealed class TlsBackend
{
    private readonly SslStreamCertificateContext context;
    private readonly List<string> serverNames = new();

    private TlsBackend(string certificate)
    {
        var (leaf, chain) = TestCertificates.Backend(certificate);
        context = SslStreamCertificateContext.Create(leaf, chain, offline: true);
    }

    /// <summary>The backend's TLS mode for a case, or null for a plain backend.</summary>
    public static TlsBackend? For(WebCase c) => c.Get("backend_tls") is { } name ? new TlsBackend(name.Trim()) : null;

    public List<string> ServerNames { get { lock (serverNames) return serverNames.ToList(); } }

    public async Task<Stream> AcceptAsync(Stream transport, CancellationToken stop)
    {
        var stream = new SslStream(transport, leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = context,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        };
        // The options callback sees the client's hello, so the server name is recorded there.
        await stream.AuthenticateAsServerAsync(new ServerOptionsSelectionCallback((_, info, _, _) =>
        {
            lock (serverNames) serverNames.Add(string.IsNullOrEmpty(info.ServerName) ? "none" : info.ServerName);
            return ValueTask.FromResult(options);
        }), null, stop);
        return stream;
    }

    /// <summary>The <c>backend_sni</c> check.</summary>
    public static void Check(WebCase c, FakeBackend? backend, TlsBackend? tls, List<string> failures)
    {
        if (c.Get("backend_sni") is not { } expected) return;
        var names = tls?.ServerNames ?? new List<string>();
        if (names.Count == 0) failures.Add("the TLS backend saw no handshake");
        else if (names[0] != expected.Trim()) failures.Add($"backend SNI: expected \"{expected.Trim()}\", got \"{names[0]}\"");
    }
}
