using System.Text;
using Tidegate.Web.Http;

namespace Tidegate.Web.Tests.Http;

/// <summary>
/// A connection's HeadStringCache: a head that repeats the last one's bytes reuses its strings; any
/// difference (or a head that failed) gives the parts of the new head, never stale ones.
/// </summary>
public class HeadStringCacheTests
{
    private static (HttpRequest Request, RequestError? Error) Parse(string head, HeadStringCache cache)
    {
        var request = RequestParser.Parse(Encoding.Latin1.GetBytes(head), true, true, cache, out var error);
        return (request, error);
    }

    [Fact]
    public void ARepeatedHeadReusesTheSameStrings()
    {
        var cache = new HeadStringCache();
        const string head = "GET /a/./b?x=1 HTTP/1.1\r\nHost: Example.com:8080\r\nX-Token: bench\r\n\r\n";
        var (first, e1) = Parse(head, cache);
        var (second, e2) = Parse(head, cache);
        Assert.Null(e1);
        Assert.Null(e2);
        Assert.Same(first.RequestLine, second.RequestLine);
        Assert.Same(first.RawUri, second.RawUri);
        Assert.Same(first.Path, second.Path);
        Assert.Same(first.Args, second.Args);
        Assert.Same(first.Host, second.Host);
        Assert.Equal("/a/b", second.Path);
        Assert.Equal("example.com", second.Host);
        for (int i = 0; i < first.Headers.Count; i++)
        {
            Assert.Same(first.Headers[i].Key, second.Headers[i].Key);
            Assert.Same(first.Headers[i].Value, second.Headers[i].Value);
        }
        Assert.NotSame(first, second);
        Assert.NotSame(first.Headers, second.Headers);
    }

    [Fact]
    public void EveryDifferenceGivesTheNewHeadsParts()
    {
        var cache = new HeadStringCache();
        Parse("GET /one?a HTTP/1.1\r\nHost: a.example\r\nX-A: 1\r\nX-B: 2\r\n\r\n", cache);

        var (r, e) = Parse("POST /two HTTP/1.0\r\nHost: B.example\r\nX-A: 10\r\n\r\n", cache);
        Assert.Null(e);
        Assert.Equal(("POST", "/two", "/two", null, "HTTP/1.0", 0), (r.Method, r.RawUri, r.Path, r.Args, r.Protocol, r.VersionMinor));
        Assert.Equal("b.example", r.Host);
        Assert.Equal(new[] { "Host: B.example", "X-A: 10" }, r.Headers.Select(h => h.Key + ": " + h.Value));

        // Values trimmed of spaces and tabs as before, header names kept as sent; a longer head again.
        (r, e) = Parse("GET /one?a HTTP/1.1\r\nhost: \ta.example \t\r\nX-A: 1\r\nX-B: 2\r\nX-C:3\r\n\r\n", cache);
        Assert.Null(e);
        Assert.Equal(new[] { "host: a.example", "X-A: 1", "X-B: 2", "X-C: 3" }, r.Headers.Select(h => h.Key + ": " + h.Value));
        Assert.Equal(("/one", "a"), (r.Path, r.Args));
    }

    [Fact]
    public void AFailedHeadLeavesNothingBehindForTheNext()
    {
        var cache = new HeadStringCache();
        Parse("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n", cache);
        var (_, bad) = Parse("GET /../x HTTP/1.1\r\nHost: a\r\n\r\n", cache);
        Assert.Equal(400, bad!.Status);
        // The same bad line again still fails (nothing of it was kept as a parsed line).
        (_, bad) = Parse("GET /../x HTTP/1.1\r\nHost: a\r\n\r\n", cache);
        Assert.Equal(400, bad!.Status);
        var (_, badHost) = Parse("GET /ok HTTP/1.1\r\nHost: a/b\r\n\r\n", cache);
        Assert.Equal(400, badHost!.Status);
        var (r, e) = Parse("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n", cache);
        Assert.Null(e);
        Assert.Equal(("/ok", "a"), (r.Path, r.Host));
        // Bytes outside ASCII are never matched against a cached string, only converted.
        (r, e) = Parse("GET /ok HTTP/1.1\r\nHost: a\r\nX-L: caf\u00e9\r\n\r\n", cache);
        Assert.Null(e);
        Assert.Equal("caf\u00e9", r.Header("X-L"));
    }
}
