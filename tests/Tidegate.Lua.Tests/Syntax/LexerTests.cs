using System.Text;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Tests.Syntax.SyntaxTestHelpers;

namespace Tidegate.Lua.Tests.Syntax;

public class LexerTests
{
    private static TokenKind[] Kinds(string source) => Tokens(source).Select(t => t.Kind).ToArray();

    private static byte[] StringValue(string literal)
    {
        var toks = Tokens(literal);
        Assert.Equal(TokenKind.String, toks[0].Kind);
        Assert.Equal(TokenKind.Eof, toks[1].Kind);
        return toks[0].String!;
    }

    private static double NumberValue(string literal)
    {
        var toks = Tokens(literal);
        Assert.Equal(TokenKind.Number, toks[0].Kind);
        Assert.Equal(TokenKind.Eof, toks[1].Kind);
        return toks[0].Number;
    }

    [Fact]
    public void EveryKeyword()
    {
        Assert.Equal(
            new[]
            {
                TokenKind.And, TokenKind.Break, TokenKind.Do, TokenKind.Else, TokenKind.Elseif, TokenKind.End,
                TokenKind.False, TokenKind.For, TokenKind.Function, TokenKind.Goto, TokenKind.If, TokenKind.In,
                TokenKind.Local, TokenKind.Nil, TokenKind.Not, TokenKind.Or, TokenKind.Repeat, TokenKind.Return,
                TokenKind.Then, TokenKind.True, TokenKind.Until, TokenKind.While, TokenKind.Eof,
            },
            Kinds("and break do else elseif end false for function goto if in local nil not or repeat return then true until while"));
    }

    [Fact]
    public void EverySymbol()
    {
        Assert.Equal(
            new[]
            {
                TokenKind.Plus, TokenKind.Minus, TokenKind.Star, TokenKind.Slash, TokenKind.Percent, TokenKind.Caret,
                TokenKind.Hash, TokenKind.Equal, TokenKind.NotEqual, TokenKind.LessEqual, TokenKind.GreaterEqual,
                TokenKind.Less, TokenKind.Greater, TokenKind.Assign, TokenKind.LeftParen, TokenKind.RightParen,
                TokenKind.LeftBrace, TokenKind.RightBrace, TokenKind.LeftBracket, TokenKind.RightBracket,
                TokenKind.Semicolon, TokenKind.Colon, TokenKind.DoubleColon, TokenKind.Comma, TokenKind.Dot,
                TokenKind.Concat, TokenKind.Dots, TokenKind.Tilde, TokenKind.Eof,
            },
            Kinds("+ - * / % ^ # == ~= <= >= < > = ( ) { } [ ] ; : :: , . .. ... ~"));
    }

    [Fact]
    public void NamesKeepEveryByte()
    {
        var toks = Tokens("_x1 caf\u00c3\u00a9 goto2");
        Assert.Equal(TokenKind.Name, toks[0].Kind);
        Assert.Equal("_x1", toks[0].Name);
        Assert.Equal(TokenKind.Name, toks[1].Kind);
        Assert.Equal("caf\u00c3\u00a9", toks[1].Name); // UTF-8 bytes of "café", one char per byte
        Assert.Equal("goto2", toks[2].Name);
    }

    [Fact]
    public void UnknownBytesAreSingleTokens()
    {
        Assert.Equal(new[] { (TokenKind)'@', (TokenKind)'$', (TokenKind)'!', (TokenKind)1, TokenKind.Eof }, Kinds("@ $ ! \u0001"));
    }

    [Fact]
    public void ShortStringEscapes()
    {
        Assert.Equal(new byte[] { 7, 8, 12, 10, 13, 9, 11, (byte)'\\', (byte)'"', (byte)'\'' },
            StringValue("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\\'\""));
        Assert.Equal(new byte[] { 0, 65, 255, (byte)'1', 9, (byte)'9' }, StringValue("'\\0\\65\\2551\\0099'"));
        Assert.Equal(new byte[] { 0xAB, 0x0F, (byte)'g' }, StringValue("\"\\xaB\\x0fg\""));
        Assert.Equal(new byte[] { (byte)'a', 10, (byte)'b' }, StringValue("\"a\\\nb\""));
        Assert.Equal(new byte[] { (byte)'a', 10, (byte)'b' }, StringValue("\"a\\\r\nb\""));
        Assert.Equal(Encoding.ASCII.GetBytes("ab"), StringValue("\"a\\z  \n\t  b\""));
    }

    [Fact]
    public void UnicodeEscapesBecomeUtf8()
    {
        Assert.Equal(new byte[] { 0x41 }, StringValue("\"\\u{41}\""));
        Assert.Equal(new byte[] { 0xC3, 0xA9 }, StringValue("\"\\u{E9}\""));
        Assert.Equal(new byte[] { 0xDF, 0xBF }, StringValue("\"\\u{7FF}\""));
        Assert.Equal(new byte[] { 0xEF, 0xBF, 0xBF }, StringValue("\"\\u{FFFF}\""));
        Assert.Equal(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, StringValue("\"\\u{10FFFF}\""));
        Assert.Equal(new byte[] { 0x41 }, StringValue("\"\\u{0000041}\""));
    }

    [Fact]
    public void StringsHoldAnyByte()
    {
        var all = new StringBuilder("\"");
        for (int b = 0; b < 256; b++)
            if (b != '"' && b != '\\' && b != '\n' && b != '\r') all.Append((char)b);
        all.Append('"');
        var value = StringValue(all.ToString());
        Assert.Equal(252, value.Length);
    }

    [Fact]
    public void LongStrings()
    {
        Assert.Equal(Encoding.ASCII.GetBytes("abc"), StringValue("[[abc]]"));
        Assert.Equal(Encoding.ASCII.GetBytes("abc"), StringValue("[[\nabc]]"));        // first newline skipped
        Assert.Equal(Encoding.ASCII.GetBytes("abc"), StringValue("[[\r\nabc]]"));
        Assert.Equal(Encoding.ASCII.GetBytes("\nabc"), StringValue("[[\n\nabc]]"));
        Assert.Equal(Encoding.ASCII.GetBytes("a\nb\nc\nd"), StringValue("[[a\r\nb\n\rc\rd]]")); // line ends become \n
        Assert.Equal(Encoding.ASCII.GetBytes("a]]b]=]c"), StringValue("[==[a]]b]=]c]==]"));
        Assert.Equal(Encoding.ASCII.GetBytes("\\n"), StringValue("[[\\n]]"));            // no escapes
        Assert.Equal(Array.Empty<byte>(), StringValue("[=[]=]"));
    }

    [Fact]
    public void CommentsAreSkipped()
    {
        Assert.Equal(new[] { TokenKind.Name, TokenKind.Name, TokenKind.Name, TokenKind.Eof },
            Kinds("a -- line\nb --[==[ long\n]] ]==] c --[=x not long\n"));
        Assert.Equal(new[] { TokenKind.Minus, TokenKind.Name, TokenKind.Eof }, Kinds("- x"));
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("3.0", 3)]
    [InlineData("3.1416", 3.1416)]
    [InlineData("314.16e-2", 3.1416)]
    [InlineData("0.31416E1", 3.1416)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    [InlineData("1e+2", 100)]
    [InlineData("00012", 12)]
    [InlineData("08", 8)]
    [InlineData("0xff", 255)]
    [InlineData("0XA", 10)]
    [InlineData("0x1P+4", 16)]
    [InlineData("0x1.8p1", 3)]
    [InlineData("0x.8", 0.5)]
    [InlineData("0xA.", 10)]
    [InlineData("0x1e", 30)]
    [InlineData("0b101", 5)]
    [InlineData("0B11", 3)]
    [InlineData("123456789012345678901234567890", 1.2345678901234568e+29)]
    [InlineData("0x1ffffffffffffffff", 3.6893488147419103e+19)]
    [InlineData("0x123456789abcdef123", 3.3581272767073033e+20)]
    [InlineData("0x1p-1074", 4.9406564584124654e-324)]
    [InlineData("0x1p-1075", 0)]
    [InlineData("0x3p-1076", 4.9406564584124654e-324)]
    [InlineData("0x.0000000000000000000001p1", 6.4623485355705287e-27)]
    [InlineData("3.0e-400", 0)]
    [InlineData("1.000000000000000000000000000000000000000001", 1)]
    [InlineData("9007199254740993", 9007199254740992)]
    [InlineData("10e-1048575", 0)]
    public void Numbers(string literal, double expected)
    {
        Assert.Equal(expected, NumberValue(literal));
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("1e1048575")]
    [InlineData("0x1p99999")]
    public void HugeNumbersAreInfinite(string literal)
    {
        Assert.True(double.IsPositiveInfinity(NumberValue(literal)));
    }

    [Fact]
    public void HexExponentSignIsNotPartOfTheNumber()
    {
        // 'e' is a hex digit, so "0x1e+3" is 0x1e plus 3, as in LuaJIT.
        Assert.Equal(new[] { TokenKind.Number, TokenKind.Plus, TokenKind.Number, TokenKind.Eof }, Kinds("0x1e+3"));
        Assert.Equal(new[] { TokenKind.Number, TokenKind.Concat, TokenKind.Number, TokenKind.Eof }, Kinds("3 ..5"));
    }

    [Theory]
    [InlineData("x = 3x", "t.lua:1: malformed number near '3x'")]
    [InlineData("x = 1e", "t.lua:1: malformed number near '1e'")]
    [InlineData("x = 1e+", "t.lua:1: malformed number near '1e+'")]
    [InlineData("x = 0x", "t.lua:1: malformed number near '0x'")]
    [InlineData("x = 0xp1", "t.lua:1: malformed number near '0xp1'")]
    [InlineData("x = 0x1p", "t.lua:1: malformed number near '0x1p'")]
    [InlineData("x = 1..2", "t.lua:1: malformed number near '1..2'")]
    [InlineData("x = 1.2.3", "t.lua:1: malformed number near '1.2.3'")]
    [InlineData("x = 4e5e", "t.lua:1: malformed number near '4e5e'")]
    [InlineData("x = 1__", "t.lua:1: malformed number near '1__'")]
    [InlineData("x = 0b12", "t.lua:1: malformed number near '0b12'")]
    [InlineData("x = 0b1.1", "t.lua:1: malformed number near '0b1.1'")]
    [InlineData("x = 0b", "t.lua:1: malformed number near '0b'")]
    [InlineData("x = 1u", "t.lua:1: malformed number near '1u'")]
    [InlineData("x = 1l", "t.lua:1: malformed number near '1l'")]
    [InlineData("x = 1e1048576", "t.lua:1: malformed number near '1e1048576'")]
    [InlineData("x = 0.1e1048576", "t.lua:1: malformed number near '0.1e1048576'")]
    [InlineData("x = 1e99999999999999999999", "t.lua:1: malformed number near '1e99999999999999999999'")]
    [InlineData("x = 0x1p-1048576", "t.lua:1: malformed number near '0x1p-1048576'")]
    public void MalformedNumbers(string source, string expected)
    {
        Assert.Equal(expected, ErrorOf(source));
    }

    [Theory]
    [InlineData("x = 2i", 2.0)]
    [InlineData("x = 1.5i", 1.5)]
    [InlineData("x = 0x10I", 16.0)]
    [InlineData("x = -3i", -3.0)]
    public void ImaginaryLiteralsBecomeComplexCDataLiterals(string source, double imaginary)
    {
        // LuaJIT makes these complex cdata (tests/lua/ffi/complex_*.lua run them); a minus folds into
        // the literal's imaginary part.
        var assignment = Assert.IsType<AssignStmt>(Parse(source).Main.Body.Statements[0]);
        var literal = Assert.IsType<CDataLiteralExpr>(assignment.Values[0]);
        Assert.True(literal.IsImaginary);
        Assert.Equal(imaginary, BitConverter.Int64BitsToDouble(literal.Bits));
    }

    [Theory]
    [InlineData("x = \"abc", "t.lua:1: unfinished string near '<eof>'")]
    [InlineData("x = \"a\nb\"", "t.lua:1: unfinished string near '\"a'")]
    [InlineData("x = 'a\\\\", "t.lua:1: unfinished string near '<eof>'")]
    [InlineData("x = \"abc\\", "t.lua:1: unfinished string near '<eof>'")]
    [InlineData("x = [==[abc", "t.lua:1: unfinished long string near '<eof>'")]
    [InlineData("x = [==[abc]=]\n", "t.lua:2: unfinished long string near '<eof>'")]
    [InlineData("--[[abc", "t.lua:1: unfinished long comment near '<eof>'")]
    [InlineData("--[==[ a\n b ]=]", "t.lua:2: unfinished long comment near '<eof>'")]
    [InlineData("x = [=x", "t.lua:1: invalid long string delimiter near '[='")]
    [InlineData("x = [==", "t.lua:1: invalid long string delimiter near '[=='")]
    [InlineData("x = \"\\q\"", "t.lua:1: invalid escape sequence near '\"'")]
    [InlineData("x = \"abc\\x4\"", "t.lua:1: invalid escape sequence near '\"abc'")]
    [InlineData("x = \"abc\\xg0\"", "t.lua:1: invalid escape sequence near '\"abc'")]
    [InlineData("x = \"\\256\"", "t.lua:1: invalid escape sequence near '\"'")]
    [InlineData("x = \"\\999\"", "t.lua:1: invalid escape sequence near '\"'")]
    [InlineData("x = \"ab\\u{110000}\"", "t.lua:1: invalid escape sequence near '\"ab'")]
    [InlineData("x = \"\\u{d800}\"", "t.lua:1: invalid escape sequence near '\"'")]
    [InlineData("x = \"\\u{}\"", "t.lua:1: invalid escape sequence near '\"'")]
    [InlineData("x = \"\\u41\"", "t.lua:1: invalid escape sequence near '\"'")]
    [InlineData("x = '\\65\\q'", "t.lua:1: invalid escape sequence near ''A'")]
    [InlineData("x = \"a\\0b\\q\"", "t.lua:1: invalid escape sequence near '\"a'")] // the quoted text stops at NUL, as in C
    public void LexicalErrors(string source, string expected)
    {
        Assert.Equal(expected, ErrorOf(source));
    }

    [Fact]
    public void LineCounting()
    {
        // \n, \r, \r\n and \n\r each end exactly one line; \n\n is two.
        var toks = Tokens("a\nb\rc\r\nd\n\re\n\nf");
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 7, 7 }, toks.Select(t => t.Line).ToArray());
    }

    [Fact]
    public void LinesInsideLongStringsAndEscapesCount()
    {
        var toks = Tokens("[[a\nb\r\nc]] x \"\\\n\\z\n\n\" y --[[\n\n]] z");
        Assert.Equal(new[] { 3, 3, 6, 6, 8, 8 }, toks.Select(t => t.Line).ToArray());
    }

    [Fact]
    public void HeaderLineAndBomAreSkipped()
    {
        var toks = Tokens("#!/usr/bin/luajit\nx");
        Assert.Equal(TokenKind.Name, toks[0].Kind);
        Assert.Equal(2, toks[0].Line);
        toks = Tokens("\u00ef\u00bb\u00bfx");
        Assert.Equal("x", toks[0].Name);
        Assert.Equal(TokenKind.Eof, Tokens("#only a header").Single().Kind);
    }
}
