using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// The string library as LuaJIT 2.1 has it (lib_string.c). Every function works on bytes: all 256
/// values pass through unchanged, and lower/upper touch only ASCII letters (the C locale).
/// Patterns are in <see cref="LuaPattern"/>, string.format in <see cref="StringFormat"/>.
/// </summary>
public static class StringLibrary
{
    /// <summary>LuaJIT's LUAI_MAXCSTACK: the most values string.byte returns at once.</summary>
    private const int MaxByteResults = 8000;

    public static void Open(LuaState state)
    {
        var lib = new LuaTable();
        void Add(string name, HostFunctionBody body) => lib[name] = new HostFunction(name, body);
        Add("len", Len);
        Add("byte", Byte);
        Add("char", Char);
        Add("sub", Sub);
        Add("rep", Rep);
        Add("reverse", Reverse);
        Add("lower", Lower);
        Add("upper", Upper);
        Add("dump", Dump);
        Add("find", Find);
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
        var bytes = n == 0 ? Array.Empty<byte>() : new byte[n];
        for (int i = 0; i < n; i++)
        {
            int c = call.CheckInt(i);
            if ((uint)c > 255) throw call.ArgError(i, "invalid value");
            bytes[i] = (byte)c;
        }
        return call.Return(n == 0 ? LuaString.Empty : new LuaString(bytes));
    }

    private static int Sub(LuaCall call)
    {
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
        var src = s.Span;
        var separator = sep is null ? ReadOnlySpan<byte>.Empty : sep.Span;
        int at = 0;
        if (separator.Length == 0 && src.Length == 1)
        {
            result.AsSpan().Fill(src[0]);
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    separator.CopyTo(result.AsSpan(at));
                    at += separator.Length;
                }
                src.CopyTo(result.AsSpan(at));
                at += src.Length;
            }
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
        for (int i = 0; i < bytes.Length; i++)
            if ((uint)(bytes[i] - 'A') < 26) bytes[i] |= 0x20;
        return call.Return(bytes.Length == 0 ? LuaString.Empty : new LuaString(bytes));
    }

    private static int Upper(LuaCall call)
    {
        var s = call.CheckString(0);
        var bytes = s.Span.ToArray();
        for (int i = 0; i < bytes.Length; i++)
            if ((uint)(bytes[i] - 'a') < 26) bytes[i] &= 0xdf;
        return call.Return(bytes.Length == 0 ? LuaString.Empty : new LuaString(bytes));
    }

    private static int Dump(LuaCall call)
    {
        var f = call.CheckFunction(0);
        if (f is not LuaClosure closure) throw call.Thread.RuntimeError("unable to dump given function");
        byte[] chunk;
        try
        {
            chunk = closure.Dump();
        }
        catch (LuaException)
        {
            throw call.Thread.RuntimeError("unable to dump given function");
        }
        return call.Return(new LuaString(chunk));
    }

    // ---- pattern functions ----

    /// <summary>The 0-based start offset for find/match from the optional init argument (LuaJIT's rules).</summary>
    private static int StartOffset(LuaCall call, int argIndex, int length)
    {
        long start = call.OptInt(argIndex, 1);
        if (start < 0) start += length;
        else start--;
        if (start < 0) start = 0;
        if (start > length) start = length; // Lua 5.1 semantics: clamp, still try to match at the end
        return (int)start;
    }

    private static int Find(LuaCall call) => FindOrMatch(call, find: true);

    private static int Match(LuaCall call) => FindOrMatch(call, find: false);

    private static int FindOrMatch(LuaCall call, bool find)
    {
        var subject = call.CheckString(0);
        var pattern = call.CheckString(1);
        int start = StartOffset(call, 2, subject.Length);
        var src = subject.Span;

        if (find && (call[3].IsTruthy || !LuaPattern.HasSpecials(pattern.Span)))
        {
            int at = src[start..].IndexOf(pattern.Span);
            if (at < 0) return call.Return(LuaValue.Nil);
            return call.Return(start + at + 1, start + at + pattern.Length);
        }

        var matcher = new LuaPattern(src, pattern.Span, call.Thread);
        int p = 0;
        bool anchor = matcher.Pattern.Length > 0 && matcher.Pattern[0] == '^';
        if (anchor) p = 1;
        int s = start;
        int first = anchor ? -1 : matcher.RequiredFirstByte(p);
        do
        {
            if (first >= 0)
            {
                int skip = src[s..].IndexOf((byte)first);
                if (skip < 0) break;
                s += skip;
            }
            int e = matcher.Match(s, p);
            if (e >= 0)
            {
                var thread = call.Thread;
                if (find)
                {
                    int n = matcher.PushCaptures(thread, call.Base + 2, s, e, wholeMatchIfNone: false);
                    thread.Stack[call.Base] = s + 1;
                    thread.Stack[call.Base + 1] = e;
                    return n + 2;
                }
                return matcher.PushCaptures(thread, call.Base, s, e, wholeMatchIfNone: true);
            }
        } while (s++ < src.Length && !anchor);
        return call.Return(LuaValue.Nil);
    }

    private static int GMatch(LuaCall call)
    {
        var subject = call.CheckString(0);
        var pattern = call.CheckString(1);
        int position = 0;
        var iterator = new HostFunction("gmatch_aux", c =>
        {
            var src = subject.Span;
            var matcher = new LuaPattern(src, pattern.Span, c.Thread);
            int first = matcher.RequiredFirstByte(0);
            for (int s = position; s <= src.Length; s++)
            {
                if (first >= 0)
                {
                    int skip = src[s..].IndexOf((byte)first);
                    if (skip < 0) break;
                    s += skip;
                }
                int e = matcher.Match(s, 0);
                if (e >= 0)
                {
                    // An empty match advances by one so the loop always progresses.
                    position = e == s ? e + 1 : e;
                    return matcher.PushCaptures(c.Thread, c.Base, s, e, wholeMatchIfNone: true);
                }
            }
            position = src.Length + 1;
            return 0;
        });
        return call.Return(iterator);
    }

    private static int GSub(LuaCall call)
    {
        var subject = call.CheckString(0);
        var pattern = call.CheckString(1);
        var replacement = call[2];
        int maxReplacements = call.OptInt(3, subject.Length + 1);
        if (!(replacement.IsNumber || replacement.IsString || replacement.IsFunction || replacement.IsTable))
            throw call.ArgError(2, "string/function/table expected");
        LuaString? replacementText = replacement.IsNumber ? LuaNumber.ToLuaString(replacement.Number) : replacement.AsString;

        var src = subject.Span;
        var matcher = new LuaPattern(src, pattern.Span, call.Thread);
        int p = 0;
        bool anchor = matcher.Pattern.Length > 0 && matcher.Pattern[0] == '^';
        if (anchor) p = 1;
        var sb = new LuaStringBuilder(call.Thread, src.Length + 16);
        int s = 0, count = 0;
        int first = anchor ? -1 : matcher.RequiredFirstByte(p);
        while (count < maxReplacements)
        {
            if (first >= 0)
            {
                // No match can start before the next occurrence of the first byte: copy up to it.
                int skip = src[s..].IndexOf((byte)first);
                if (skip < 0) break;
                sb.Append(src.Slice(s, skip));
                s += skip;
            }
            int e = matcher.Match(s, p);
            if (e >= 0)
            {
                count++;
                if (replacementText is not null) AppendReplacementText(ref matcher, sb, replacementText.Span, s, e);
                else AppendReplacementValue(call, ref matcher, sb, replacement, s, e, subject);
            }
            if (e >= 0 && e > s) s = e;
            else if (s < src.Length) sb.Append(src[s++]);
            else break;
            if (anchor) break;
        }
        sb.Append(src[s..]);
        return call.Return(sb.ToLuaString(), count);
    }

    /// <summary>A replacement string: %0-%9 insert captures, %% a percent, % before anything else that character.</summary>
    private static void AppendReplacementText(ref LuaPattern matcher, LuaStringBuilder sb, ReadOnlySpan<byte> text, int s, int e)
    {
        Span<byte> digits = stackalloc byte[LuaNumber.MaxFormattedLength];
        for (int i = 0; i < text.Length; i++)
        {
            byte c = text[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            i++;
            // A '%' at the very end reads the C string's terminating NUL, as in LuaJIT.
            byte d = i < text.Length ? text[i] : (byte)0;
            if ((uint)(d - '0') >= 10) sb.Append(d);
            else if (d == '0') sb.Append(matcher.GetSubject()[s..e]);
            else
            {
                var v = matcher.GetCapture(d - '1', s, e);
                if (v.Ref is LuaString cs) sb.Append(cs.Span);
                else sb.Append(digits[..LuaNumber.Format(v.Number, digits)]);
            }
        }
    }

    /// <summary>A function or table replacement; false or nil keeps the original text.</summary>
    private static void AppendReplacementValue(LuaCall call, ref LuaPattern matcher, LuaStringBuilder sb, LuaValue replacement,
        int s, int e, LuaString subject)
    {
        var thread = call.Thread;
        LuaValue result;
        if (replacement.IsFunction)
        {
            int at = thread.Top;
            int n = matcher.PushCaptures(thread, at, s, e, wholeMatchIfNone: true);
            int r = thread.Call(replacement, at, n);
            result = r > 0 ? thread.Stack[at] : LuaValue.Nil;
        }
        else
        {
            result = LuaOps.Index(thread, replacement, matcher.GetCapture(0, s, e));
        }
        if (result.IsFalsy)
        {
            sb.Append(subject.Span[s..e]);
            return;
        }
        if (result.Ref is LuaString rs) sb.Append(rs.Span);
        else if (result.IsNumber) sb.Append(LuaNumber.ToLuaString(result.Number).Span);
        else throw thread.RuntimeError("invalid replacement value (a " + result.TypeName + ")");
    }
}
