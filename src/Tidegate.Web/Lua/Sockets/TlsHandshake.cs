using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>How one TLS handshake ended: a failure's error value and the error-log line nginx writes for it.</summary>
public readonly record struct TlsOutcome(string? Error, int VerifyCode, string? LogLine, bool LogAlways)
{
    public bool Ok => Error is null;
}

/// <summary>
/// The client side of tcpsock:sslhandshake over .NET's SslStream, answering as ngx_lua 0.10.23
/// does with OpenSSL 3: the handshake itself accepts any certificate (nginx's verify callback
/// does too) and only afterwards, when ssl_verify was asked for, the verification result is
/// checked ("20: unable to get local issuer certificate", "18: self-signed certificate", ...)
/// and then the host name ("certificate host mismatch"). Verification builds the chain from the
/// peer's certificates up to a lua_ssl_trusted_certificate certificate and maps .NET's chain
/// status to OpenSSL's verify codes, as measured against nginx (see docs/web.md).
/// </summary>
public static partial class TlsHandshake
{
    public static async ValueTask<TlsOutcome> RunAsync(CosocketConnection connection, string? serverName, bool verify,
        TlsClientSettings settings, int timeoutMs)
    {
        (int Code, string Text) verdict = (0, "ok");
        var stream = new SslStream(new NetworkStream(connection.Socket, ownsSocket: false), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            // No SNI without a server name, as nginx sends none then.
            TargetHost = serverName ?? "",
            EnabledSslProtocols = settings.Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                if (verify) verdict = Verify(certificate as X509Certificate2 ?? (certificate is null ? null : new X509Certificate2(certificate)), chain, settings);
                return true;
            },
        };
        using var cts = timeoutMs > 0 ? new CancellationTokenSource(timeoutMs) : null;
        try
        {
            await stream.AuthenticateAsClientAsync(options, cts?.Token ?? default);
        }
        catch (OperationCanceledException)
        {
            stream.Dispose();
            return new TlsOutcome("timeout", 0, null, false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            stream.Dispose();
            return new TlsOutcome("handshake failed", 0, HandshakeLogLine(e), true);
        }

        if (verify)
        {
            if (verdict.Code != 0)
            {
                stream.Dispose();
                return new TlsOutcome($"{verdict.Code}: {verdict.Text}", verdict.Code,
                    $"lua ssl certificate verify error: ({verdict.Code}: {verdict.Text})", false);
            }
            if (!string.IsNullOrEmpty(serverName) && stream.RemoteCertificate is { } remote
                && !new X509Certificate2(remote).MatchesHostname(serverName, allowWildcards: true, allowCommonName: true))
            {
                stream.Dispose();
                return new TlsOutcome("certificate host mismatch", 0, $"lua ssl certificate does not match host \"{serverName}\"", false);
            }
        }
        connection.Tls = stream;
        return new TlsOutcome(null, 0, null, false);
    }

    /// <summary>nginx's line for a failed handshake: the peer's close, or OpenSSL's error queue as .NET passes it on.</summary>
    private static string HandshakeLogLine(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (OpenSslError().Match(x.Message) is { Success: true } m) return $"SSL_do_handshake() failed (SSL: {m.Value})";
        // .NET reads the first record header itself and refuses bytes that are no TLS record, where
        // OpenSSL (which nginx uses) names the record's bad version.
        for (var x = e; x is not null; x = x.InnerException)
            if (x.Message.Contains("corrupted frame", StringComparison.Ordinal))
                return "SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number)";
        for (var x = e; x is not null; x = x.InnerException)
            if (x is IOException && x.InnerException is null && x.Message.Contains("EOF", StringComparison.Ordinal)
                || x is SocketException { SocketErrorCode: SocketError.ConnectionReset })
                return "peer closed connection in SSL handshake";
        return $"SSL_do_handshake() failed (SSL: {e.GetBaseException().Message})";
    }

    [GeneratedRegex(@"error:[0-9A-F]{8}:[^\r\n]*")]
    private static partial Regex OpenSslError();

    /// <summary>OpenSSL's verify result for the peer's certificate (0 = ok), with its error string.</summary>
    private static (int Code, string Text) Verify(X509Certificate2? leaf, X509Chain? presented, TlsClientSettings settings)
    {
        if (leaf is null) return (50, "application verification failure");
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.VerificationFlags = X509VerificationFlags.NoFlag;
        if (settings.TrustedCertificates is { } trusted) policy.CustomTrustStore.AddRange(trusted);
        // The intermediates the peer sent (SslStream puts them in the extra store of the chain it built).
        if (presented is not null) policy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        chain.Build(leaf);

        var flags = X509ChainStatusFlags.NoError;
        foreach (var status in chain.ChainStatus) flags |= status.Status;
        int length = chain.ChainElements.Count;

        // The chain is built first: an untrusted self-signed end, or an issuer found nowhere.
        if ((flags & X509ChainStatusFlags.UntrustedRoot) != 0)
            return length == 1 ? (18, "self-signed certificate") : (19, "self-signed certificate in certificate chain");
        if ((flags & X509ChainStatusFlags.PartialChain) != 0)
            return settings.TrustedCertificates is not null && length == 1
                ? (21, "unable to verify the first certificate")
                : (20, "unable to get local issuer certificate");
        // lua_ssl_verify_depth: the intermediates allowed between the peer and a trusted certificate;
        // OpenSSL stops looking for issuers there, so the chain ends unfinished.
        if (length - 2 > settings.VerifyDepth) return (20, "unable to get local issuer certificate");
        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            foreach (var element in chain.ChainElements)
                if (element.Certificate.NotBefore > DateTime.Now) return (9, "certificate is not yet valid");
            return (10, "certificate has expired");
        }
        if ((flags & X509ChainStatusFlags.NotSignatureValid) != 0) return (7, "certificate signature failure");
        if ((flags & X509ChainStatusFlags.InvalidBasicConstraints) != 0) return (24, "invalid CA certificate");
        if ((flags & X509ChainStatusFlags.NotValidForUsage) != 0) return (26, "unsupported certificate purpose");
        if (flags != X509ChainStatusFlags.NoError) return (1, "unspecified certificate verification error");
        return (0, "ok");
    }
}

/// <summary>
/// The session value sslhandshake returns (ngx_lua gives an SSL_SESSION cdata). Passing it back
/// is accepted; .NET's SslStream resumes sessions from its own cache, keyed by the server name.
/// </summary>
public sealed class TlsSession
{
    public TlsSession(string? serverName, SslProtocols protocol) { ServerName = serverName; Protocol = protocol; }

    public string? ServerName { get; }
    public SslProtocols Protocol { get; }
}
