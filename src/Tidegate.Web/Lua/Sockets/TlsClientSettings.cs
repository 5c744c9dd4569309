using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// What tcpsock:sslhandshake verifies against, from the lua_ssl_* directives of a location:
/// the trusted CA certificates (lua_ssl_trusted_certificate, null when none is configured),
/// lua_ssl_verify_depth (intermediate certificates allowed between the peer's certificate and a
/// trusted one; nginx's default 1) and lua_ssl_protocols (ngx_lua 0.10.23's default is TLSv1,
/// TLSv1.1 and TLSv1.2; the first two are refused by the system's OpenSSL anyway, so TLS 1.2).
/// </summary>
public sealed record TlsClientSettings
{
    public static readonly TlsClientSettings Default = new();

    public X509Certificate2Collection? TrustedCertificates { get; init; }
    public int VerifyDepth { get; init; } = 1;
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12;
}
