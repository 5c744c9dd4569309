using Tidegate.Lua.Hosting;

namespace Tidegate.Lua.Tests.Runtime;

/// <summary>Weak tables seen from compiled Lua, collected through <see cref="WeakTables.FullCollect"/>
/// (what collectgarbage("collect") should call). Expectations printed by luajit.</summary>
public class WeakTableScriptTests
{
    private static object?[] Run(string script)
    {
        var lua = new LuaEngine();
        lua.RegisterFunction("fullcollect", (HostFunctionBody)(call => { WeakTables.FullCollect(call.Thread); return 0; }));
        return lua.Run(script);
    }

    [Fact]
    public void Weak_keys_drop_unreferenced_tables()
    {
        var r = Run(@"
            local reg = setmetatable({}, {__mode = 'k'})
            local live = {}
            reg[live] = 'live'
            reg[{}] = 'dead'
            fullcollect() fullcollect()
            local n = 0 for k, v in pairs(reg) do n = n + 1 end
            return n, reg[live]");
        Assert.Equal(new object?[] { 1.0, "live" }, r);
    }

    [Fact]
    public void Weak_values_drop_unreferenced_values_and_keep_strings()
    {
        var r = Run(@"
            local cache = setmetatable({}, {__mode = 'v'})
            local keep = {}
            cache.a = keep cache.b = {} cache.c = 'text' cache[1] = function() end
            fullcollect()
            local n = 0 for k, v in pairs(cache) do n = n + 1 end
            return n, cache.a == keep, cache.c");
        Assert.Equal(new object?[] { 2.0, true, "text" }, r);
    }

    // collectgarbage itself, with the garbage made in functions that have returned (a compiled frame still
    // running may hold dead values in its locals until it returns; see docs/engine.md).
    [Fact]
    public void Collectgarbage_clears_weak_entries_and_runs_gc_newest_first()
    {
        var lua = new LuaEngine();
        var r = lua.Run(@"
            local log = {}
            local weak = setmetatable({}, {__mode = 'k'})
            local values = setmetatable({}, {__mode = 'v'})
            local live = {}
            local function fill()
              weak[live] = 1 weak[{}] = 2
              values.a = live values.b = {} values.c = 'text'
              for _, name in ipairs{'x', 'y'} do
                local p = newproxy(true)
                getmetatable(p).__gc = function() log[#log + 1] = name end
              end
            end
            fill()
            collectgarbage()
            local n, m = 0, 0
            for _ in pairs(weak) do n = n + 1 end
            for _ in pairs(values) do m = m + 1 end
            return n, m, values.c, table.concat(log, ',')");
        // luajit: 1  2  text  y,x
        Assert.Equal(new object?[] { 1.0, 2.0, "text", "y,x" }, r);
    }

    [Fact]
    public void Closing_the_state_finalizes_live_proxies_newest_first()
    {
        var output = new List<string>();
        var lua = new LuaEngine();
        lua.RegisterFunction("note", (HostFunctionBody)(call => { output.Add(call.CheckString(0).ToString()!); return 0; }));
        lua.Run(@"
            for _, name in ipairs{'a', 'b', 'c'} do
              local p = newproxy(true)
              getmetatable(p).__gc = function() note(name) end
              _G[name] = p
            end");
        lua.Dispose();
        Assert.Equal(new[] { "c", "b", "a" }, output);
    }
}
