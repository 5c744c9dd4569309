using System.Text;
using Tidegate.Lua.Syntax;

namespace Tidegate.Lua.Tests.Syntax;

internal static class SyntaxTestHelpers
{
    /// <summary>"OK" when the source parses, else the error message (one char per byte).</summary>
    public static string Verdict(byte[] source, string chunkName)
    {
        try
        {
            Parser.Parse(source, chunkName);
            return "OK";
        }
        catch (LuaSyntaxException e)
        {
            return Message(e);
        }
    }

    public static string Verdict(string source) => Verdict(Encoding.Latin1.GetBytes(source), "@t.lua");

    public static string Message(LuaException e)
    {
        var s = Assert.IsType<LuaString>(e.Value.Ref);
        return Encoding.Latin1.GetString(s.Span);
    }

    public static string ErrorOf(string source, string chunkName = "@t.lua")
    {
        var e = Assert.Throws<LuaSyntaxException>(() => Parser.Parse(Encoding.Latin1.GetBytes(source), chunkName));
        return Message(e);
    }

    public static Chunk Parse(string source) => Parser.Parse(Encoding.Latin1.GetBytes(source), "=test");

    public static List<Token> Tokens(string source)
    {
        var lexer = new Lexer(Encoding.Latin1.GetBytes(source), "test");
        var tokens = new List<Token>();
        var tok = new Token();
        do
        {
            lexer.Scan(ref tok);
            tokens.Add(tok);
        } while (tok.Kind != TokenKind.Eof);
        return tokens;
    }
}
