using Tidegate.Lua.Library;

namespace Tidegate.Lua.Tests.Library;

/// <summary>
/// Lua patterns: every class over all 256 byte values, sets, anchors, quantifiers, captures, %b, %f,
/// back-references, every error message, the depth limit, and a randomised comparison of thousands of
/// pattern/subject pairs, all against luajit's output.
/// </summary>
public class PatternTests
{
    private static void Same(string script) => LuaJitReference.AssertSameOutput(script);

    private const string P = """
        local function show(...)
          local t = {...}
          for i = 1, select("#", ...) do t[i] = type(t[i]) == "string" and string.format("%q", t[i]) or tostring(t[i]) end
          return table.concat(t, ",")
        end
        local function t(...) print(show(pcall(...))) end

        """;

    [Fact]
    public void ClassesOverAllByteValues() => Same("""
        for _, cl in ipairs{"a","c","d","g","l","p","s","u","w","x","z","A","C","D","G","L","P","S","U","W","X","Z","."} do
          local p = cl == "." and "^.$" or "^%" .. cl .. "$"
          local hits = {}
          for b = 0, 255 do if string.find(string.char(b), p) then hits[#hits + 1] = b end end
          print(cl, #hits, table.concat(hits, " "))
        end
        for b = 0, 255 do
          local c = string.char(b)
          local ok, r = pcall(string.find, c, "[" .. "%" .. c .. "]")
          io.write(string.find("x" .. c .. "y", c, 1, true) or "-", ok and (r and "+" or "-") or r, " ")
        end
        print()
        """);

    [Fact]
    public void SetsAnchorsAndQuantifiers() => Same(P + """
        t(string.find, "a-b", "[a-]") t(string.find, "]", "[]]") t(string.find, "^", "[^^]") t(string.find, "a", "[%a-z]")
        t(string.find, "xyz", "[^x-y]") t(string.find, "a]b", "[]a]+") t(string.find, "-", "[a%-z]")
        t(string.match, "a$b", "a$b") t(string.match, "a^b", "a^b") t(string.match, "ab", "^(a)") t(string.match, "ba", "^a")
        t(string.match, "aaab", "a-b") t(string.match, "aaab", "a*") t(string.match, "aaab", "a+b") t(string.match, "b", "a?b")
        t(string.match, "  x  ", "^%s*(.-)%s*$") t(string.match, "", "^$") t(string.match, "abc", "()$")
        t(string.find, "abc", "", 10) t(string.find, "abc", "", 4) t(string.find, "abc", "b", -1) t(string.find, "abc", "b", -10)
        t(string.find, "a.c", ".", 1, true) t(string.find, "a+b", "+", 1, 1) t(string.find, 12345, 34)
        t(string.match, "xb", "b\0c") t(string.find, "xb", "b\0c") t(string.find, "xb\0c", "b\0c") t(string.find, "a\0b", "%z")
        """);

    [Fact]
    public void CapturesBalanceAndFrontier() => Same(P + """
        t(string.find, "abc", "(b)(c)") t(string.match, "abc", "()b()") t(string.match, "hello", "(h)(e)(l)(l)(o)")
        t(string.find, "THE (quick) fox", "%((%a+)%)") t(string.find, "x[[y]]z", "%b[]") t(string.match, "f(a(b)c)d", "%b()")
        t(string.match, "((", "%b()") t(string.find, "THE (quick) fox", "%f[%a]%a+%f[%A]") t(string.gsub, "the cat sat", "%f[%w]%w+", "<%0>")
        t(string.match, "abab", "(ab)%1") t(string.match, "abba", "(a)(b)%2%1") t(string.match, "xx", "()%1")
        t(string.match, "key = val", "(%w+)%s*=%s*(%w+)") t(string.gsub, "hello world", "()(o)()", "%3%2%1")
        t(string.match, "aaa", "((a)(a))")
        """);

    [Fact]
    public void ErrorsAreWordedAsLuaJit() => Same(P + """
        for _, p in ipairs{"%", "[a", "[a%", "[]", "[^]", "(a", "a)", "%1", "(a)%2", "(a%1)", "%b", "%ba", "%f", "%fa", "[\0]",
                           string.rep("(", 33), string.rep("()", 33)} do
          t(string.find, "abc", p) t(string.match, "abc", p) t(string.gsub, "abc", p, "x")
        end
        t(string.gsub, "abc", "%w", "%2") t(string.gsub, "abc", "(%w)", "%2") t(string.gsub, "abc", "%w", "%")
        print(pcall(function() local r = string.find("abc", "(") return r end))
        """);

    [Fact]
    public void DepthLimitAndPathologicalInput() => Same(P + """
        t(string.find, string.rep("a", 300), string.rep("a?", 300) .. string.rep("a", 300))
        t(string.find, string.rep("a", 18), string.rep("a?", 18) .. string.rep("a", 18))
        t(string.match, string.rep("a", 10000), ".-b")
        print(#string.match(string.rep("a", 300000), "(a*)$"))
        t(string.match, string.rep("(", 100) .. string.rep(")", 100), "%b()")
        t(string.gsub, string.rep("ab", 1000), "(a)(b)", "%2%1", 5)
        """);

    [Fact]
    public void RandomPatternsMatchLuaJit() => Same(P + """
        math.randomseed(7)
        local atoms = {"a","b",".","%a","%d","%s","%w","%p","%x","%u","%l","%c","%z","%g","%A","%S","[ab]","[^a]","[a-c]",
          "[%d_]","[]","[^%s]","(",")","()","%1","%2","%b()","%f[%w]","%f[%W]","*","+","-","?","^","$","%","[","]","%%","%.","x",
          "\0", "\255", "[\128-\255]"}
        local subjects = {"", "abc", "aaa", "a b c", "(x(y)z)", "hello world 123", "AbC_9!", "\0a\0", "\255\128x", "  key = value  ", "aaaaaaaaab", "x(y)"}
        for n = 1, 1500 do
          local parts = {}
          for i = 1, math.random(1, 5) do parts[i] = atoms[math.random(#atoms)] end
          local p = table.concat(parts)
          local s = subjects[math.random(#subjects)]
          local line = {n, show(p), show(s), show(pcall(string.find, s, p, math.random(-3, 5))), show(pcall(string.match, s, p)),
            show(pcall(string.gsub, s, p, "<%0>")), show(pcall(string.gsub, s, p, "%1", 2))}
          local ok, it = pcall(string.gmatch, s, p)
          local ok2, err = pcall(function() local c = 0 for a, b in it do line[#line + 1] = show(a, b) c = c + 1 if c > 20 then break end end end)
          line[#line + 1] = tostring(ok2) .. tostring(err)
          print(table.concat(line, " | "))
        end
        """);

    [Fact]
    public void MatcherWorksDirectlyOnSpans()
    {
        // Expectations from luajit: string.find("hello world", "o w") == 5, 7; ("k=v"):match("(%w)=(%w)") == "k", "v".
        var m = new LuaPattern("hello world"u8, "o w"u8, null);
        int end = -1, start;
        for (start = 0; start <= 11 && (end = m.Match(start, 0)) < 0; start++) { }
        Assert.Equal((4, 7), (start, end));

        var k = new LuaPattern("k=v"u8, "(%w)=(%w)"u8, null);
        Assert.Equal(3, k.Match(0, 0));
        Assert.Equal(2, k.Level);
        Assert.Equal("k", k.GetCapture(0, 0, 3).AsString!.ToString());
        Assert.Equal("v", k.GetCapture(1, 0, 3).AsString!.ToString());

        var e = Assert.Throws<LuaException>(() => new LuaPattern("x"u8, "[a"u8, null).Match(0, 0));
        Assert.Equal("malformed pattern (missing ']')", e.Message);
    }
}
