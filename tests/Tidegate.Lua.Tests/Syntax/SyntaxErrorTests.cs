using System.Text;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Tests.Syntax.SyntaxTestHelpers;

namespace Tidegate.Lua.Tests.Syntax;

/// <summary>Parser errors; every expected message is what luajit prints for the same source.</summary>
public class SyntaxErrorTests
{
    [Theory]
    [InlineData("x = 1 =", "t.lua:1: unexpected symbol near '='")]
    [InlineData("local x = 1 y", "t.lua:1: '=' expected near '<eof>'")]
    [InlineData("for i = 1 do end", "t.lua:1: ',' expected near 'do'")]
    [InlineData("function f()\n\n  x = 1\n", "t.lua:4: 'end' expected (to close 'function' at line 1) near '<eof>'")]
    [InlineData("function f() x = 1", "t.lua:1: 'end' expected near '<eof>'")]
    [InlineData("local 1 = 2", "t.lua:1: '<name>' expected near '1'")]
    [InlineData("function f() return ... end", "t.lua:1: cannot use '...' outside a vararg function near '...'")]
    [InlineData("f\n(1)", "t.lua:2: ambiguous syntax (function call x new statement) near '('")]
    [InlineData("x = f\n(1)", "t.lua:2: ambiguous syntax (function call x new statement) near '('")]
    [InlineData("a.b:c = 1", "t.lua:1: function arguments expected near '='")]
    [InlineData("(x) = 1", "t.lua:1: syntax error near '='")]
    [InlineData("x, f() = 1", "t.lua:1: syntax error near '='")]
    [InlineData("f() = 1", "t.lua:1: unexpected symbol near '='")]
    [InlineData("function f(a,) end", "t.lua:1: <name> or '...' expected near ')'")]
    [InlineData("for x do end", "t.lua:1: '=' or 'in' expected near 'do'")]
    [InlineData("x = 1;;", "t.lua:1: unexpected symbol near ';'")]
    [InlineData("return 1 x", "t.lua:1: '<eof>' expected near 'x'")]
    [InlineData("while true do break; x = 1 end", "t.lua:1: 'end' expected near 'x'")]
    [InlineData("x = 1 \"a\\0b\"", "t.lua:1: unexpected symbol near '\"a'")]
    [InlineData("x = 1 [==[\nabc]==]", "t.lua:2: unexpected symbol near '[==[abc]==]'")]
    [InlineData("x = 1 @", "t.lua:1: unexpected symbol near '@'")]
    [InlineData("x = 1 \u0001", "t.lua:1: unexpected symbol near 'char(1)'")]
    [InlineData("x = 1 \u0000", "t.lua:1: unexpected symbol")]
    [InlineData("x = {1 2}", "t.lua:1: '}' expected near '2'")]
    [InlineData("x = {\n1,\n2\n", "t.lua:4: '}' expected (to close '{' at line 1) near '<eof>'")]
    [InlineData("goto goto", "t.lua:1: '=' expected near 'goto'")]
    [InlineData("#!/bin/lua\nx =", "t.lua:2: unexpected symbol near '<eof>'")]
    public void ParserErrors(string source, string expected)
    {
        Assert.Equal(expected, ErrorOf(source));
    }

    [Theory]
    [InlineData("goto x", "t.lua:1: undefined label 'x'")]
    [InlineData("local function f()\n goto nope\nend", "t.lua:2: undefined label 'nope'")]
    [InlineData("::x:: ::x::", "t.lua:1: duplicate label 'x'")]
    [InlineData("goto f; local a; ::f:: print(a)", "t.lua:1: <goto f> jumps into the scope of local 'a'")]
    [InlineData("local x\n\ngoto l\nlocal y\n::l::\nprint(y)", "t.lua:3: <goto l> jumps into the scope of local 'y'")]
    [InlineData("repeat goto f; local a; ::f:: until a", "t.lua:1: <goto f> jumps into the scope of local 'a'")]
    [InlineData("break", "t.lua:1: no loop to break")]
    [InlineData("do goto x end ::x::", "OK")]
    [InlineData("goto f; local a; ::f::", "OK")]
    [InlineData("::a:: do ::a:: end", "OK")]
    [InlineData("do local a ::l:: end goto l", "t.lua:1: undefined label 'l'")]
    [InlineData("for i=1,2 do goto c; local y ::c:: end", "OK")]
    [InlineData("do goto l; local x; ::l:: x = 1 end", "t.lua:1: <goto l> jumps into the scope of local 'x'")]
    public void GotoAndLabels(string source, string expected)
    {
        Assert.Equal(expected, Verdict(source));
    }

    [Fact]
    public void TenThousandNestedParentheses()
    {
        string source = "x = \n" + new string('(', 10000) + "1" + new string(')', 10000);
        Assert.Equal("t.lua:2: chunk has too many syntax levels", ErrorOf(source));
    }

    [Theory]
    [InlineData(197, "OK")]
    [InlineData(198, "t.lua:1: chunk has too many syntax levels")]
    public void ParenthesesNestingLimit(int depth, string expected)
    {
        Assert.Equal(expected, Verdict("x = " + new string('(', depth) + "1" + new string(')', depth)));
    }

    [Theory]
    [InlineData(198, "OK")]
    [InlineData(199, "t.lua:1: chunk has too many syntax levels")]
    [InlineData(300, "t.lua:1: chunk has too many syntax levels")]
    public void BlockNestingLimit(int depth, string expected)
    {
        Assert.Equal(expected, Verdict(Repeat("do ", depth) + Repeat("end ", depth)));
    }

    [Theory]
    [InlineData("x = ", "{", "}", 197, "OK")]
    [InlineData("x = ", "{", "}", 198, "t.lua:1: chunk has too many syntax levels")]
    [InlineData("x = ", "function() return ", " end", 99, "t.lua:1: chunk has too many syntax levels")]
    [InlineData("x = ", "- ", "", 198, "t.lua:1: chunk has too many syntax levels")]
    [InlineData("x = ", "not ", "", 10000, "t.lua:1: chunk has too many syntax levels")]
    [InlineData("x = ", "#", "", 10000, "t.lua:1: chunk has too many syntax levels")]
    [InlineData("", "while x do ", " end", 300, "t.lua:1: chunk has too many syntax levels")]
    [InlineData("", "if x then ", " end", 300, "t.lua:1: chunk has too many syntax levels")]
    [InlineData("", "repeat ", " until x", 300, "t.lua:1: chunk has too many syntax levels")]
    [InlineData("", "local function f() ", " end", 199, "t.lua:1: chunk has too many syntax levels")]
    [InlineData("", "f(function() ", " end)", 10000, "t.lua:1: chunk has too many syntax levels")]
    [InlineData("", "for i = 1, 2 do ", " end", 300, "t.lua:1: main function has more than 200 local variables")]
    public void DeepNestingIsAnErrorNotACrash(string prefix, string open, string close, int depth, string expected)
    {
        Assert.Equal(expected, Verdict(prefix + Repeat(open, depth) + "1" + Repeat(close, depth)));
    }

    [Fact]
    public void LongOperatorChains()
    {
        Assert.Equal("OK", Verdict("x = " + string.Join(" + ", Enumerable.Repeat("a", 10000))));
        Assert.Equal("OK", Verdict("x = " + string.Join(" .. ", Enumerable.Repeat("a", 197))));
        Assert.Equal("t.lua:1: chunk has too many syntax levels", Verdict("x = " + string.Join(" .. ", Enumerable.Repeat("a", 199))));
        Assert.Equal("OK", Verdict("x = a" + Repeat(".b", 10000) + Repeat(":c()", 10000)));
    }

    [Fact]
    public void LocalVariableLimits()
    {
        string Names(int n) => string.Join(", ", Enumerable.Range(0, n).Select(i => "a" + i));
        Assert.Equal("OK", Verdict("local " + Names(200) + " = 1"));
        Assert.Equal("t.lua:1: main function has more than 200 local variables", Verdict("local " + Names(201) + " = 1"));
        Assert.Equal("t.lua:2: function at line 1 has more than 200 local variables",
            Verdict("local function f()\n local " + Names(300) + " = 1 end"));
        Assert.Equal("OK", Verdict(Names(199) + " = 1"));
        Assert.Equal("t.lua:1: main function has more than 200 variable names", Verdict(Names(200) + " = 1"));
        Assert.Equal("t.lua:1: main function has more than 200 variable names", Verdict("do " + Names(199) + " = 1 end"));
    }

    [Fact]
    public void UpvalueLimit()
    {
        var names = Enumerable.Range(0, 199).Select(i => "a" + i).ToArray();
        string declarations = "local " + string.Join(", ", names[..100]) + "\nlocal " + string.Join(", ", names[100..]) + "\n";
        Assert.Equal("OK", Verdict(declarations + "local function f()\n return {" + string.Join(", ", names[..120]) + "}\nend"));
        Assert.Equal("t.lua:4: function at line 3 has more than 120 upvalues",
            Verdict(declarations + "local function f()\n return {" + string.Join(", ", names[..121]) + "}\nend"));
        // The function in between also gets them as upvalues, and is the one that overflows.
        Assert.Equal("t.lua:126: function at line 3 has more than 120 upvalues",
            Verdict(declarations + "local function f()\n return function()\n return {\n" + string.Join(",\n", names[..121]) + "}\nend end"));
        // The same local used many times is one upvalue.
        Assert.Equal("OK", Verdict("local a\nlocal function f()\n" + string.Concat(Enumerable.Range(0, 200).Select(i => "function g" + i + "() return a end ")) + "\nend"));
    }

    [Fact]
    public void WholeChunkVariableLimit()
    {
        // LuaJIT keeps every local ever declared in a function (and every goto and label) until the
        // function ends, in a stack of at most 65416 entries.
        string Blocks(int n) => Repeat("do local a end ", n);
        Assert.Equal("OK", Verdict(Blocks(65416)));
        Assert.Equal("t.lua:1: chunk has more than 65416 local variables", Verdict(Blocks(65417)));
        Assert.Equal("t.lua:1: chunk has more than 65416 local variables", Verdict("local function f(a) " + Blocks(65415) + " end"));
        Assert.Equal("OK", Verdict(Blocks(65414) + " while x do break end\n"));
        Assert.Equal("t.lua:2: chunk has more than 65416 local variables", Verdict(Blocks(65415) + " while x do break end\n"));
        // A repeat loop whose body local is captured leaves through an extra hidden break.
        Assert.Equal("OK", Verdict(Blocks(65413) + " repeat local z; f = function() return z end until z\n"));
        Assert.Equal("t.lua:2: chunk has more than 65416 local variables", Verdict(Blocks(65414) + " repeat local z; f = function() return z end until z\n"));
        Assert.Equal("OK", Verdict(Blocks(65414) + " repeat local z; f = function() return y end until z\n"));
        // A finished function's entries are given back.
        Assert.Equal("OK", Verdict(string.Concat(Enumerable.Range(0, 100).Select(i => "local function f" + i + "() " + Blocks(1000) + " end "))));
    }

    [Fact]
    public void ManyLabelsAndGotosParseQuickly()
    {
        string source = string.Concat(Enumerable.Range(0, 20000).Select(i => "::l" + i + ":: x = 1 if x then goto l" + i + " end "));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal("OK", Verdict(source));
        Assert.True(watch.ElapsedMilliseconds < 2000, "took " + watch.ElapsedMilliseconds + " ms");
    }

    [Fact]
    public void ConsecutiveLabelsNestSyntaxLevels()
    {
        string Labels(int n) => string.Concat(Enumerable.Range(0, n).Select(i => "::a" + i + "::"));
        Assert.Equal("OK", Verdict(Labels(199)));
        Assert.Equal("t.lua:1: chunk has too many syntax levels", Verdict(Labels(200)));
    }

    [Fact]
    public void BytecodeIsRefused()
    {
        Assert.Equal("x: cannot load incompatible bytecode", Verdict(Encoding.Latin1.GetBytes("\u001bLua"), "=x"));
        Assert.Equal("x.lua: cannot load incompatible bytecode", Verdict(Encoding.Latin1.GetBytes("\u001bLua"), "@x.lua"));
        Assert.Equal("cannot load malformed bytecode", Verdict(Encoding.Latin1.GetBytes("#!x\n\u001bLua"), "@x.lua"));
    }

    [Fact]
    public void MessagesKeepTokenBytes()
    {
        // A string token with bytes >= 0x80 is quoted byte for byte.
        Assert.Equal("t.lua:1: unexpected symbol near '\"\u00ff\u00fe\"'", ErrorOf("x = 1 \"\\255\\254\""));
    }

    [Fact]
    public void ChunkNameFromStdin()
    {
        Assert.Equal("stdin:1: unexpected symbol near '='", ErrorOf("x = = 1", "=stdin"));
    }

    [Theory]
    [InlineData("if x then", true)]
    [InlineData("x = \"abc", true)]
    [InlineData("x = [[abc", true)]
    [InlineData("f(", true)]
    [InlineData("x = = 1", false)]
    [InlineData("x = 3x", false)]
    public void IncompleteInputIsRecognisable(string source, bool incomplete)
    {
        var e = Assert.Throws<LuaSyntaxException>(() => Parser.Parse(Encoding.Latin1.GetBytes(source), "=stdin"));
        Assert.Equal(incomplete, e.IsAtEndOfInput);
    }

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));
}
