namespace Tidegate.Web.Tests.Lua.Api;

/// <summary>
/// ngx.re beyond the recorded scripts: hostile input (catastrophic patterns, huge subjects, invalid
/// UTF-8), the constructs .NET cannot honour (refused with a clear error, never matched differently),
/// DFA mode and the settings from nginx.conf. Expected values come from nginx where it can answer.
/// </summary>
public class NgxRegexTests
{
    [Theory]
    [InlineData("(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab")]
    [InlineData("(a|aa)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac")]
    public void CatastrophicPatternFailsWithPcreMatchLimitError(string pattern, string subject)
    {
        // nginx: "nil | pcre_exec() failed: -8" for both.
        var output = NgxLuaRunner.Say($"local m, err = ngx.re.match('{subject}', '{pattern}') ngx.say(tostring(m), ' ', err)");
        Assert.Equal("nil pcre_exec() failed: -8\n", output);
    }

    [Fact]
    public void MatchLimitFromConfigurationShortensTheBudget()
    {
        var runner = new NgxLuaRunner();
        runner.Regex.MatchLimit = 1000;
        var started = System.Diagnostics.Stopwatch.StartNew();
        // .NET counts no steps: a budget in proportion to the limit stops a runaway match, though a
        // match PCRE would stop at 1000 steps may finish here when .NET is quick enough.
        var output = runner.Run("local m, err = ngx.re.match(string.rep('a', 40) .. 'b', '(a+)+$') ngx.say(err)");
        Assert.Equal("pcre_exec() failed: -8\n", output);
        Assert.True(started.ElapsedMilliseconds < 2000);
    }

    [Fact]
    public void HugeSubjectsAreHandled()
    {
        var output = NgxLuaRunner.Say("""
            local s = string.rep("ab", 2 * 1024 * 1024)
            local r, n = ngx.re.gsub(s, "b", "c")
            ngx.say(#r, " ", n, " ", r:sub(1, 6))
            local from, to = ngx.re.find(s .. "x", "x")
            ngx.say(from, " ", to)
            local parts = require("ngx.re").split(string.rep("a,", 100000), ",")
            ngx.say(#parts)
            """);
        Assert.Equal("4194304 2097152 acacac\n4194305 4194305\n100000\n", output);
    }

    [Fact]
    public void InvalidUtf8SubjectWithUFlagIsPcreBadUtf8Error()
    {
        // nginx: ngx.re.match("h\xffllo", "h.l", "u") -> nil, "pcre_exec() failed: -10"; an invalid
        // pattern: pcre_compile() failed: invalid UTF-8 string in "\xff" at "\xff".
        var output = NgxLuaRunner.Say("""
            ngx.say(select(2, ngx.re.match("h\255llo", "h.l", "u")))
            ngx.say(select(3, ngx.re.gsub("\192\128", "x", "y", "u")))
            ngx.say(select(2, ngx.re.match("abc", "\255", "u")))
            """);
        Assert.Equal("pcre_exec() failed: -10\npcre_exec() failed: -10\npcre_compile() failed: invalid UTF-8 string in \"\xff\" at \"\xff\"\n", output);
    }

    [Theory]
    [InlineData(@"a\\Kb", "\\K (resetting the match start)")]
    [InlineData("(?|(a)|(b))", "branch reset groups (?|...)")]
    [InlineData("(?R)", "recursion (?R), (?&name)")]
    [InlineData("(?1)(a)", "subroutine calls (?n)")]
    [InlineData("(*UTF8)a", "backtracking control verbs (*...)")]
    [InlineData("(?U)a+", "ungreedy mode (?U)")]
    [InlineData(@"\\X", "\\X (extended grapheme clusters)")]
    public void UnsupportedConstructsFailWithAClearError(string pattern, string construct)
    {
        var output = NgxLuaRunner.Say($"local m, err = ngx.re.match('ab', '{pattern}') ngx.say(tostring(m), '|', err)");
        Assert.StartsWith("nil|pcre_compile() failed: " + construct + " is not supported by tidegate", output);
    }

    [Fact]
    public void DfaModeTakesTheLongestMatchAndHasNoCaptures()
    {
        // nginx: ("hello", "l+", "d") -> {0=ll}; ("abab", "ab|abab", "d") -> abab (backtracking gives ab).
        var output = NgxLuaRunner.Say("""
            local m = ngx.re.match("abab", "ab|abab", "d") ngx.say(m[0], " ", tostring(m[1]))
            local m2 = ngx.re.match("xaaa", "a|aa|aaa", "d") ngx.say(m2[0])
            ngx.say(ngx.re.find("xabcab", "ab|abc", "d"))
            """);
        Assert.Equal("abab nil\naaa\n24\n", output);
    }

    [Fact]
    public void CompileOnceUsesTheWorkerCacheAndCacheLimitZeroDisablesIt()
    {
        var runner = new NgxLuaRunner();
        runner.Run("ngx.re.match('a', 'a', 'o')");
        Assert.False(runner.Regex.CacheIsEmpty);
        var none = new NgxLuaRunner();
        none.Regex.CacheMaxEntries = 0;
        Assert.Equal("true\n", none.Run("ngx.re.match('a', 'a', 'o') ngx.say(pcall(require('ngx.re').opt, 'jit_stack_size', 4096))"));
    }

    [Fact]
    public void CatastrophicGsubAndGmatchReturnTheErrorToo()
    {
        var output = NgxLuaRunner.Say("""
            local s = string.rep("a", 40) .. "b"
            ngx.say(select(3, ngx.re.gsub(s, "(a+)+$", "x")))
            local it = ngx.re.gmatch(s, "(a+)+$")
            ngx.say(select(2, it()))
            """);
        Assert.Equal("pcre_exec() failed: -8\npcre_exec() failed: -8\n", output);
    }

    [Fact]
    public void BadArgumentsRaiseErrors()
    {
        var output = NgxLuaRunner.Say("""
            ngx.say(pcall(ngx.re.match, "a", nil))
            ngx.say(pcall(ngx.re.match, "a", "a", "q"))
            ngx.say(pcall(ngx.re.match, "a", "a", nil, "notatable"))
            """);
        Assert.Equal(
            "falsebad argument #2 to '?' (string expected, got nil)\n" +
            "falseunknown flag \"q\" (flags \"q\")\n" +
            "falsebad argument #4 to '?' (table expected, got string)\n", output);
    }
}
