using System.Text;
using Tidegate.Lua.Syntax;

namespace Tidegate.Lua.Tests.Syntax;

/// <summary>
/// Arbitrary input must end in a parse or a Lua syntax error: never another exception, a crash or a hang.
/// (The same generators were run against luajit during development and the messages agreed.)
/// </summary>
public class FuzzTests
{
    private static readonly string[] s_tokens =
    {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local",
        "nil", "not", "or", "repeat", "return", "then", "true", "until", "while", "..", "...", "==", ">=", "<=",
        "~=", "::", "+", "-", "*", "/", "%", "^", "#", "(", ")", "{", "}", "[", "]", ";", ":", ",", ".", "=",
        "<", ">", "~", "x", "y", "self", "1", "2.5", "0x10", "\"s\"", "'t'", "[[long]]", "\n", "--c\n", "f",
        "1e3", "@", "$", "[=[", "]=]", "\"\\", "\\z", "0b1",
    };

    private static void ParseOrSyntaxError(byte[] source)
    {
        try
        {
            Parser.Parse(source, "=fuzz");
        }
        catch (LuaSyntaxException e)
        {
            string message = SyntaxTestHelpers.Message(e);
            Assert.True(message.StartsWith("fuzz:", StringComparison.Ordinal) || message.StartsWith("cannot load", StringComparison.Ordinal)
                || message.StartsWith("fuzz: cannot", StringComparison.Ordinal), message);
        }
    }

    [Fact]
    public void RandomBytes()
    {
        var rng = new Random(12345);
        for (int i = 0; i < 20000; i++)
        {
            var bytes = new byte[rng.Next(0, 64)];
            rng.NextBytes(bytes);
            ParseOrSyntaxError(bytes);
        }
    }

    [Fact]
    public void RandomBytesFromLuaAlphabet()
    {
        var rng = new Random(6789);
        var alphabet = Encoding.ASCII.GetBytes("abc01 .=()\"'[]\\-\n\r{}:;xuz#~<>^,");
        for (int i = 0; i < 20000; i++)
        {
            var bytes = new byte[rng.Next(0, 48)];
            for (int k = 0; k < bytes.Length; k++) bytes[k] = rng.Next(4) == 0 ? (byte)rng.Next(256) : alphabet[rng.Next(alphabet.Length)];
            ParseOrSyntaxError(bytes);
        }
    }

    [Fact]
    public void RandomTokenSequences()
    {
        var rng = new Random(4242);
        for (int i = 0; i < 20000; i++)
        {
            var sb = new StringBuilder();
            int n = rng.Next(1, 40);
            for (int k = 0; k < n; k++) sb.Append(s_tokens[rng.Next(s_tokens.Length)]).Append(' ');
            ParseOrSyntaxError(Encoding.Latin1.GetBytes(sb.ToString()));
        }
    }

    [Fact]
    public void MutatedPrograms()
    {
        const string program =
            "local t = {1, 2, a = 3, [4] = 5}\n" +
            "local function f(a, ...) return a + select('#', ...) end\n" +
            "for i = 1, #t do t[i] = f(i, 1, 2) .. \"x\\n\" end\n" +
            "for k, v in pairs(t) do if k then goto skip end print(k, v) ::skip:: end\n" +
            "while t do break end repeat local z = 1 until z\n" +
            "local s = [==[ long ]] ]==] --[[ comment ]] return s:upper(), -2^2, not nil\n";
        var rng = new Random(777);
        for (int i = 0; i < 20000; i++)
        {
            var sb = new StringBuilder(program);
            for (int m = rng.Next(1, 4); m > 0; m--)
            {
                int at = rng.Next(sb.Length + 1);
                switch (rng.Next(3))
                {
                    case 0: sb.Remove(at, Math.Min(rng.Next(1, 5), sb.Length - at)); break;
                    case 1: sb.Insert(at, " " + s_tokens[rng.Next(s_tokens.Length)] + " "); break;
                    default: sb.Insert(at, (char)rng.Next(256)); break;
                }
            }
            ParseOrSyntaxError(Encoding.Latin1.GetBytes(sb.ToString()));
        }
    }

    [Fact]
    public void OneMegabyteParsesQuickly()
    {
        var sb = new StringBuilder();
        int i = 0;
        while (sb.Length < 1 << 20)
        {
            sb.Append("function f").Append(i).Append("(a, b, ...)\n")
              .Append("  local t = { x = a, y = b, \"str\\n\", [a .. b] = 0x10 * 2.5e1, ... }\n")
              .Append("  for k, v in pairs(t) do if v ~= nil and k then t[k] = -v ^ 2 end end\n")
              .Append("  return t.x, t:method(\"s\"), #t -- comment\nend\n");
            i++;
        }
        var source = Encoding.ASCII.GetBytes(sb.ToString());
        Parser.Parse(source, "=warmup");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var chunk = Parser.Parse(source, "=big");
        watch.Stop();
        Assert.Equal(i, chunk.Main.Body.Statements.Count);
        Assert.True(watch.ElapsedMilliseconds < 1000, "took " + watch.ElapsedMilliseconds + " ms");
    }
}
