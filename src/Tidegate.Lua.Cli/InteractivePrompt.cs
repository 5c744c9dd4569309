using System.Text;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Cli;

/// <summary>
/// The read-eval-print loop, as luajit.c's dotty: "> " (or _PROMPT) for a new statement, ">> " (or
/// _PROMPT2) while the input so far is incomplete (its syntax error ends in '&lt;eof&gt;'), a leading
/// "=" meaning "return", results printed with the global print, errors reported without a program name.
/// Chunks are named "=stdin". Lines are read from the state's standard input byte by byte so nothing is
/// read ahead of what the script itself may read.
/// </summary>
internal sealed class InteractivePrompt
{
    private readonly CliSession _session;
    private LuaState State => _session.State;

    public InteractivePrompt(CliSession session) => _session = session;

    public void Run()
    {
        string? savedName = _session.ReportName;
        _session.ReportName = null;
        try
        {
            while (ReadStatement() is { } chunk)
            {
                if (!_session.ProtectedCall(chunk, Array.Empty<LuaValue>(), out var results) || results.Length == 0)
                    continue;
                PrintResults(results);
            }
            _session.WriteOut("\n");
            _session.FlushOut();
        }
        finally
        {
            _session.ReportName = savedName;
        }
    }

    private void PrintResults(LuaValue[] results)
    {
        try
        {
            State.Call(State.Globals["print"], results);
        }
        catch (LuaException e)
        {
            var detail = e.Value.Ref as LuaString ?? LuaString.FromUtf8(e.Value.ToString());
            _session.Report(LuaString.Concat(LuaString.Concat("error calling 'print' (", detail), ")"));
        }
    }

    /// <summary>Reads lines until they form a chunk that compiles (or fails for another reason than ending too soon).</summary>
    private LuaFunction? ReadStatement()
    {
        while (true)
        {
            var line = ReadLine(firstLine: true);
            if (line is null) return null;
            if (line.Length > 0 && line[0] == (byte)'=')
                line = Concat(Encoding.ASCII.GetBytes("return "), line.AsSpan(1));
            while (true)
            {
                try
                {
                    return State.Load(line, "=stdin");
                }
                catch (LuaException e) when (IsIncomplete(e.Value))
                {
                    var more = ReadLine(firstLine: false);
                    if (more is null) return null;
                    line = Concat(line, "\n"u8, more);
                }
                catch (LuaException e)
                {
                    _session.ReportError(e.Value, null);
                    break;
                }
            }
        }
    }

    private static bool IsIncomplete(LuaValue error) => error.Ref is LuaString s && s.Span.EndsWith("'<eof>'"u8);

    /// <summary>Shows the prompt and reads one line (without its newline); null at end of input.</summary>
    private byte[]? ReadLine(bool firstLine)
    {
        var prompt = State.Globals[firstLine ? "_PROMPT" : "_PROMPT2"];
        var promptBytes = prompt.Ref is LuaString ps ? ps.Span.ToArray()
            : prompt.IsNumber ? LuaNumber.ToLuaString(prompt.Number).Span.ToArray()
            : Encoding.ASCII.GetBytes(firstLine ? "> " : ">> ");
        State.StandardOutput.Write(promptBytes);
        _session.FlushOut();

        var input = State.StandardInput;
        var buffer = new MemoryStream();
        while (true)
        {
            int b = input.ReadByte();
            if (b < 0)
            {
                if (buffer.Length == 0) return null;
                break;
            }
            if (b == '\n') break;
            buffer.WriteByte((byte)b);
        }
        return buffer.ToArray();
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c = default)
    {
        var r = new byte[a.Length + b.Length + c.Length];
        a.CopyTo(r);
        b.CopyTo(r.AsSpan(a.Length));
        c.CopyTo(r.AsSpan(a.Length + b.Length));
        return r;
    }
}
