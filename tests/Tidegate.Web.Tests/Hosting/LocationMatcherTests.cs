using Tidegate.Web.Config;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.Tests.Hosting;

/// <summary>nginx's location selection order, checked on a compiled configuration without a server.</summary>
public class LocationMatcherTests
{
    private static ServerBlock Compile(string locations)
    {
        var tree = new ConfigParser("/tmp/").ParseText(
            "events {} http { server { listen 127.0.0.1:1; " + locations + " } }", "/tmp/nginx.conf");
        return new ConfigCompiler("/tmp/", "/tmp/nginx.conf").Compile(tree).Servers[0];
    }

    private static string Find(ServerBlock server, string uri) => LocationMatcher.Find(server, uri, out _).Name;

    [Fact]
    public void FollowsNginxOrder()
    {
        var server = Compile("""
            location = / { }
            location / { }
            location /documents/ { }
            location ^~ /images/ { }
            location ~* \.(gif|jpg|jpeg)$ { }
            """);
        // The examples of nginx's own documentation for "location".
        Assert.Equal("/", Find(server, "/"));
        Assert.Equal("/", Find(server, "/index.html"));
        Assert.Equal("/documents/", Find(server, "/documents/document.html"));
        Assert.Equal("/images/", Find(server, "/images/1.gif"));
        Assert.Equal(@"\.(gif|jpg|jpeg)$", Find(server, "/documents/1.jpg"));
    }

    [Fact]
    public void NestedLocationsAreSearchedInsideTheLongestPrefix()
    {
        var server = Compile("location /a { location /a/b { } location ~ \\.x$ { } } location ~ \\.x$ { }");
        Assert.Equal("/a/b", Find(server, "/a/b/c"));
        var nested = LocationMatcher.Find(server, "/a/q.x", out _);
        Assert.Same(server.Root.StaticLocations[0].RegexLocations[0], nested);
    }

    [Fact]
    public void NoMatchLeavesTheServerLevel()
    {
        var server = Compile("location /only { }");
        Assert.Same(server.Root, LocationMatcher.Find(server, "/elsewhere", out _));
    }

    [Fact]
    public void RegexCapturesAreReturned()
    {
        var server = Compile("location ~ ^/u/(\\d+)$ { }");
        LocationMatcher.Find(server, "/u/42", out var captures);
        Assert.Equal("42", captures!.Groups[1].Value);
    }
}
