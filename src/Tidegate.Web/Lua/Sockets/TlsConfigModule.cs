using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tidegate.Web.Config;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// The lua_ssl_* directives that tcpsock:sslhandshake uses: lua_ssl_trusted_certificate (a PEM
/// bundle, relative to the configuration's directory; read at start-up, so a missing file stops
/// it with OpenSSL's message as nginx prints it), lua_ssl_verify_depth and lua_ssl_protocols.
/// </summary>
public sealed class TlsConfigModule : IConfigModule
{
    public bool TryApply(ConfigDirective d, LocationSettings? settings, ConfigLevel level, ConfigCompiler compiler)
    {
        switch (d.Name)
        {
            case "lua_ssl_trusted_certificate":
                settings!.LuaTls = settings.LuaTls with { TrustedCertificates = LoadBundle(d.Arguments[0], compiler) };
                return true;
            case "lua_ssl_verify_depth":
                if (!int.TryParse(d.Arguments[0], System.Globalization.NumberStyles.None, null, out int depth))
                    throw ConfigException.At($"\"{d.Name}\" directive invalid number", d);
                settings!.LuaTls = settings.LuaTls with { VerifyDepth = depth };
                return true;
            case "lua_ssl_protocols":
                settings!.LuaTls = settings.LuaTls with { Protocols = Protocols(d) };
                return true;
            case "lua_ssl_ciphers":
                // OpenSSL cipher lists; .NET takes the system's policy, which nginx's default "DEFAULT" also is.
                return true;
        }
        return false;
    }

    public void Complete(ServerConfiguration config, ConfigCompiler compiler) { }

    private static SslProtocols Protocols(ConfigDirective d)
    {
        var protocols = SslProtocols.None;
        foreach (var name in d.Arguments)
        {
            protocols |= name switch
            {
                // SSLv2, SSLv3, TLSv1 and TLSv1.1 are accepted as nginx accepts them; the system's OpenSSL refuses to speak them.
                "SSLv2" or "SSLv3" or "TLSv1" or "TLSv1.1" => SslProtocols.None,
                "TLSv1.2" => SslProtocols.Tls12,
                "TLSv1.3" => SslProtocols.Tls13,
                _ => throw ConfigException.At($"invalid value \"{name}\"", d),
            };
        }
        return protocols == SslProtocols.None ? SslProtocols.Tls12 : protocols;
    }

    private static X509Certificate2Collection LoadBundle(string path, ConfigCompiler compiler)
    {
        string full = path.StartsWith('/') ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(compiler.ConfFile, compiler.Prefix))!, path);
        if (!File.Exists(full))
            throw new ConfigException($"SSL_CTX_load_verify_locations(\"{full}\") failed (SSL: error:80000002:system library::No such file or directory:calling fopen({full}, r) error:10000080:BIO routines::no such file error:05880002:x509 certificate routines::system lib)");
        var bundle = new X509Certificate2Collection();
        try { bundle.ImportFromPemFile(full); }
        catch (CryptographicException e)
        {
            throw new ConfigException($"SSL_CTX_load_verify_locations(\"{full}\") failed (SSL: {e.Message})");
        }
        return bundle;
    }
}
