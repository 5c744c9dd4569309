namespace Tidegate.Lua.Tests.Library;

/// <summary>
/// The string library's functions with their index rules, byte-cleanliness over all 256 values,
/// hostile sizes and error messages, compared with luajit's output.
/// </summary>
public class StringLibraryTests
{
    private static void Same(string script) => LuaJitReference.AssertSameOutput(script);

    private const string P = """
        local function show(...)
          local t = {...}
          for i = 1, select("#", ...) do t[i] = type(t[i]) == "string" and string.format("%q", t[i]) or tostring(t[i]) end
          return table.concat(t, ",")
        end
        local function t(...) print(show(pcall(...))) end
        local all = {} for b = 0, 255 do all[#all + 1] = string.char(b) end all = table.concat(all)

        """;

    [Fact]
    public void ByteAndCharAreByteClean() => Same(P + """
        print(#all, string.byte(all, 1), string.byte(all, -1), string.byte(all, 128, 130))
        local back = string.char(string.byte(all, 1, -1)) print(back == all)
        t(string.byte, "abc", 0) t(string.byte, "abc", -1) t(string.byte, "abc", 1, -1) t(string.byte, "abc", -10, 10)
        t(string.byte, "abc", 3, 1) t(string.byte, "") t(string.byte, 123) t(string.byte, "abc", 2.9) t(string.byte)
        t(string.byte, string.rep("x", 9000), 1, -1)
        t(string.char, 256) t(string.char, -1) t(string.char, 65, "66", 67.9) t(string.char) t(string.char, "x") t(string.char, 1e10)
        """);

    [Fact]
    public void SubIndexRules() => Same(P + """
        for _, i in ipairs{0, 1, 2, 5, 6, -1, -5, -6, -100, 100} do
          for _, j in ipairs{0, 1, 3, 5, 6, -1, -2, -6, -100, 100} do io.write(string.sub("hello", i, j), "|") end
          print(string.sub("hello", i))
        end
        -- Out-of-range indexes once each, outside loops: LuaJIT's compiled traces convert them differently.
        print(string.sub("hello", 2^31), string.sub("hello", 2, 2^32), string.sub("hello", -2^31), string.sub("hello", 1e300))
        print(string.sub("hello", 1.9, 3.9), string.sub("hello", -1.5), string.sub("hello", -2.5, -1.5), string.sub("hello", 0/0), string.sub("hello", 2, -1/0), string.byte("hello", 1, 2^31), string.find("hello", "l", 2^40))
        t(string.sub, "hello") t(string.sub, "hello", "x") t(string.sub, "hello", "2") t(string.sub, 12345, 2, 3)
        print(string.sub(all, 250) == string.char(249, 250, 251, 252, 253, 254, 255))
        """);

    [Fact]
    public void RepReverseLowerUpperLen() => Same(P + """
        t(string.rep, "x", 3, ", ") t(string.rep, "x", 0, ", ") t(string.rep, "x", -1) t(string.rep, "x", 1, "y") t(string.rep, "ab", 3)
        t(string.rep, "x", 1e10) t(string.rep, "x", 2^31) t(string.rep, "", 1e10) t(string.rep, "", 5, "")
        t(string.rep, "ab", 2^30 + 1) t(string.rep, "x", 2^31 - 1, "y") t(string.rep, "abc", 1e9, "de") t(string.rep)
        print(string.rep(all, 2) == all .. all, #string.rep("a\0", 1000, "\0"))
        print(string.reverse(all) == all:reverse(), string.byte(string.reverse(all), 1), string.reverse(""))
        local lower, upper = string.lower(all), string.upper(all)
        for b = 0, 255 do io.write(string.byte(lower, b + 1), ",", string.byte(upper, b + 1), " ") end print()
        t(string.len, "a\0b") t(string.len, 12) t(string.len) t(string.lower) t(string.upper, {})
        print(("x"):rep(3), ("%d"):format(5), #"abc", ("abc"):upper(), ("a,b"):find(",", 1, true))
        """);

    [Fact]
    public void RepWithSeparatorsAndSizes() => Same("""
        for _, s in ipairs{"", "a", "ab", "abc\0"} do
          for _, sep in ipairs{false, "", ",", ", \0"} do
            for _, n in ipairs{-1, 0, 1, 2, 3, 7, 64, 1000} do
              local r = sep and string.rep(s, n, sep) or string.rep(s, n)
              io.write(#r, ":", (r:gsub("%z", "Z"):sub(1, 40)), " ")
            end
            print()
          end
        end
        local big = string.rep("xy", 1e6, "-") print(#big, big:sub(-10), select(2, big:gsub("-", "")))
        """);

    [Fact]
    public void FindMatchGsubGmatch() => Same(P + """
        t(string.find) t(string.find, "a", nil) t(string.find, nil, "a") t(string.find, "abc", "b", "x") t(string.find, "abc", "b", nil, nil)
        t(string.find, "a+b", "+", 1, false) t(string.match, 12345, "(3)(4)") t(string.match, "abc", "b", 10)
        t(string.gsub, 12345, 3, 9) t(string.gsub, "abc", "(b)", "%1", nil) t(string.gsub, "abc", "(b)", "%1", "1") t(string.gsub, "abc", "(b)", "%1", "x")
        t(string.gsub, "abc", "%w", "%x") t(string.gsub, "abc", "(%w)", "%1%0%%") t(string.gsub, "abc", "", "-")
        t(string.gsub, "abc", "%w", {a = 1, b = true}) t(string.gsub, "abc", "%w", {a = {}})
        t(string.gsub, "abc", "%w", function(c) if c == "a" then return false end if c == "b" then return {} end end)
        t(string.gsub, "abc", "%w", function(c) return c:upper(), "ignored" end)
        t(string.gsub, "abc", "%w", 1) t(string.gsub, "abc", "%w", true) t(string.gsub, "abc", "%w", "x", 2) t(string.gsub, "abc", "%w", "x", -1)
        t(string.gsub, "abc", "%w", "x", 2.7) t(string.gsub, "abc") t(string.gsub, "abc", "b") t(string.gsub, "abc", "^a", "x") t(string.gsub, "aaa", "^a", "x")
        t(string.gsub, "abc", "b", "%0%0", 0) t(string.gsub, "a.b", ".", "%%") t(string.gsub, all, "%c", "") t(string.gsub, all, ".", {})
        t(string.gsub, "x = 1, y = 2", "(%w+) = (%w+)", "%2 = %1")
        t(string.gsub, "abc", "%w", setmetatable({}, {__index = function(_, k) return k .. k end}))
        t(string.gsub, "hello", "l+", function(s) error("in replacement") end)
        t(string.gmatch, "abc")
        for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do io.write(k, v, ";") end print()
        for w in string.gmatch("one two", "%a+") do io.write(w, ";") end print()
        for a in string.gmatch("abc", "") do io.write("[", a, "]") end print()
        for a in string.gmatch("abc", "^a") do io.write("[", a, "]") end print()
        for a, b in string.gmatch("abc", "()(.)") do io.write(a, b) end print()
        for a in string.gmatch(all, "%p+") do io.write(#a, " ") end print()
        """);

    [Fact]
    public void DumpAndMetatable() => Same(P + """
        t(string.dump, print) t(string.dump) t(string.dump, 1)
        print(type(loadstring(string.dump(function(a, b) return a + b end))))
        print(getmetatable("").__index == string, ("abc"):len(), ("%5s"):format("x"))
        """);
}
