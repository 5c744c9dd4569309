using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// The string library as LuaJIT 2.1 has it (lib_string.c). Every function works on bytes: all 256
/// values pass through unchanged, and lower/upper touch only ASCII letters (the C locale).
/// The pattern functions are in StringLibrary.Patterns.cs (the matcher itself in <see cref="LuaPattern"/>),
/// string.format in <see cref="StringFormat"/>.
/// </summary>
public static partial class StringLibrary
{
    /// <summary>LuaJIT's LUAI_MAXCSTACK: the most values string.byte returns at once.</summary>
    private const int MaxByteResults = 8000;

    public static void Open(LuaState state)
    {
        var lib = new LuaTable();
        void Add(string name, HostFunctionBody body) => lib[name] = new HostFunction(name, body);
        Add("len", Len);
        lib["byte"] = new StringByteFunction(Byte); // byte(s, i) and sub(s, i, j) answered in Invoke (StringByteSubFunctions.cs)
        Add("char", Char);
        lib["sub"] = new StringSubFunction(Sub);
        Add("rep", Rep);
        Add("reverse", Reverse);
        Add("lower", Lower);
        Add("upper", Upper);
        Add("dump", Dump);
        lib["find"] = new StringFindFunction(Find); // plain searches answered in its per-arity entries
        Add("match", Match);
        Add("gmatch", GMatch);
        Add("gsub", GSub);
        Add("format", call => call.Return(StringFormat.Format(call)));
        state.Globals["string"] = lib;

        // ("x"):rep(3): strings index the string table.
        var meta = new LuaTable();
        meta["__index"] = lib;
        state.StringMetatable = meta;
    }

    private static int Len(LuaCall call)
    {
        // LuaJIT's fast path for string.len reports a missing argument as nil.
        if (call.Count == 0) throw call.ArgError(0, "string expected, got nil");
        return call.Return(call.CheckString(0).Length);
    }

    private static int Byte(LuaCall call)
    {
        // byte(s, i) with i an integer inside s: one result and none of the range arithmetic below
        // (a decoder's loop over a string's bytes; 3.7% of bench/lua/json).
        if (call.Count == 2 && call[0].Ref is LuaString fs && call[1].IsNumber)
        {
            double d = call[1].Number;
            int at = (int)d;
            if (at == d && (uint)(at - 1) < (uint)fs.Length) return call.Return(fs[at - 1]);
        }
        var s = call.CheckString(0);
        int len = s.Length;
        long start = call.OptInt(1, 1);
        long stop = call.HasArg(2) && !call[2].IsNil ? call.CheckInt(2) : start;
        if (stop < 0) stop += len + 1;
        if (start < 0) start += len + 1;
        if (start <= 0) start = 1;
        if (stop > len) stop = len;
        if (start > stop) return 0;
        int n = (int)(stop - start + 1);
        if (n > MaxByteResults) throw call.Thread.RuntimeError("string slice too long");
        var thread = call.Thread;
        thread.EnsureStack(call.Base + n + 1);
        var bytes = s.Span;
        for (int i = 0; i < n; i++) thread.Stack[call.Base + i] = bytes[(int)start - 1 + i];
        return n;
    }

    private static int Char(LuaCall call)
    {
        int n = call.Count;
        // One byte (string.char(c), the usual call): the shared one-byte string, no array at all.
        if (n == 1)
        {
            int c1 = call.CheckInt(0);
            if ((uint)c1 > 255) throw call.ArgError(0, "invalid value");
            return call.Return(LuaString.OfByte((byte)c1));
        }
        var bytes = n == 0 ? Array.Empty<byte>() : new byte[n];
        for (int i = 0; i < n; i++)
        {
            int c = call.CheckInt(i);
            if ((uint)c > 255) throw call.ArgError(i, "invalid value");
            bytes[i] = (byte)c;
        }
        return call.Return(n switch { 0 => LuaString.Empty, 1 => LuaString.OfByte(bytes[0]), _ => new LuaString(bytes) });
    }

    private static int Sub(LuaCall call)
    {
        // sub(s, i, j) with 1 <= i <= j <= #s, integers: the slice itself, none of the clamping below.
        if (call.Count == 3 && call[0].Ref is LuaString fs && call[1].IsNumber && call[2].IsNumber)
        {
            double di = call[1].Number, dj = call[2].Number;
            int i = (int)di, j = (int)dj;
            if (i == di && j == dj && i >= 1 && i <= j && j <= fs.Length)
                return call.Return(i == 1 && j == fs.Length ? fs : LuaString.FromBytes(fs.Span.Slice(i - 1, j - i + 1)));
        }
        var s = call.CheckString(0);
        int len = s.Length;
        long start = call.CheckInt(1);
        long end = call.OptInt(2, -1);
        if (end < 0) end += len + 1;
        else if (end > len) end = len;
        if (start < 0) start += len + 1;
        if (start <= 0) start = 1;
        if (start > end) return call.Return(LuaString.Empty);
        if (start == 1 && end == len) return call.Return(s);
        return call.Return(LuaString.FromBytes(s.Span.Slice((int)start - 1, (int)(end - start + 1))));
    }

    private static int Rep(LuaCall call)
    {
        var s = call.CheckString(0);
        int count = call.CheckInt(1);
        var sep = call.OptString(2, null);
        if (count <= 0) return call.Return(LuaString.Empty);
        long sepLength = sep?.Length ?? 0;
        long total = (long)s.Length * count + sepLength * (count - 1);
        if (total == 0) return call.Return(LuaString.Empty);
        if (total > LuaStringBuilder.MaxLength) throw LuaStringBuilder.OutOfMemory(call.Thread);
        byte[] result;
        try
        {
            result = new byte[total];
        }
        catch (OutOfMemoryException)
        {
            throw LuaStringBuilder.OutOfMemory(call.Thread);
        }
        // The result is "s..sep" repeated, cut before the last separator: write one period, then keep
        // doubling the filled prefix, so a million repetitions take twenty copies, not a million.
        var span = result.AsSpan();
        s.Span.CopyTo(span);
        int filled = s.Length;
        if (count > 1 && sep is not null)
        {
            sep.Span.CopyTo(span[filled..]);
            filled += sep.Length;
        }
        while (filled < total)
        {
            int n = (int)Math.Min(filled, total - filled);
            span[..n].CopyTo(span[filled..]);
            filled += n;
        }
        return call.Return(new LuaString(result));
    }

    private static int Reverse(LuaCall call)
    {
        var s = call.CheckString(0);
        var bytes = s.Span.ToArray();
        Array.Reverse(bytes);
        return call.Return(bytes.Length == 0 ? LuaString.Empty : new LuaString(bytes));
    }

    private static int Lower(LuaCall call)
    {
        var s = call.CheckString(0);
        var bytes = s.Span.ToArray();
        AsciiCase.ToLower(bytes);
        return call.Return(bytes.Length == 0 ? LuaString.Empty : new LuaString(bytes));
    }

    private static int Upper(LuaCall call)
    {
        var s = call.CheckString(0);
        var bytes = s.Span.ToArray();
        AsciiCase.ToUpper(bytes);
        return call.Return(bytes.Length == 0 ? LuaString.Empty : new LuaString(bytes));
    }

    private static int Dump(LuaCall call)
    {
        var f = call.CheckFunction(0);
        if (f is not LuaClosure closure) throw call.Thread.RuntimeError("unable to dump given function");
        byte[] chunk;
        try
        {
            chunk = closure.Dump(strip: call[1].IsTruthy);
        }
        catch (LuaException)
        {
            throw call.Thread.RuntimeError("unable to dump given function");
        }
        return call.Return(new LuaString(chunk));
    }
}
