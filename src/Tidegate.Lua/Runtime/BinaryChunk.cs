using System.Text;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// string.dump's output: not LuaJIT bytecode but the source text behind an escape-byte header that
/// <see cref="LuaState.Load"/> recognises: "\x1bTLS" + chunk name + '\0' + source.
/// Like real bytecode it starts with ESC, so load's mode checks treat it as binary.
/// </summary>
public static class BinaryChunk
{
    private static ReadOnlySpan<byte> Signature => "\x1bTLS"u8;

    public static bool IsBinary(ReadOnlySpan<byte> source) => source.StartsWith(Signature);

    public static byte[] Write(LuaClosure closure)
    {
        var p = closure.Proto;
        if (p.ChunkSource is null) throw new LuaException("unable to dump given function");
        ReadOnlySpan<byte> text = p.ChunkSource;
        if (!p.IsMainChunk)
        {
            // An inner function becomes a chunk running its body, its parameters taken from the chunk's
            // arguments; the body keeps its source lines, so positions in messages stay right.
            text = Encoding.Latin1.GetBytes(SliceFunction(p));
        }
        var name = Encoding.UTF8.GetBytes(p.ChunkName);
        var result = new byte[Signature.Length + name.Length + 1 + text.Length];
        Signature.CopyTo(result);
        name.CopyTo(result.AsSpan(Signature.Length));
        text.CopyTo(result.AsSpan(Signature.Length + name.Length + 1));
        return result;
    }

    public static (string ChunkName, byte[] Source) Read(ReadOnlySpan<byte> chunk)
    {
        var rest = chunk[Signature.Length..];
        int zero = rest.IndexOf((byte)0);
        if (zero < 0) throw new LuaException("bad binary chunk");
        return (Encoding.UTF8.GetString(rest[..zero]), rest[(zero + 1)..].ToArray());
    }

    /// <summary>
    /// The body of the function defined on lines LineDefined..LastLineDefined, as a chunk:
    /// "local a, b = ..." in front of the text between the parameter list and the final "end",
    /// preceded by as many newlines as the body had lines before it.
    /// </summary>
    private static string SliceFunction(FunctionProto p)
    {
        string all = Encoding.Latin1.GetString(p.ChunkSource!);
        var lines = all.Split('\n');
        int first = Math.Max(p.LineDefined - 1, 0), last = Math.Min(p.LastLineDefined - 1, lines.Length - 1);
        string text = string.Join("\n", lines[first..(last + 1)]);
        int at = text.IndexOf("function", StringComparison.Ordinal);
        int open = at < 0 ? -1 : text.IndexOf('(', at);
        int close = open < 0 ? -1 : text.IndexOf(')', open);
        int end = text.LastIndexOf("end", StringComparison.Ordinal);
        if (close < 0 || end < close) throw new LuaException("unable to dump given function");
        string body = text[(close + 1)..end];
        string parameters = p.ParameterNames.Length == 0 ? "" : "local " + string.Join(", ", p.ParameterNames) + " = ... ";
        return new string('\n', first) + parameters + body;
    }
}
