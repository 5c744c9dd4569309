using System.Text;
using Tidegate.Web.Tests.Harness;

namespace Tidegate.Web.Tests.Shared;

/// <summary>
/// The shared-dictionary Lua cases (Shared/cases/NAME.lua, expected output in NAME.out, recorded
/// from nginx 1.22 + ngx_lua 0.10.23): each runs on tidegate's binding in a bare Lua state and,
/// when nginx with the lua module is installed, in nginx's content_by_lua_file, so every
/// expectation is checked against the reference. A case's first line names its dictionaries
/// (<c>-- dicts: d 1m, e 12k</c>); <c>_prelude.lua</c> (show/try helpers) runs before each.
/// </summary>
public static class SharedDictCases
{
    public static string Directory => Path.Combine(ServerProcess.RepositoryRoot, "tests", "Tidegate.Web.Tests", "Shared", "cases");

    public static IEnumerable<object[]> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.lua")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.StartsWith('_'))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => new object[] { n! });

    /// <summary>The prelude and the case as one chunk (the prelude has no trailing newline issues: it ends with one).</summary>
    public static byte[] Source(string name) =>
        File.ReadAllBytes(Path.Combine(Directory, "_prelude.lua")).Concat(File.ReadAllBytes(Path.Combine(Directory, name + ".lua"))).ToArray();

    public static string Dicts(string name)
    {
        string first = File.ReadLines(Path.Combine(Directory, name + ".lua")).First();
        const string marker = "-- dicts:";
        return first.StartsWith(marker, StringComparison.Ordinal) ? first[marker.Length..].Trim() : "d 1m";
    }

    public static string Expected(string name) => File.ReadAllText(Path.Combine(Directory, name + ".out"), Encoding.Latin1);

    /// <summary>Runs the case in nginx; null when nginx with the lua module is not installed.</summary>
    public static string? RunOnNginx(string name)
    {
        if (!ServerProcess.NginxAvailable) return null;
        using var server = new ServerProcess(ServerKind.Nginx);
        server.WriteFile("t.lua", Encoding.Latin1.GetString(Source(name)));
        string dicts = string.Concat(Dicts(name).Split(',', StringSplitOptions.TrimEntries).Select(d => $"lua_shared_dict {d}; "));
        server.WriteFile("conf/nginx.conf",
            server.ModulePreamble + "daemon off; master_process off; worker_processes 1; error_log logs/error.log; pid logs/nginx.pid;\n" +
            "events { worker_connections 64; }\n" +
            $"http {{ access_log off; {dicts}\n server {{ listen 127.0.0.1:{server.Port}; location /t {{ content_by_lua_file {server.Prefix}/t.lua; }} }} }}\n");
        if (!server.Start(TimeSpan.FromSeconds(15))) throw new InvalidOperationException("nginx did not start: " + server.Stderr + server.ErrorLog);
        var raw = HttpExchange.SendRaw(server.Port, Encoding.ASCII.GetBytes("GET /t HTTP/1.0\r\nHost: t\r\n\r\n"), TimeSpan.FromSeconds(30));
        var responses = HttpExchange.ParseAll(raw);
        if (responses.Count == 0 || responses[0].Status != 200)
            throw new InvalidOperationException("nginx failed the case: " + (responses.Count > 0 ? responses[0].BodyText : "no response") + server.ErrorLog);
        return responses[0].BodyText;
    }
}

public class SharedDictTidegateCaseTests
{
    [Theory]
    [MemberData(nameof(SharedDictCases.Names), MemberType = typeof(SharedDictCases))]
    public void Case(string name)
    {
        using var host = SharedDictLuaHost.Create(SharedDictCases.Dicts(name), out _);
        string actual = host.Run(SharedDictCases.Source(name));
        Assert.Equal(SharedDictCases.Expected(name), actual);
    }
}

public class SharedDictNginxCaseTests
{
    [Theory]
    [MemberData(nameof(SharedDictCases.Names), MemberType = typeof(SharedDictCases))]
    public void Case(string name)
    {
        string? actual = SharedDictCases.RunOnNginx(name);
        if (actual is null) return;
        Assert.Equal(SharedDictCases.Expected(name), actual);
    }
}
