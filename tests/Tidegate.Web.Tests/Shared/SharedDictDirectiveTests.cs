using System.Diagnostics;
using Tidegate.Web.Config;
using Tidegate.Web.Shared;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Shared;

/// <summary>
/// <c>lua_shared_dict NAME SIZE</c>: what tidegate accepts and refuses, with nginx's messages. Each
/// case also runs through <c>nginx -t</c> when nginx with the lua module is installed, so the
/// expectations are the reference's.
/// </summary>
public class SharedDictDirectiveTests
{
    /// <summary>Directives (each "NAME SIZE", ';'-separated, all in http{}) and the message of the last one, or null when all are accepted.</summary>
    public static IEnumerable<object?[]> Cases() => new[]
    {
        new object?[] { "d 12k", null },
        new object?[] { "d 12K", null },
        new object?[] { "d 1M", null },
        new object?[] { "d 12288", null },
        new object?[] { "d 12k; D 64k", null },
        new object?[] { "d 8191", "invalid lua shared dict size \"8191\"" },
        new object?[] { "d x", "invalid lua shared dict size \"x\"" },
        new object?[] { "d k", "invalid lua shared dict size \"k\"" },
        new object?[] { "d 0", "invalid lua shared dict size \"0\"" },
        new object?[] { "d -1", "invalid lua shared dict size \"-1\"" },
        new object?[] { "d +12k", "invalid lua shared dict size \"+12k\"" },
        new object?[] { "d 1g", "invalid lua shared dict size \"1g\"" },
        new object?[] { "d 12kk", "invalid lua shared dict size \"12kk\"" },
        new object?[] { "d 1.5m", "invalid lua shared dict size \"1.5m\"" },
        new object?[] { "d 99999999999999999999", "invalid lua shared dict size \"99999999999999999999\"" },
        new object?[] { "d 9007199254740992m", "invalid lua shared dict size \"9007199254740992m\"" },
        new object?[] { "'' 12k", "invalid lua shared dict name \"\"" },
        new object?[] { "d 12k; d 64k", "the size 65536 of shared memory zone \"d\" conflicts with already declared size 12288" },
        new object?[] { "d 12k; d 12288", "lua_shared_dict \"d\" is already defined as \"d\"" },
        new object?[] { "d 12k; e 12k; d 12k", "lua_shared_dict \"d\" is already defined as \"d\"" },
    };

    private static List<ConfigDirective> Directives(string spec)
    {
        var source = new ConfigSource("/test/nginx.conf");
        var list = new List<ConfigDirective>();
        foreach (var one in spec.Split(';', StringSplitOptions.TrimEntries))
        {
            var args = one.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a == "''" ? "" : a).ToArray();
            list.Add(new ConfigDirective("lua_shared_dict", args, source, list.Count + 1));
        }
        return list;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TidegateAcceptsOrRefusesAsNginx(string spec, string? message)
    {
        var declarations = new SharedDictDeclarations();
        var directives = Directives(spec);
        for (int i = 0; i < directives.Count - 1; i++) declarations.Add(directives[i]);
        if (message is null)
        {
            declarations.Add(directives[^1]);
            Assert.Equal(directives.Count, declarations.All.Count);
            return;
        }
        var e = Assert.Throws<ConfigException>(() => declarations.Add(directives[^1]));
        Assert.Equal(message + $" in /test/nginx.conf:{directives.Count}", e.Message);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NginxAgrees(string spec, string? message)
    {
        if (!ServerProcess.NginxAvailable) return;
        string body = string.Concat(spec.Split(';', StringSplitOptions.TrimEntries).Select(d => $"lua_shared_dict {d};\n"));
        var (status, stderr, path) = NginxTest(body);
        if (message is null) Assert.True(status == 0, stderr);
        else
        {
            int line = 3 + spec.Split(';').Length;
            Assert.Contains($"[emerg] {message} in {path}:{line}", stderr);
            Assert.Equal(1, status);
        }
    }

    [Fact]
    public void WrongArgumentCount()
    {
        var source = new ConfigSource("/test/nginx.conf");
        var declarations = new SharedDictDeclarations();
        var e = Assert.Throws<ConfigException>(() => declarations.Add(new ConfigDirective("lua_shared_dict", new[] { "d" }, source, 3)));
        Assert.Equal("invalid number of arguments in \"lua_shared_dict\" directive in /test/nginx.conf:3", e.Message);
    }

    [Theory]
    [InlineData("8k", "d")]
    [InlineData("12287", "d")]
    public void AZoneTooSmallForItsBookkeepingFailsAsNginxDoes(string size, string name)
    {
        var declarations = new SharedDictDeclarations();
        declarations.Add(new ConfigDirective("lua_shared_dict", new[] { name, size }, new ConfigSource("/t/nginx.conf"), 1));
        var e = Assert.Throws<InvalidOperationException>(() => SharedDictZones.Create(declarations));
        Assert.Equal("ngx_slab_alloc() failed: no memory", e.Message);
        if (!ServerProcess.NginxAvailable) return;
        var (status, stderr, _) = NginxTest($"lua_shared_dict {name} {size};\n");
        Assert.Equal(1, status);
        Assert.Contains("[crit] ngx_slab_alloc() failed: no memory", stderr);
    }

    [Fact]
    public void ALongNameFitsItsLogContextBesideTheHeaderSo8kWorks()
    {
        string name = new('n', 38);
        var declarations = new SharedDictDeclarations();
        declarations.Add(new ConfigDirective("lua_shared_dict", new[] { name, "8k" }, new ConfigSource("/t/nginx.conf"), 1));
        var zones = SharedDictZones.Create(declarations);
        Assert.Equal(8192, zones.Find(name)!.Capacity);
        if (!ServerProcess.NginxAvailable) return;
        var (status, stderr, _) = NginxTest($"lua_shared_dict {name} 8k;\n");
        Assert.True(status == 0, stderr);
    }

    [Fact]
    public void ReloadKeepsADictionaryWhoseNameAndSizeAreUnchanged()
    {
        var source = new ConfigSource("/t/nginx.conf");
        var first = new SharedDictDeclarations();
        first.Add(new ConfigDirective("lua_shared_dict", new[] { "kept", "64k" }, source, 1));
        first.Add(new ConfigDirective("lua_shared_dict", new[] { "resized", "64k" }, source, 2));
        var old = SharedDictZones.Create(first);
        old.Find("kept")!.Store("k"u8, SharedDictValue.FromNumber(1));
        old.Find("resized")!.Store("k"u8, SharedDictValue.FromNumber(1));

        var second = new SharedDictDeclarations();
        second.Add(new ConfigDirective("lua_shared_dict", new[] { "kept", "64k" }, source, 1));
        second.Add(new ConfigDirective("lua_shared_dict", new[] { "resized", "1m" }, source, 2));
        second.Add(new ConfigDirective("lua_shared_dict", new[] { "fresh", "12k" }, source, 3));
        var now = SharedDictZones.Create(second, old);
        Assert.Same(old.Find("kept"), now.Find("kept"));
        Assert.Equal(1.0, now.Find("kept")!.Get("k"u8).Value.Number);
        Assert.True(now.Find("resized")!.Get("k"u8).Value.IsNil);
        Assert.Equal(new[] { "kept", "resized", "fresh" }, now.All.Select(d => d.Name));
        Assert.Null(now.Find("KEPT"));
    }

    [Theory]
    [InlineData("12k", 12288L)]
    [InlineData("12K", 12288L)]
    [InlineData("1m", 1048576L)]
    [InlineData("1M", 1048576L)]
    [InlineData("8192", 8192L)]
    [InlineData("9007199254740991k", 9007199254740991L * 1024)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void ParsesSizesAsNgxParseSize(string text, long expected)
    {
        Assert.True(SharedDictDeclarations.TryParseSize(text, out long size));
        Assert.Equal(expected, size);
    }

    [Theory]
    [InlineData("")]
    [InlineData("k")]
    [InlineData("m")]
    [InlineData("1g")]
    [InlineData(" 1k")]
    [InlineData("1k ")]
    [InlineData("9223372036854775808")]
    [InlineData("9007199254740992k")]
    [InlineData("1\0k")]
    [InlineData("١٢k")] // non-ASCII digits are not digits to nginx
    public void RefusesWhatNgxParseSizeRefuses(string text) => Assert.False(SharedDictDeclarations.TryParseSize(text, out _));

    /// <summary>Runs <c>nginx -t</c> on http { BODY } (the body starts on line 4); status, stderr and the config path.</summary>
    private static (int Status, string Stderr, string Path) NginxTest(string httpBody)
    {
        using var server = new ServerProcess(ServerKind.Nginx);
        string conf = server.ModulePreamble + "\nevents {}\nhttp {\n" + httpBody + "}\n";
        server.WriteFile("conf/nginx.conf", conf);
        var p = server.Launch("-t", "-p", server.Prefix + "/", "-c", "conf/nginx.conf", "-e", "logs/error.log");
        if (!p.WaitForExit(15000)) { p.Kill(); throw new TimeoutException("nginx -t hung"); }
        p.WaitForExit();
        Thread.Sleep(50);
        return (p.ExitCode, server.Stderr, Path.Combine(server.Prefix, "conf", "nginx.conf"));
    }
}
