using System.Text;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// Sections for cases that need several requests or a fake backend:
/// <c>--- requests</c> (one request line per line, e.g. <c>GET /t</c>, each sent on its own
/// connection after the previous one's response, with <c>more_headers</c>; <c>--- request_pause:
/// SECONDS</c> waits between them), <c>--- response_bodies</c> (every response's body, concatenated; <c>chomp</c> drops the final newline),
/// <c>--- response_statuses</c> (every response's status, space-separated), and for the
/// <see cref="FakeBackend"/>: <c>--- backend_request</c> (the exact bytes of the first request the
/// backend read, raw_request's escapes, newlines ignored) and <c>--- backend_connections: N</c>.
/// </summary>
public static class CaseRequests
{
    public static List<WireResponse> SendEach(WebCase c, ServerProcess server, TimeSpan timeout)
    {
        var responses = new List<WireResponse>();
        double pause = double.Parse(c.Get("request_pause") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        bool first = true;
        foreach (var line in c.Get("requests")!.Split('\n').Where(l => l.Trim().Length > 0))
        {
            if (!first && pause > 0) Thread.Sleep(TimeSpan.FromSeconds(pause));
            first = false;
            byte[] request = CaseRunner.BuildRequest(c, line + "\n", out bool head);
            responses.AddRange(HttpExchange.ParseAll(HttpExchange.SendRaw(server.Port, request, timeout), head));
        }
        return responses;
    }

    public static void CheckAll(WebCase c, List<WireResponse> responses, FakeBackend? backend, ServerProcess server, List<string> failures)
    {
        if (c.Get("response_bodies") is { } bodies)
        {
            bodies = server.Substitute(bodies);
            if (c.SectionArgs.TryGetValue("response_bodies", out var args) && args.Contains("chomp")) bodies = bodies.TrimEnd('\n');
            string all = CaseRunner.NormalizeServerToken(string.Concat(responses.Select(r => r.BodyText)));
            if (all != bodies) failures.Add($"bodies: expected {Show(bodies)}, got {Show(all)}");
        }
        if (c.Get("response_statuses") is { } statuses)
        {
            string all = string.Join(' ', responses.Select(r => r.Status));
            if (all != statuses.Trim()) failures.Add($"statuses: expected {statuses.Trim()}, got {all}");
        }
        if (backend is null) return;
        // The backend may still be finishing the exchange the server gave up on.
        Thread.Sleep(50);
        if (c.Get("backend_request") is { } expectedText)
        {
            string expected = Encoding.Latin1.GetString(WebCase.Unescape(server.Substitute(expectedText).Replace("\n", "")));
            var received = backend.Requests;
            string actual = received.Count == 0 ? "(nothing)" : Encoding.Latin1.GetString(received[0]);
            if (actual != expected) failures.Add($"backend request: expected {Show(expected)}, got {Show(actual)}");
        }
        if (c.Get("backend_connections") is { } count && backend.Connections.ToString() != count.Trim())
            failures.Add($"backend connections: expected {count.Trim()}, got {backend.Connections}");
    }

    private static string Show(string s) => "\"" + s.Replace("\r", "\\r").Replace("\n", "\\n") + "\"";
}
