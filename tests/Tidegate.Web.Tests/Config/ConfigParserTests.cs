using Tidegate.Web.Config;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.Tests.Config;

/// <summary>The nginx.conf reader below the surface: tokens, escapes, Lua blocks, includes, the registry.</summary>
public class ConfigParserTests
{
    private static List<ConfigDirective> Parse(string text) => new ConfigParser("/tmp/").ParseText(text, "/tmp/nginx.conf");

    private static string Error(string text) => Assert.Throws<ConfigException>(() => Parse(text)).Message;

    [Fact]
    public void ReadsBlocksAndArguments()
    {
        var tree = Parse("events { worker_connections 10; }\nhttp { server { listen 80; location / { root html; } } }");
        Assert.Equal(new[] { "events", "http" }, tree.Select(d => d.Name));
        var location = tree[1].Block![0].Block![1];
        Assert.Equal("location", location.Name);
        Assert.Equal("/", location.Arguments[0]);
        Assert.Equal("root", location.Block![0].Name);
    }

    [Fact]
    public void AppliesNginxEscapesToQuotedAndBareWords()
    {
        var tree = Parse("events {} http { server { location / { return 200 \"a\\tb\\\"c\\\\d\\x\"; } } }");
        string text = tree[1].Block![0].Block![0].Block![0].Arguments[1];
        Assert.Equal("a\tb\"c\\d\\x", text);
        tree = Parse("events {} http { server { location / { return 200 a\\\"b; } } }");
        Assert.Equal("a\"b", tree[1].Block![0].Block![0].Block![0].Arguments[1]);
    }

    [Fact]
    public void KeepsBracedVariablesWhole()
    {
        var tree = Parse("events {} http { server { location / { return 200 ${uri}x; } } }");
        Assert.Equal("${uri}x", tree[1].Block![0].Block![0].Block![0].Arguments[1]);
    }

    [Fact]
    public void CommentsStartOnlyAtAWordStart()
    {
        var tree = Parse("# leading\nevents {} # trailing\nhttp { server { location / { return 200 a#b; } } }");
        Assert.Equal("a#b", tree[1].Block![0].Block![0].Block![0].Arguments[1]);
    }

    [Fact]
    public void ReportsTheLineOfTheTerminator()
    {
        Assert.Equal("unknown directive \"foo\" in /tmp/nginx.conf:3", Error("events {}\nfoo\n;"));
    }

    [Theory]
    [InlineData("events {} foo;", "unknown directive \"foo\" in /tmp/nginx.conf:1")]
    [InlineData("events {} listen 80;", "\"listen\" directive is not allowed here in /tmp/nginx.conf:1")]
    [InlineData("events {} http { root a b; }", "invalid number of arguments in \"root\" directive in /tmp/nginx.conf:1")]
    [InlineData("events {} }", "unexpected \"}\" in /tmp/nginx.conf:1")]
    [InlineData("events {\n", "unexpected end of file, expecting \"}\" in /tmp/nginx.conf:2")]
    [InlineData("events;", "directive \"events\" has no opening \"{\" in /tmp/nginx.conf:1")]
    [InlineData("events {} http { root x { } }", "directive \"root\" is not terminated by \";\" in /tmp/nginx.conf:1")]
    [InlineData("events {} http", "unexpected end of file, expecting \";\" or \"}\" in /tmp/nginx.conf:1")]
    [InlineData("events {} root \"a\"b;", "unexpected \"b\" in /tmp/nginx.conf:1")]
    [InlineData("events {} http { ; }", "unexpected \";\" in /tmp/nginx.conf:1")]
    [InlineData("daemon maybe; events {}", "invalid value \"maybe\" in \"daemon\" directive, it must be \"on\" or \"off\" in /tmp/nginx.conf:1")]
    [InlineData("events {} events {}", "\"events\" directive is duplicate in /tmp/nginx.conf:1")]
    public void ErrorsReadAsNginxWritesThem(string text, string message)
    {
        Assert.Equal(message, Error(text));
    }

    [Fact]
    public void LuaBlocksAreReadRawWithBracesInStringsAndComments()
    {
        var tree = Parse("events {} http { server { location / { content_by_lua_block {\n local t = { a = \"}\" } -- }\n ngx.say([[}]]) --[==[ } ]==]\n } } } }");
        var directive = tree[1].Block![0].Block![0].Block![0];
        Assert.Equal("content_by_lua_block", directive.Name);
        Assert.Contains("ngx.say([[}]])", directive.RawBlock);
        Assert.Contains("local t = { a = \"}\" }", directive.RawBlock);
    }

    [Fact]
    public void CommandLineErrorsSayCommandLine()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), "events {}");
        var e = Assert.Throws<ConfigException>(() => new ConfigParser(dir).ParseMain(Path.Combine(dir, "nginx.conf"), "nope on;"));
        Assert.Equal("unknown directive \"nope\" in command line", e.Message);
    }

    [Fact]
    public void IncludeExpandsGlobsInOrder()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(dir, "sites"));
        File.WriteAllText(Path.Combine(dir, "sites", "b.conf"), "worker_processes 2;");
        File.WriteAllText(Path.Combine(dir, "sites", "a.conf"), "pid x.pid;");
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), "include sites/*.conf; events {}");
        var tree = new ConfigParser(dir).ParseMain(Path.Combine(dir, "nginx.conf"), null);
        Assert.Equal(new[] { "pid", "worker_processes", "events" }, tree.Select(d => d.Name));
    }

    /// <summary>Every directive issue 4 names is registered, so real OpenResty configs parse.</summary>
    [Theory]
    [InlineData("events worker_connections http server listen server_name location root alias index default_type types return rewrite set if break add_header error_page internal client_max_body_size client_body_buffer_size keepalive_timeout keepalive_requests server_tokens try_files upstream proxy_pass proxy_set_header proxy_http_version proxy_connect_timeout proxy_send_timeout proxy_read_timeout proxy_buffering proxy_next_upstream proxy_intercept_errors")]
    [InlineData("echo echo_before_body echo_after_body echo_sleep echo_location echo_location_async echo_exec echo_duplicate echo_flush echo_read_request_body echo_request_body echo_status more_set_headers more_clear_headers more_set_input_headers more_clear_input_headers")]
    [InlineData("init_by_lua init_by_lua_block init_by_lua_file init_worker_by_lua_block exit_worker_by_lua_block set_by_lua set_by_lua_block set_by_lua_file server_rewrite_by_lua_block rewrite_by_lua_block access_by_lua_block precontent_by_lua_block content_by_lua content_by_lua_block content_by_lua_file header_filter_by_lua_block body_filter_by_lua_block log_by_lua_block balancer_by_lua_block balancer_by_lua_file")]
    [InlineData("lua_package_path lua_package_cpath lua_code_cache lua_need_request_body lua_shared_dict rewrite_by_lua_no_postpone access_by_lua_no_postpone lua_transform_underscores_in_response_headers lua_use_default_type lua_http10_buffering lua_regex_cache_max_entries lua_regex_match_limit lua_max_pending_timers lua_max_running_timers lua_socket_connect_timeout lua_socket_read_timeout lua_socket_send_timeout lua_socket_buffer_size lua_socket_pool_size lua_socket_keepalive_timeout lua_check_client_abort")]
    public void IssueDirectivesAreRegistered(string names)
    {
        foreach (var name in names.Split(' '))
            Assert.True(DirectiveRegistry.Lookup(name).Count > 0, $"{name} is not registered");
    }

    [Fact]
    public void AnUnbuiltDirectiveStopsStartUpNamingIt()
    {
        var tree = Parse("events {} http { server { location / { auth_basic \"closed\"; } } }");
        var e = Assert.Throws<ConfigException>(() => new ConfigCompiler("/tmp/", "/tmp/nginx.conf").Compile(tree));
        Assert.Equal("\"auth_basic\" directive is not supported by tidegate yet in /tmp/nginx.conf:1", e.Message);
    }

    [Fact]
    public void CapturingTheErrorLogIsBuiltWithNgxLuasSizeChecks()
    {
        var tree = Parse("events {} http { lua_capture_error_log 32k; server { location / { return 200; } } }");
        var config = new ConfigCompiler("/tmp/", "/tmp/nginx.conf").Compile(tree);
        Assert.Equal(32 * 1024, config.Lua.CaptureErrorLogSize);
        var small = Parse("events {} http { lua_capture_error_log 1k; server { location / { return 200; } } }");
        var e = Assert.Throws<ConfigException>(() => new ConfigCompiler("/tmp/", "/tmp/nginx.conf").Compile(small));
        Assert.Equal("invalid capture error log size \"1k\", minimum size is 2048 in /tmp/nginx.conf:1", e.Message);
    }

    [Fact]
    public void OffIsAcceptedWhereItIsWhatTidegateDoes()
    {
        var tree = Parse("events {} http { gzip off; server { listen 127.0.0.1:1; } }");
        new ConfigCompiler("/tmp/", "/tmp/nginx.conf").Compile(tree);
    }

    [Theory]
    [InlineData("75s", 75_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("10", 10_000)]
    public void TimesParseAsNginxReadsThem(string text, long ms)
    {
        Assert.True(ConfigValues.TryParseTimeMs(text, out long parsed));
        Assert.Equal(ms, parsed);
    }
}
