namespace Tidegate.Lua.Tests.Library;

/// <summary>
/// The table library: insert/remove position rules, concat, LuaJIT's quicksort under strict, non-strict
/// and failing comparators, maxn/getn/move/foreach, and argument errors, compared with luajit.
/// </summary>
public class TableLibraryTests
{
    private static void Same(string script) => LuaJitReference.AssertSameOutput(script);

    private const string P = "local function t(...) print(pcall(...)) end\n";

    [Fact]
    public void InsertAndRemove() => Same(P + """
        local a = {1, 2, 3}
        t(table.insert, a) t(table.insert, a, 1, 2, 3) t(table.insert, a, 5, 9) t(table.insert, a, 0, 9) t(table.insert, a, -1, 9)
        print(a[-1], a[0], a[1], a[2], a[3], a[4], a[5], a[6])
        local b = {1, 2, 3} table.insert(b, 2, "x") table.insert(b, "y") table.insert(b, "2", "z") table.insert(b, 2.5, "w")
        print(table.concat(b, ","))
        t(table.insert, b, "x", 8) t(table.insert, nil, 1) t(table.insert, {}, 1, nil)
        t(table.remove, {}) t(table.remove, {}, 1) t(table.remove, {}, 5) t(table.remove, {1, 2, 3}, 5) t(table.remove, {1, 2, 3}, 0)
        t(table.remove, {1, 2, 3}, -1) t(table.remove, {1, 2, 3}, 4) t(table.remove, {1, 2, 3}) t(table.remove, {1, 2, 3}, 1)
        t(table.remove, {1, 2, 3}, "2") t(table.remove, {1, 2, 3}, 1.5) t(table.remove, {1, 2, 3}, "x") t(table.remove, {1, 2, 3}, nil)
        t(table.remove) t(table.remove, 1)
        local c = {1, 2, 3, 4} print(table.remove(c, 2), table.concat(c, ","), #c)
        """);

    [Fact]
    public void ConcatMaxnGetnMove() => Same(P + """
        t(table.concat, {1, 2, {}}) t(table.concat, {1, 2, 3}, ", ", 2, 3) t(table.concat, {1, 2, 3}, ", ", 3, 2) t(table.concat, {1, nil, 3}, ", ", 1, 3)
        t(table.concat, {1, 2, 3}, 0) t(table.concat, {1.5, 2, 3}, {}) t(table.concat, {}, "x", 1, 2^40) t(table.concat, {1, 2}, nil, nil, nil)
        t(table.concat, {1, 2}, nil, 1.9, 2.9) t(table.concat, {1, 2.5, 1e100, -0.0, 0.1}, " ") t(table.concat, {"a\0", "\255"}, "\0")
        t(table.concat, setmetatable({}, {__index = function() return "x" end}), ",", 1, 2) t(table.concat, {true}) t(table.concat)
        t(table.maxn, {1, 2, [10] = 3, [2.5] = 1, x = 5}) t(table.maxn, {[-1] = 1}) t(table.maxn, {[1e300] = 1}) t(table.maxn, {})
        t(table.getn, {1, 2, 3}) t(table.getn) t(table.getn, {n = 5})
        local m = table.move({1, 2, 3}, 1, 3, 2) print(m[1], m[2], m[3], m[4])
        local m2 = table.move({1, 2, 3}, 2, 3, 1) print(m2[1], m2[2], m2[3])
        local d = table.move({1, 2, 3}, 1, 3, 1, {}) print(d[1], d[2], d[3])
        t(table.move, {1, 2, 3}, 1, 3) t(table.move, {}, 1, "x", 1) t(table.move, {}, 1, 2, 1, 5) t(table.move)
        t(table.foreachi, {10, 20}, print) t(table.foreach, {a = 1}, function(k, v) return k .. v end) t(table.foreachi, {}, "x")
        t(table.foreachi, {1, 2, 3}, function(i, v) if v == 2 then return "stop" end end) t(table.foreach)
        """);

    [Fact]
    public void SortMatchesLuaJitsQuicksort() => Same(P + """
        math.randomseed(3)
        local comps = {
          function(a, b) return a < b end, function(a, b) return a > b end, function(a, b) return a <= b end,
          function(a, b) return true end, function(a, b) return false end, function(a, b) return math.random() < 0.5 end, false,
        }
        for n = 1, 600 do
          local len = math.random(0, 40)
          local a = {}
          for i = 1, len do a[i] = math.random(1, 10) end
          local ci = math.random(#comps)
          local ok, err = pcall(table.sort, a, comps[ci] or nil)
          print(n, ci, ok, err, table.concat(a, ","))
        end
        local s = {"b", "a", "c", "B", "\255", "\0", ""} table.sort(s) for _, v in ipairs(s) do io.write(string.format("%q", v), " ") end print()
        t(table.sort, {1, "x", 2, "y"}) t(table.sort, {{}, {}}) t(table.sort, {3, 1, 2}, 5) t(table.sort, nil)
        t(table.sort, {1, 2, 3}, function(a, b) error("boom") end)
        local mt = {__lt = function(a, b) return a.v < b.v end}
        local u = {} for i = 1, 10 do u[i] = setmetatable({v = (i * 7) % 10}, mt) end
        table.sort(u) for i = 1, 10 do io.write(u[i].v, " ") end print()
        local big = {} for i = 1, 5000 do big[i] = (i * 7919) % 5003 end table.sort(big)
        local sorted = true for i = 2, #big do if big[i - 1] > big[i] then sorted = false end end print(sorted, big[1], big[5000])
        """);
}
