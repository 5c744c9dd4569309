using System.Text;
using Tidegate.Web.Http;

namespace Tidegate.Web.Tests.Http;

public class RequestParserTests
{
    private static (HttpRequest, RequestError?) Parse(string head)
    {
        var request = RequestParser.Parse(Encoding.Latin1.GetBytes(head), true, true, out var error);
        return (request, error);
    }

    [Fact]
    public void ParsesARequest()
    {
        var (r, e) = Parse("GET /a%20b/../c?x=1 HTTP/1.1\r\nHost: Example.com:80\r\nX-A: 1\r\n\r\n");
        Assert.Null(e);
        Assert.Equal("GET", r.Method);
        Assert.Equal("/c", r.Path);
        Assert.Equal("x=1", r.Args);
        Assert.Equal("/a%20b/../c?x=1", r.RawUri);
        Assert.Equal("example.com", r.Host);
        Assert.True(r.KeepAlive);
    }

    [Theory]
    [InlineData("get / HTTP/1.1\r\nHost: a\r\n\r\n", 400)]
    [InlineData("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505)]
    [InlineData("GET / HTTP/1.1\r\n\r\n", 400)]
    [InlineData("GET /../x HTTP/1.1\r\nHost: a\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nno colon here\r\n\r\n", 400)]
    [InlineData("GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n", 400)]
    public void RejectsMalformedHeads(string head, int status)
    {
        var (_, e) = Parse(head);
        Assert.NotNull(e);
        Assert.Equal(status, e!.Status);
    }

    [Fact]
    public void DecodesChunkedBodies()
    {
        var decoder = new ChunkedDecoder();
        var output = new MemoryStream();
        var input = Encoding.ASCII.GetBytes("4;x=y\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: 1\r\n\r\nNEXT");
        var state = decoder.Feed(input, output, out int consumed);
        Assert.Equal(ChunkedDecoder.State.Done, state);
        Assert.Equal("Wikipedia", Encoding.ASCII.GetString(output.ToArray()));
        Assert.Equal("NEXT", Encoding.ASCII.GetString(input, consumed, input.Length - consumed));
    }

    [Fact]
    public void RejectsBadChunks()
    {
        var state = new ChunkedDecoder().Feed(Encoding.ASCII.GetBytes("zz\r\n"), new MemoryStream(), out _);
        Assert.Equal(ChunkedDecoder.State.Invalid, state);
    }

    // The normalizer and the host check return the input itself when nothing needs doing; every
    // shape that does need work must still take the full path.
    [Theory]
    [InlineData("/", true, "/")]
    [InlineData("/a/b.txt", true, "/a/b.txt")]
    [InlineData("/a/", true, "/a/")]
    [InlineData("/a/.hidden/..b/c.", true, "/a/.hidden/..b/c.")]
    [InlineData("/a//b", true, "/a/b")]
    [InlineData("/a//b", false, "/a//b")]
    [InlineData("/a/./b", true, "/a/b")]
    [InlineData("/a/.", true, "/a/")]
    [InlineData("/a/b/..", true, "/a/")]
    [InlineData("/a/../../b", true, null)]
    [InlineData("/..", true, null)]
    [InlineData("/%41b", true, "/Ab")]
    [InlineData("/a%2", true, null)]
    [InlineData("/a%00", true, null)]
    public void NormalizesPaths(string raw, bool mergeSlashes, string? expected) =>
        Assert.Equal(expected, UriNormalizer.Normalize(raw, mergeSlashes));

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("127.0.0.1:8080", "127.0.0.1")]
    [InlineData("a-b.example:", "a-b.example")]
    [InlineData("Example.COM", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("example.com.:80", "example.com")]
    [InlineData("a..b", null)]
    [InlineData(":80", null)]
    [InlineData("a/b", null)]
    [InlineData("[::1]:80", "[::1]")]
    [InlineData(".", null)]
    public void ValidatesHosts(string host, string? expected) =>
        Assert.Equal(expected, RequestParser.ValidateHost(host));
}
