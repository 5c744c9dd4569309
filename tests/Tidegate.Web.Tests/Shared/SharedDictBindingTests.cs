using System.Text;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Shared;

namespace Tidegate.Web.Tests.Shared;

/// <summary>
/// The Lua binding in a bare Lua state, beyond the nginx-recorded cases: dictionaries shared by
/// two Lua states (two workers), and the errors that ngx_lua raises from inside resty.core's own
/// Lua file. Those carry the position "/usr/share/lua/5.1/resty/core/shdict.lua:490:" in nginx; tidegate
/// has no such file and positions them at the caller's line, with the same message text.
/// </summary>
public class SharedDictBindingTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;
    public SharedDictBindingTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    /// <summary>The loop bench/ would run: 400k gets and incrs through the binding (nginx with LuaJIT: about 18M/s on this machine).</summary>
    [Fact]
    public void LuaLevelThroughput()
    {
        using var host = SharedDictLuaHost.Create("d 1m", out _);
        const string loop = "local keys = {} for i = 0, 999 do keys[i] = 'k' .. i d:set(keys[i], i) end\n" +
            "local t0 = os.clock()\n" +
            "for i = 0, 399999 do if i % 4 == 0 then d:incr(keys[i % 1000], 1) else d:get(keys[(i * 7) % 1000]) end end\n" +
            "ngx.say(string.format('%.2f', 0.4 / (os.clock() - t0)))";
        Run(host, loop);
        string rate = Run(host, loop).Trim();
        _output.WriteLine($"through the binding: {rate}M ops/s");
        Assert.True(double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    private static string Run(SharedDictLuaHost host, string lua) => host.Run("local d = ngx.shared.d\n" + lua);

    private static string Error(SharedDictLuaHost host, string lua)
    {
        var e = Assert.Throws<LuaException>(() => Run(host, lua));
        return e.Value.AsString!.ToString();
    }

    [Fact]
    public void TwoLuaStatesShareOneDictionary()
    {
        var clock = new ManualSharedDictClock();
        var declarations = new SharedDictDeclarations();
        declarations.Add(new Tidegate.Web.Config.ConfigDirective("lua_shared_dict", new[] { "d", "1m" }, new Tidegate.Web.Config.ConfigSource("/t"), 1));
        var zones = SharedDictZones.Create(declarations, null, clock);
        using var first = new SharedDictLuaHost(zones, clock);
        using var second = new SharedDictLuaHost(zones, clock);
        Run(first, "d:set('s', 'bytes\\0\\255') d:set('n', 1.5) d:set('b', true) d:lpush('l', 'item') local t = {} d:set('c', 1)");
        Assert.Equal("true 1.5 true item 2\n",
            Run(second, "ngx.say(d:get('s') == 'bytes\\0\\255', ' ', d:get('n'), ' ', tostring(d:get('b')), ' ', d:rpop('l'), ' ', d:incr('c', 1))"));
        Assert.Equal("2 nil\n", Run(first, "ngx.say(d:get('c'), ' ', tostring(d:llen('l') == 0 and nil))"));
        // Changing a string in one state cannot reach the other: the dictionary holds bytes, not the Lua value.
        Assert.Equal("bytes\n", Run(first, "local s = 'bytes' d:set('s2', s) s = s .. 'more' ngx.say(d:get('s2'))"));
    }

    [Fact]
    public void NonStringKeysGoThroughTostringIncludingMetamethods()
    {
        using var host = SharedDictLuaHost.Create("d 1m", out _);
        Assert.Equal("5 6 7\n", Run(host,
            "local o = setmetatable({}, {__tostring = function() return 'obj' end}) d:set(o, 5) d:set(2^53, 6) d:set(false, 7)\n" +
            "ngx.say(d:get('obj'), ' ', d:get('9.007199254741e+15'), ' ', d:get('false'))"));
    }

    [Fact]
    public void BooleanFlagsConvertAsTheFfiDoes()
    {
        using var host = SharedDictLuaHost.Create("d 1m", out _);
        Assert.Equal("1 1\n", Run(host, "d:set('k', 1, 0, true) local v, flags = d:get('k') ngx.say(v, ' ', flags)"));
    }

    [Theory]
    [InlineData("d:set('k', 1, '5')", "attempt to compare string with number")]
    [InlineData("d:set('k', 1, true)", "attempt to compare boolean with number")]
    [InlineData("d:safe_add('k', 1, {})", "attempt to compare table with number")]
    [InlineData("d:set('k', 1, 0, 'x')", "bad argument #10 to 'ngx_lua_ffi_shdict_store' (cannot convert 'string' to 'int')")]
    [InlineData("d:replace('k', 1, 0, {})", "bad argument #10 to 'ngx_lua_ffi_shdict_store' (cannot convert 'table' to 'int')")]
    [InlineData("d:incr('k')", "cannot convert 'nil' to 'double'")]
    [InlineData("d:incr('k', 'x')", "cannot convert 'nil' to 'double'")]
    [InlineData("d:incr('k', true)", "cannot convert 'nil' to 'double'")]
    [InlineData("d:expire('k', 'x')", "attempt to perform arithmetic on local 'exptime' (a string value)")]
    [InlineData("d:expire('k', {})", "attempt to perform arithmetic on local 'exptime' (a table value)")]
    [InlineData("d:expire('k', true)", "attempt to perform arithmetic on local 'exptime' (a boolean value)")]
    public void ErrorsRaisedInsideRestyCoreKeepTheirText(string call, string message)
    {
        using var host = SharedDictLuaHost.Create("d 1m", out _);
        Assert.Equal("t.lua:3: " + message, Error(host, "d:set('k', 1)\n" + call));
    }

    [Fact]
    public void ExpiryUsesTheInjectedClock()
    {
        using var host = SharedDictLuaHost.Create("d 1m", out var clock);
        Run(host, "d:set('k', 'v', 10)");
        clock.Advance(9_999);
        Assert.Equal("v 0.001\n", Run(host, "ngx.say(d:get('k'), ' ', d:ttl('k'))"));
        clock.Advance(2);
        Assert.Equal("nil v true\n", Run(host, "local v, f, stale = d:get_stale('k') ngx.say(tostring(d:get('x')), ' ', v, ' ', tostring(stale))"));
    }

    [Fact]
    public void HostileArgumentsGiveErrorsNotCrashes()
    {
        using var host = SharedDictLuaHost.Create("d 12k", out _);
        string output = Run(host, string.Join("\n", new[]
        {
            "local big = ('x'):rep(1024 * 1024)",
            "ngx.say(d:set('big', big))",
            "ngx.say(d:set(big, 1))",
            "ngx.say(d:lpush('l', big))",
            "ngx.say(d:incr(big, 1, 0))",
            "ngx.say(d:set('k', 1, 1/0), d:ttl('k'))",
            "ngx.say(d:set('k', 1, 0/0), d:ttl('k'))",
            "ngx.say(d:expire('k', -1/0), d:ttl('k'))",
            "ngx.say(d:incr('k', 1, 0, 1e308), d:ttl('k'))",
            "ngx.say(#d:get_keys(2^40), ' ', d:flush_expired(-2^40))",
        }));
        Assert.Equal(string.Join("\n", new[]
        {
            "falseno memoryfalse",
            "nilkey too long",
            "falseno memory",
            "nilkey too long",
            "true0",
            "true0",
            "true0",
            "20",
            "1 0",
        }) + "\n", output);
    }

    [Fact]
    public void SharedTableListsEveryDeclaredDictionary()
    {
        using var host = SharedDictLuaHost.Create("a 12k, b 64k, \u00e9t\u00e9 12k", out _);
        Assert.Equal("a b \u00e9t\u00e9\n", host.Run(Encoding.Latin1.GetBytes(
            "local n = {} for k in pairs(ngx.shared) do n[#n + 1] = k end table.sort(n) ngx.say(table.concat(n, ' '))")));
    }
}
