using System.Diagnostics;
using System.Text;
using Tidegate.Lua.Syntax;

namespace Tidegate.Lua.Tests.Syntax;

/// <summary>
/// Random sources judged by luajit itself and by our parser, which must agree byte for byte
/// ("OK" or the same message). Runs when <c>luajit</c> is on the PATH (CI installs it); otherwise
/// there is nothing to compare with and the test passes without checking.
/// </summary>
public class LuaJitDifferentialFuzzTests
{
    private static readonly string[] s_tokens =
    {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local",
        "nil", "not", "or", "repeat", "return", "then", "true", "until", "while", "..", "...", "==", ">=", "<=",
        "~=", "::", "+", "-", "*", "/", "%", "^", "#", "(", ")", "{", "}", "[", "]", ";", ":", ",", ".", "=",
        "<", ">", "~", "x", "y", "a", "self", "1", "2.5", "0x10", "\"s\"", "'t'", "[[long]]", "\n", "--c\n",
        "f", "1e3", "@", "0b1", "::l::", "goto l", "local v", "x = 1",
    };

    private static readonly string[] s_statements =
    {
        "local x = 1\n", "x = y + 1\n", "f(x)\n", "if x then y() end\n", "for i = 1, 3 do end\n",
        "while x do break end\n", "function f(a, ...) return ... end\n", "do local a ::l:: goto l end\n",
        "repeat local z until z\n", "t = {1, a=2, [3]=4}\n", "return x\n", "goto l\n", "::l::\n",
        "local function g() end\n", "x = -a^b..c\n", "a.b:c\"d\"\n", "local q = function() return q end\n",
        "for k, v in pairs(t) do goto continue; local w ::continue:: end\n",
    };

    private static string? FindLuaJit()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            if (dir.Length == 0) continue;
            var path = Path.Combine(dir, "luajit");
            if (File.Exists(path)) return path;
        }
        return null;
    }

    private static List<byte[]> Sources()
    {
        var rng = new Random(20261121);
        var sources = new List<byte[]>();
        for (int i = 0; i < 1500; i++)
        {
            var sb = new StringBuilder();
            switch (i % 3)
            {
                case 0:
                    for (int k = rng.Next(1, 30); k > 0; k--) sb.Append(s_tokens[rng.Next(s_tokens.Length)]).Append(' ');
                    break;
                case 1:
                    for (int k = rng.Next(1, 8); k > 0; k--) sb.Append(s_statements[rng.Next(s_statements.Length)]);
                    for (int m = rng.Next(0, 4); m > 0; m--)
                    {
                        int at = rng.Next(sb.Length + 1);
                        if (rng.Next(2) == 0) sb.Remove(at, Math.Min(rng.Next(1, 5), sb.Length - at));
                        else sb.Insert(at, " " + s_tokens[rng.Next(s_tokens.Length)] + " ");
                    }
                    break;
                default:
                    const string alphabet = "abc01 .=()\"'[]\\-\n\r{}:;xuz#~<>^,";
                    for (int k = rng.Next(0, 40); k > 0; k--)
                        sb.Append(rng.Next(4) == 0 ? (char)rng.Next(256) : alphabet[rng.Next(alphabet.Length)]);
                    break;
            }
            sources.Add(Encoding.Latin1.GetBytes(sb.ToString()));
        }
        return sources;
    }

    [Fact]
    public void ParserAgreesWithLuaJitOnRandomSources()
    {
        string? luajit = FindLuaJit();
        if (luajit == null) return;

        string dir = Path.Combine(Path.GetTempPath(), "tidegate-syntax-fuzz-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            var sources = Sources();
            var paths = new List<string>();
            for (int i = 0; i < sources.Count; i++)
            {
                string path = Path.Combine(dir, "s" + i + ".lua");
                File.WriteAllBytes(path, sources[i]);
                paths.Add(path);
            }
            string list = Path.Combine(dir, "list.txt");
            File.WriteAllLines(list, paths);

            // One luajit process judges every file: the message (or OK), then a NUL and a newline.
            var start = new ProcessStartInfo(luajit)
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add("for p in io.lines([==[" + list + "]==]) do local f, e = loadfile(p) io.write(e or 'OK', '\\0\\n') end");
            using var process = Process.Start(start)!;
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            var verdicts = Split(output.ToArray());
            Assert.Equal(sources.Count, verdicts.Count);

            for (int i = 0; i < sources.Count; i++)
            {
                string ours = SyntaxTestHelpers.Verdict(sources[i], "@" + paths[i]);
                string theirs = Encoding.Latin1.GetString(verdicts[i]);
                Assert.True(theirs == ours, $"source {Convert.ToBase64String(sources[i])}\nluajit: {theirs}\nours:   {ours}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<byte[]> Split(byte[] data)
    {
        var parts = new List<byte[]>();
        int start = 0;
        for (int i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == 0 && data[i + 1] == (byte)'\n')
            {
                parts.Add(data[start..i]);
                start = i + 2;
                i++;
            }
        }
        return parts;
    }
}
