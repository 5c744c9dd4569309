using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// Certificates for the TLS cases, made once per test run with .NET's CertificateRequest and
/// written as PEM files into one directory (<c>$TEST_NGINX_CERTS</c>):
/// <code>
/// ca.crt          "Tidegate Test Root", the CA the cases trust (lua_ssl_trusted_certificate)
/// other-ca.crt    an unrelated CA
/// int.crt         an intermediate CA signed by the root
/// leaf.crt        test.example (SAN test.example, *.wild.example) signed by the root
/// chain-leaf.crt  test.example signed by the intermediate (the backend sends it with int.crt)
/// self.crt        a self-signed test.example
/// expired.crt     test.example signed by the root, expired yesterday
/// </code>
/// The backend's names for them (<c>--- backend_tls: leaf</c>) are leaf, chain, self and expired.
/// </summary>
public static class TestCertificates
{
    private static readonly Lazy<Set> set = new(Create);

    public static string Directory => set.Value.Directory;

    /// <summary>The certificate (with its key) a TLS backend presents and the intermediates it sends along.</summary>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain) Backend(string name)
    {
        var s = set.Value;
        return name switch
        {
            "leaf" => (s.Leaf, new X509Certificate2Collection()),
            "chain" => (s.ChainLeaf, new X509Certificate2Collection { s.Intermediate }),
            "self" => (s.Self, new X509Certificate2Collection()),
            "expired" => (s.Expired, new X509Certificate2Collection()),
            _ => throw new ArgumentException($"unknown backend certificate \"{name}\" (leaf, chain, self, expired)"),
        };
    }

    private sealed record Set(string Directory, X509Certificate2 Leaf, X509Certificate2 ChainLeaf, X509Certificate2 Intermediate,
        X509Certificate2 Self, X509Certificate2 Expired);

    private static Set Create()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"tidegate-certs-{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { System.IO.Directory.Delete(dir, true); } catch (IOException) { } };
        var now = DateTimeOffset.UtcNow;

        var root = Authority("Tidegate Test Root", null, now);
        var other = Authority("Tidegate Other Root", null, now);
        var intermediate = Authority("Tidegate Test Intermediate", root, now);
        var leaf = Server("test.example", root, now.AddDays(-1), now.AddDays(30), "*.wild.example");
        var chainLeaf = Server("test.example", intermediate, now.AddDays(-1), now.AddDays(30));
        var self = Server("test.example", null, now.AddDays(-1), now.AddDays(30));
        var expired = Server("test.example", root, now.AddDays(-30), now.AddDays(-1));

        void Write(string file, X509Certificate2 c) => File.WriteAllText(Path.Combine(dir, file), c.ExportCertificatePem() + "\n");
        Write("ca.crt", root);
        Write("other-ca.crt", other);
        Write("int.crt", intermediate);
        Write("leaf.crt", leaf);
        Write("chain-leaf.crt", chainLeaf);
        Write("self.crt", self);
        Write("expired.crt", expired);
        return new Set(dir, leaf, chainLeaf, intermediate, self, expired);
    }

    private static X509Certificate2 Authority(string name, X509Certificate2? issuer, DateTimeOffset now)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null) return request.CreateSelfSigned(now.AddDays(-60), now.AddDays(60));
        using var signed = request.Create(issuer, now.AddDays(-59), now.AddDays(59), Serial());
        return signed.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 Server(string name, X509Certificate2? issuer, DateTimeOffset from, DateTimeOffset to, params string[] moreNames)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        foreach (var more in moreNames) san.AddDnsName(more);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        X509Certificate2 certificate;
        if (issuer is null) certificate = request.CreateSelfSigned(from, to);
        else
        {
            using var signed = request.Create(issuer, from, to, Serial());
            certificate = signed.CopyWithPrivateKey(key);
        }
        // SslStream on Linux wants a certificate whose key it can export to OpenSSL: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f; // a positive serial number
        return serial;
    }
}
