using System.Text;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// One server case from tests/web/*.t, in Test::Nginx's block format (familiar to OpenResty
/// users): <c>=== TEST n: name</c> then <c>--- section</c> blocks — main_config, http_config,
/// config, request, raw_request, more_headers, error_code, response_body, response_body_like,
/// response_headers, error_log, no_error_log, must_die, files, error_page, skip_nginx, nginx_flaky (the reference
/// run gets two more tries: for cases that meet a known fault of nginx's own modules at times).
/// Proxy cases add (see <see cref="CaseRequests"/> and <see cref="FakeBackend"/>): requests,
/// request_pause, response_bodies, response_statuses, backend (a scripted raw TCP upstream on
/// $TEST_NGINX_BACKEND_PORT), backend_request, backend_connections; $TEST_NGINX_PORT_1.._4 are
/// free ports for backend server blocks (<see cref="ServerProcess.Substitute"/>). TLS cases add
/// backend_tls (the backend's certificate: leaf, chain, self, expired) and backend_sni
/// (<see cref="TlsBackend"/>, <see cref="TestCertificates"/>, <c>$TEST_NGINX_CERTS</c>).
/// How the connection ends (see <see cref="ClientSteps"/>): abort_after_ms (the client closes N ms
/// after sending), abort_half_close (it only shuts down its sending side), response_closed (the
/// server closed without a byte), response_truncated (a response cut short by the close), and
/// wait (seconds to pause before reading the logs); access_log lists lines the access log must hold.
/// Datagram cases add (see <see cref="CaseDatagramServers"/>): dns (a scripted DNS server on
/// $TEST_NGINX_DNS_PORT, <see cref="FakeDnsServer"/>), dns_queries (the questions it got, any
/// order), udp_backend (a scripted UDP peer on $TEST_NGINX_UDP_PORT, <see cref="FakeUdpBackend"/>)
/// and udp_backend_received (the datagrams it got, in order).
/// </summary>
public sealed class WebCase
{
    public required string File { get; init; }
    public required int Index { get; init; }
    public required string Name { get; init; }
    public Dictionary<string, string> Sections { get; } = new(StringComparer.Ordinal);
    /// <summary>Arguments written after a section name (<c>--- response_body chomp</c>).</summary>
    public Dictionary<string, string> SectionArgs { get; } = new(StringComparer.Ordinal);

    public string Id => $"{Path.GetFileName(File)}#{Index}";
    public override string ToString() => $"{Id} {Name}";

    public string? Get(string name) => Sections.TryGetValue(name, out var v) ? v : null;
    public bool Has(string name) => Sections.ContainsKey(name);

    public static List<WebCase> ParseFile(string path)
    {
        var cases = new List<WebCase>();
        WebCase? current = null;
        string? section = null;
        var body = new StringBuilder();

        void Flush()
        {
            if (current is null || section is null) return;
            current.Sections[section] = TrimBlock(body.ToString());
            body.Clear();
            section = null;
        }

        foreach (var line in System.IO.File.ReadAllLines(path))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                Flush();
                current = new WebCase { File = path, Index = cases.Count + 1, Name = line[4..].Trim() };
                cases.Add(current);
                continue;
            }
            if (current is not null && line.StartsWith("--- ", StringComparison.Ordinal))
            {
                Flush();
                string header = line[4..].Trim();
                int colon = header.IndexOf(':');
                if (colon > 0 && !header[..colon].Contains(' '))
                {
                    current.Sections[header[..colon].Trim()] = header[(colon + 1)..].Trim();
                    continue;
                }
                int space = header.IndexOf(' ');
                section = space < 0 ? header : header[..space];
                if (space > 0) current.SectionArgs[section] = header[(space + 1)..].Trim();
                continue;
            }
            if (section is not null) body.Append(line).Append('\n');
        }
        Flush();
        return cases;
    }

    /// <summary>Leading and trailing blank lines go; the text keeps one final newline.</summary>
    private static string TrimBlock(string text)
    {
        var lines = text.Split('\n').ToList();
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        while (lines.Count > 0 && lines[0].Trim().Length == 0) lines.RemoveAt(0);
        return lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
    }

    /// <summary>Interprets \r \n \t \\ \xHH and \{x*N} (repeat) escapes (raw_request blocks).</summary>
    public static byte[] Unescape(string text)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                char n = text[++i];
                switch (n)
                {
                    case 'r': bytes.Add((byte)'\r'); continue;
                    case 'n': bytes.Add((byte)'\n'); continue;
                    case 't': bytes.Add((byte)'\t'); continue;
                    case '0': bytes.Add(0); continue;
                    case '{':
                        // \{x*N}: N copies of x (long lines for the header-limit cases).
                        int close = text.IndexOf('}', i);
                        string spec = text[(i + 1)..close];
                        int star = spec.LastIndexOf('*');
                        var unit = Unescape(spec[..star]);
                        for (int k = 0; k < int.Parse(spec[(star + 1)..]); k++) bytes.AddRange(unit);
                        i = close;
                        continue;
                    case '\\': bytes.Add((byte)'\\'); continue;
                    case 'x':
                        bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                        i += 2;
                        continue;
                    default: bytes.Add((byte)'\\'); bytes.Add((byte)n); continue;
                }
            }
            bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        return bytes.ToArray();
    }
}
