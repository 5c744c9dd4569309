using System.Text;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// string.dump's output: not LuaJIT bytecode but source text behind an escape-byte header that
/// <see cref="LuaState.Load"/> recognises:
/// <c>"\x1bTLS" kind strip chunkname '\0' source</c>, where kind is 'm' (the source is a main chunk) or
/// 'f' (the source declares the function's upvalues and is followed by the function itself:
/// <c>local x, y return function(a, b) ... end</c>; loading it gives that function with fresh nil
/// upvalues, as loading LuaJIT bytecode does), and strip is '0' for a full dump, '1' for a stripped one
/// (no debug information, no chunk name: it takes the one load is given) and '2' for a function that was
/// stripped before, dumped without strip (no debug information, but its chunk name). Like real bytecode it starts with ESC, so load's
/// mode checks treat it as binary.
/// </summary>
public static class BinaryChunk
{
    private static ReadOnlySpan<byte> Signature => "\x1bTLS"u8;

    public static bool IsBinary(ReadOnlySpan<byte> source) => source.StartsWith(Signature);

    /// <summary>A dumped function as <see cref="Read"/> finds it.</summary>
    /// <param name="ChunkName">the chunk name written in the dump, or null: use the one load is given</param>
    public readonly record struct Dumped(bool IsFunction, bool Stripped, string? ChunkName, byte[] Source);

    public static byte[] Write(LuaClosure closure, bool strip)
    {
        var p = closure.Proto;
        if (p.ChunkSource is null) throw new LuaException("unable to dump given function");
        byte[] text = p.IsWholeChunk ? p.ChunkSource : FunctionChunk(p);
        // A stripped dump keeps no chunk name (the loader's is used), so it is shorter, as LuaJIT's is.
        var name = strip ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(p.ChunkName);
        var result = new byte[Signature.Length + 2 + name.Length + 1 + text.Length];
        Signature.CopyTo(result);
        result[Signature.Length] = p.IsWholeChunk ? (byte)'m' : (byte)'f';
        // What was stripped stays without debug information, but dumped without strip it keeps its chunk name.
        result[Signature.Length + 1] = strip ? (byte)'1' : p.IsStripped ? (byte)'2' : (byte)'0';
        name.CopyTo(result.AsSpan(Signature.Length + 2));
        text.CopyTo(result.AsSpan(Signature.Length + 2 + name.Length + 1));
        return result;
    }

    /// <summary>
    /// Reads a dump; anything else starting with ESC (LuaJIT bytecode, a damaged dump) is refused with
    /// LuaJIT's message for bytecode it cannot load, named as LuaJIT names it.
    /// </summary>
    public static Dumped Read(ReadOnlySpan<byte> chunk, string chunkName)
    {
        if (!IsBinary(chunk) || chunk.Length < Signature.Length + 2) throw Incompatible(chunkName);
        byte kind = chunk[Signature.Length], strip = chunk[Signature.Length + 1];
        var rest = chunk[(Signature.Length + 2)..];
        int zero = rest.IndexOf((byte)0);
        if (zero < 0 || kind is not ((byte)'m' or (byte)'f') || strip is not ((byte)'0' or (byte)'1' or (byte)'2'))
            throw Incompatible(chunkName);
        return new Dumped(kind == 'f', strip != '0', strip == '1' ? null : Encoding.UTF8.GetString(rest[..zero]), rest[(zero + 1)..].ToArray());
    }

    private static LuaException Incompatible(string chunkName)
    {
        string name = chunkName.StartsWith('\x1b') ? "(binary)" : chunkName.StartsWith('@') || chunkName.StartsWith('=') ? chunkName[1..] : chunkName;
        return new LuaException(name + ": cannot load incompatible bytecode");
    }

    /// <summary>
    /// An inner function as a chunk: its upvalues as locals, then "return function" and the function's own
    /// text from its parameter list to its <c>end</c>, on the same lines as in the original chunk (the
    /// lines before it are kept as empty lines), so positions in messages stay right.
    /// </summary>
    private static byte[] FunctionChunk(FunctionProto p)
    {
        var source = p.ChunkSource!;
        if (p.SourceStart < 0 || p.SourceEnd > source.Length || p.SourceStart >= p.SourceEnd || source[p.SourceStart] != '(')
            throw new LuaException("unable to dump given function");
        var sb = new StringBuilder();
        sb.Append('\n', LinesBefore(source, p.SourceStart));
        if (p.UpvalueNames.Length > 0) sb.Append("local ").AppendJoin(", ", p.UpvalueNames).Append(' ');
        sb.Append("return function");
        var text = source.AsSpan(p.SourceStart, p.SourceEnd - p.SourceStart);
        if (p.IsMethod)
        {
            // function a:b(x) has self as its first parameter, which its text leaves out.
            int next = 1;
            while (next < text.Length && text[next] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') next++;
            sb.Append(next < text.Length && text[next] == ')' ? "(self" : "(self, ");
            text = text[1..];
        }
        var head = Encoding.Latin1.GetBytes(sb.ToString());
        var result = new byte[head.Length + text.Length];
        head.CopyTo(result, 0);
        text.CopyTo(result.AsSpan(head.Length));
        return result;
    }

    /// <summary>The newlines before <paramref name="end"/>, counted as the lexer does ("\r\n" and "\n\r" are one).</summary>
    private static int LinesBefore(byte[] source, int end)
    {
        int lines = 0;
        for (int i = 0; i < end; i++)
        {
            byte c = source[i];
            if (c is not ((byte)'\n' or (byte)'\r')) continue;
            lines++;
            if (i + 1 < end && source[i + 1] is (byte)'\n' or (byte)'\r' && source[i + 1] != c) i++;
        }
        return lines;
    }
}
