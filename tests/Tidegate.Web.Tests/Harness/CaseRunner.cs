using System.Text;
using System.Text.RegularExpressions;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// Runs one <see cref="WebCase"/> against one server and lists every way the server disagreed
/// with the case's expectations (an empty list is a pass).
/// </summary>
public static class CaseRunner
{
    private static readonly TimeSpan startTimeout = TimeSpan.FromSeconds(15);

    public static List<string> Run(WebCase c, ServerKind kind)
    {
        var failures = new List<string>();
        using var server = new ServerProcess(kind);
        WriteFiles(c, server);
        server.WriteFile("conf/nginx.conf", BuildConfig(c, server));

        if (c.Has("must_die"))
        {
            bool started = server.Start(startTimeout);
            if (started)
            {
                failures.Add("expected the server to refuse to start, but it is listening");
                return failures;
            }
            int code = server.WaitForExit(TimeSpan.FromSeconds(10));
            if (code != 1) failures.Add($"expected exit status 1, got {code}");
            CheckLog(c, server.Stderr + server.ErrorLog, failures, server);
            return failures;
        }

        var tls = TlsBackend.For(c);
        using var backend = c.Get("backend") is { } script ? new FakeBackend(server.Substitute(script), server.BackendPort, tls) : null;
        using var datagrams = CaseDatagramServers.Start(c, server);
        if (!server.Start(startTimeout))
        {
            failures.Add($"server did not start: {server.Stderr} {server.ErrorLog}");
            return failures;
        }

        var timeout = TimeSpan.FromSeconds(double.Parse(c.Get("timeout") ?? "3", System.Globalization.CultureInfo.InvariantCulture));
        var responses = c.Has("requests")
            ? CaseRequests.SendEach(c, server, timeout)
            : ClientSteps.Applies(c)
                ? ClientSteps.Run(c, server, timeout, failures)
                : HttpExchange.ParseAll(HttpExchange.SendRaw(server.Port, BuildRequest(c, out bool head), timeout), head);
        Thread.Sleep(c.Has("error_log") || c.Has("no_error_log") || c.Has("access_log") ? 100 : 0);
        if (c.Get("wait") is { } wait) Thread.Sleep(TimeSpan.FromSeconds(double.Parse(wait, System.Globalization.CultureInfo.InvariantCulture)));
        CheckResponses(c, responses, failures, server);
        CaseRequests.CheckAll(c, responses, backend, server, failures);
        TlsBackend.Check(c, backend, tls, failures);
        datagrams.Check(c, failures);
        CheckLog(c, server.ErrorLog, failures, server);
        if (c.Get("access_log") is { } accessExpected)
        {
            string access = server.AccessLog;
            foreach (var line in Lines(server.Substitute(accessExpected)))
                if (!access.Contains(line, StringComparison.Ordinal)) failures.Add($"access log lacks \"{line}\"; it holds: {access}");
        }
        // A failure that happens rarely (a port, a slow backend) is only explained by the server's own
        // account of it, so every failing case carries the end of the error log.
        if (failures.Count > 0 && !c.Has("error_log") && !c.Has("no_error_log"))
            failures.Add($"(for diagnosis) the end of the error log:\n{Tail(server.ErrorLog)}");
        return failures;
    }

    public static string BuildConfig(WebCase c, ServerProcess server)
    {
        string Sub(string? text) => server.Substitute(text ?? "");
        if (c.Get("full_config") is { } full) return server.ModulePreamble + Sub(full);
        return server.ModulePreamble + $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            error_log logs/error.log info;
            pid logs/nginx.pid;
            {{Sub(c.Get("main_config"))}}
            events { worker_connections 1024; }
            http {
                access_log logs/access.log;
                default_type text/plain;
            {{Sub(c.Get("http_config"))}}
                server {
                    listen 127.0.0.1:{{server.Port}};
                    server_name localhost;
            {{Sub(c.Get("config"))}}
                }
            }
            """;
    }

    private static void WriteFiles(WebCase c, ServerProcess server)
    {
        if (c.Get("files") is not { } files) return;
        string? path = null;
        var content = new StringBuilder();
        foreach (var line in files.Split('\n'))
        {
            if (line.StartsWith(">>> ", StringComparison.Ordinal))
            {
                if (path is not null) server.WriteFile(path, content.ToString());
                path = line[4..].Trim();
                content.Clear();
                continue;
            }
            content.Append(line).Append('\n');
        }
        if (path is not null) server.WriteFile(path, content.ToString().TrimEnd('\n') + "\n");
    }

    public static byte[] BuildRequest(WebCase c, out bool head) => BuildRequest(c, c.Get("request") ?? "GET /\n", out head);

    public static byte[] BuildRequest(WebCase c, string spec, out bool head)
    {
        head = false;
        if (c.Get("raw_request") is { } rawText)
        {
            head = rawText.StartsWith("HEAD ", StringComparison.Ordinal);
            return WebCase.Unescape(rawText.Replace("\n", ""));
        }
        var lines = spec.TrimEnd('\n').Split('\n');
        var first = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string method = first[0], uri = first.Length > 1 ? first[1] : "/", protocol = first.Length > 2 ? first[2] : "HTTP/1.1";
        head = method == "HEAD";
        string body = string.Join("\n", lines.Skip(1));
        var sb = new StringBuilder();
        sb.Append(method).Append(' ').Append(uri).Append(' ').Append(protocol).Append("\r\n");
        string more = c.Get("more_headers") ?? "";
        if (!more.Contains("Host:", StringComparison.OrdinalIgnoreCase)) sb.Append("Host: localhost\r\n");
        if (!more.Contains("Connection:", StringComparison.OrdinalIgnoreCase)) sb.Append("Connection: close\r\n");
        foreach (var h in Lines(more)) sb.Append(h).Append("\r\n");
        if (lines.Length > 1) sb.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n");
        sb.Append("\r\n").Append(body);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void CheckResponses(WebCase c, List<WireResponse> responses, List<string> failures, ServerProcess server)
    {
        if (c.Get("response_count") is { } countText && responses.Count != int.Parse(countText))
            failures.Add($"expected {countText} responses, got {responses.Count}");
        if (c.Has("no_response"))
        {
            if (responses.Count != 0) failures.Add($"expected no response, got: {Encoding.Latin1.GetString(responses[0].Raw)}");
            return;
        }
        if (responses.Count == 0)
        {
            if (c.Has("error_code") || c.Has("response_body") || c.Has("response_headers") || c.Has("error_page"))
                failures.Add("the server sent no response");
            return;
        }
        int index = int.Parse(c.Get("check_response") ?? "1") - 1;
        if (index >= responses.Count) { failures.Add($"no response #{index + 1}"); return; }
        var r = responses[index];
        string raw = Encoding.Latin1.GetString(r.Raw);

        if (c.Get("error_code") is { } code && r.Status.ToString() != code)
            failures.Add($"status: expected {code}, got {r.Status} ({raw[..Math.Min(raw.Length, 300)]})");
        if (c.Get("status_line") is { } statusLine && r.StatusLine.TrimEnd() != statusLine.TrimEnd())
            failures.Add($"status line: expected \"{statusLine.TrimEnd('\n')}\", got \"{r.StatusLine}\"");

        string body = NormalizeServerToken(r.BodyText);
        if (c.Get("response_body") is { } expected)
        {
            expected = server.Substitute(expected);
            if (c.SectionArgs.TryGetValue("response_body", out var args) && args.Contains("chomp")) expected = expected.TrimEnd('\n');
            if (body != expected) failures.Add($"body: expected {Show(expected)}, got {Show(body)}");
        }
        if (c.Get("response_body_like") is { } like && !Regex.IsMatch(body, like.TrimEnd('\n'), RegexOptions.Singleline))
            failures.Add($"body does not match /{like.TrimEnd('\n')}/: {Show(body)}");
        if (c.Get("error_page") is { } page)
        {
            string expectedPage = ErrorPage(int.Parse(page));
            if (body != expectedPage) failures.Add($"body: expected the built-in {page} page {Show(expectedPage)}, got {Show(body)}");
        }
        if (c.Get("response_headers") is { } headers)
        {
            foreach (var line in Lines(headers))
            {
                if (line.StartsWith('!'))
                {
                    if (r.Header(line[1..].Trim()) is { } present) failures.Add($"header {line[1..]} should be absent, is \"{present}\"");
                    continue;
                }
                int colon = line.IndexOf(':');
                string name = line[..colon].Trim(), value = server.Substitute(line[(colon + 1)..].Trim());
                string? actual = r.Header(name);
                if (actual is null) failures.Add($"header {name} missing (expected \"{value}\")");
                else if (NormalizeServerToken(actual) != value) failures.Add($"header {name}: expected \"{value}\", got \"{actual}\"");
            }
        }
        if (c.Get("response_headers_like") is { } headersLike)
        {
            foreach (var line in Lines(headersLike))
            {
                int colon = line.IndexOf(':');
                string name = line[..colon].Trim(), pattern = line[(colon + 1)..].Trim();
                string? actual = r.Header(name);
                if (actual is null || !Regex.IsMatch(actual, pattern)) failures.Add($"header {name}: \"{actual}\" does not match /{pattern}/");
            }
        }
    }

    private static void CheckLog(WebCase c, string log, List<string> failures, ServerProcess server)
    {
        if (c.Get("error_log") is { } wanted)
            foreach (var line in Lines(server.Substitute(wanted)))
                if (!log.Contains(line, StringComparison.Ordinal)) failures.Add($"error log lacks \"{line}\"; it holds:\n{Tail(log)}");
        if (c.Get("no_error_log") is { } unwanted)
            foreach (var line in Lines(server.Substitute(unwanted)))
                if (log.Contains(line, StringComparison.Ordinal)) failures.Add($"error log should not contain \"{line}\":\n{Tail(log)}");
    }

    /// <summary>The built-in error page, with the server token written as SERVER.</summary>
    public static string ErrorPage(int status)
    {
        var titles = new Dictionary<int, string>
        {
            [301] = "301 Moved Permanently", [302] = "302 Found", [303] = "303 See Other", [307] = "307 Temporary Redirect",
            [308] = "308 Permanent Redirect", [400] = "400 Bad Request", [401] = "401 Authorization Required", [403] = "403 Forbidden",
            [404] = "404 Not Found", [405] = "405 Not Allowed", [408] = "408 Request Time-out", [410] = "410 Gone",
            [411] = "411 Length Required", [412] = "412 Precondition Failed",
            [413] = "413 Request Entity Too Large", [414] = "414 Request-URI Too Large", [416] = "416 Requested Range Not Satisfiable",
            [429] = "429 Too Many Requests", [500] = "500 Internal Server Error", [501] = "501 Not Implemented", [502] = "502 Bad Gateway",
            [503] = "503 Service Temporarily Unavailable", [504] = "504 Gateway Time-out", [505] = "505 HTTP Version Not Supported",
        };
        if (status == 494)
            return "<html>\r\n<head><title>400 Request Header Or Cookie Too Large</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>Request Header Or Cookie Too Large</center>\r\n<hr><center>SERVER</center>\r\n</body>\r\n</html>\r\n";
        string title = titles[status];
        return $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>SERVER</center>\r\n</body>\r\n</html>\r\n";
    }

    /// <summary>Both servers' tokens read as SERVER, so one expectation fits both.</summary>
    public static string NormalizeServerToken(string text) => text
        .Replace("nginx/1.22.1", "SERVER").Replace("tidegate/0.1.0", "SERVER")
        .Replace("<center>nginx</center>", "<center>SERVER</center>").Replace("<center>tidegate</center>", "<center>SERVER</center>");

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Where(l => l.Trim().Length > 0);
    private static string Show(string s) => "\"" + s.Replace("\r", "\\r").Replace("\n", "\\n") + "\"";
    private static string Tail(string log) => log.Length > 2000 ? log[^2000..] : log;
}
