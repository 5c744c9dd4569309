using System.Text;
using Tidegate.Lua.Syntax;

namespace Tidegate.Lua.Tests.Syntax;

/// <summary>Display forms of chunk names, as luajit prints them in messages (LUA_IDSIZE 60).</summary>
public class ChunkNameTests
{
    [Theory]
    [InlineData("@t.lua", "t.lua")]
    [InlineData("=stdin", "stdin")]
    [InlineData("=", "")]
    [InlineData("@", "")]
    [InlineData("x=", "[string \"x=\"]")]
    [InlineData("", "[string \"\"]")]
    [InlineData("ab\ncd", "[string \"ab...\"]")]
    [InlineData("a\u0000b", "[string \"a\"]")]
    public void ShortNames(string raw, string expected)
    {
        Assert.Equal(expected, ChunkName.ToDisplay(raw));
    }

    [Fact]
    public void LongNamesAreCut()
    {
        Assert.Equal(new string('a', 59), ChunkName.ToDisplay("=" + new string('a', 70)));
        Assert.Equal("..." + new string('a', 56), ChunkName.ToDisplay("@" + new string('a', 70)));
        Assert.Equal(new string('a', 59), ChunkName.ToDisplay("@" + new string('a', 59)));
        Assert.Equal("..." + new string('a', 56), ChunkName.ToDisplay("@" + new string('a', 60)));
        Assert.Equal("[string \"" + new string('a', 48) + "\"]", ChunkName.ToDisplay(new string('a', 48)));
        Assert.Equal("[string \"" + new string('a', 45) + "...\"]", ChunkName.ToDisplay(new string('a', 49)));
        Assert.Equal("[string \"" + new string('a', 45) + "...\"]", ChunkName.ToDisplay(new string('a', 70)));
        Assert.Equal("[string \"" + new string('a', 45) + "...\"]", ChunkName.ToDisplay(new string('a', 46) + "\n"));
        Assert.Equal("[string \"" + new string('a', 44) + "...\"]", ChunkName.ToDisplay(new string('a', 44) + "\n"));
    }

    [Fact]
    public void BytesSurvive()
    {
        Assert.Equal("\u00e9t\u00e9.lua", ChunkName.ToDisplay(Encoding.Latin1.GetBytes("@\u00e9t\u00e9.lua")));
        // Text beyond Latin-1 (a .NET path) is taken as its UTF-8 bytes.
        Assert.Equal("\u00e2\u0082\u00ac.lua", ChunkName.ToDisplay("@\u20ac.lua"));
    }

    [Fact]
    public void ParserUsesTheDisplayName()
    {
        var e = Assert.Throws<LuaSyntaxException>(() => Parser.Parse("x ="u8, "local t = {}\nx ="));
        Assert.Equal("[string \"local t = {}...\"]:1: unexpected symbol near '<eof>'", SyntaxTestHelpers.Message(e));
    }
}
