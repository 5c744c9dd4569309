using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

// string.find, match, gmatch and gsub: LuaJIT's loops around the matcher (lib_string.c), with init,
// anchors, plain search, empty-match progress and replacement rules as LuaJIT has them.
public static partial class StringLibrary
{
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

    private static int Find(LuaCall call)
    {
        var subject = call.CheckString(0);
        var pattern = call.CheckString(1);
        int start = StartOffset(call, 2, subject.Length);
        if (!call[3].IsTruthy && LuaPattern.HasSpecials(pattern.Span)) return FindOrMatch(call, subject, pattern, start, find: true);
        // A plain search stays out of FindOrMatch: the matcher there is a large struct that the method's
        // prologue zeroes on every call, which cost more than the search itself on short subjects.
        int at = subject.Span[start..].IndexOf(pattern.Span);
        if (at < 0) return call.Return(LuaValue.Nil);
        return call.Return(start + at + 1, start + at + pattern.Length);
    }

    private static int Match(LuaCall call)
    {
        var subject = call.CheckString(0);
        var pattern = call.CheckString(1);
        return FindOrMatch(call, subject, pattern, StartOffset(call, 2, subject.Length), find: false);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FindOrMatch(LuaCall call, LuaString subject, LuaString pattern, int start, bool find)
    {
        var src = subject.Span;
        var matcher = new LuaPattern(src, pattern.Span, call.Thread);
        int p = 0;
        bool anchor = matcher.Pattern.Length > 0 && matcher.Pattern[0] == '^';
        if (anchor) p = 1;
        int s = start;
        var filter = anchor ? default : new StartFilter(ref matcher, p);
        do
        {
            if (filter.Active)
            {
                s = filter.NextCandidate(ref matcher, src, s);
                if (s < 0) break;
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
            var filter = position <= src.Length ? new StartFilter(ref matcher, 0) : default;
            for (int s = position; s <= src.Length; s++)
            {
                if (filter.Active)
                {
                    s = filter.NextCandidate(ref matcher, src, s);
                    if (s < 0) break;
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
        int s = 0, count = 0;
        var filter = anchor || maxReplacements <= 0 ? default : new StartFilter(ref matcher, p);
        // No byte of the subject can begin a match (escaping text that needs none, the usual case):
        // the result is the subject itself, with nothing built or copied.
        if (filter.Active && filter.NextCandidate(ref matcher, src, 0) < 0) return call.Return(subject, 0);
        var sb = new LuaStringBuilder(call.Thread, src.Length + 16);
        while (count < maxReplacements)
        {
            if (filter.Active)
            {
                // No match can start before the next candidate: copy the bytes up to it.
                int next = filter.NextCandidate(ref matcher, src, s);
                if (next < 0) break;
                sb.Append(src[s..next]);
                s = next;
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

    /// <summary>
    /// Skips start positions where no match can begin, from the pattern's first item (see
    /// <see cref="LuaPattern.FirstItemEnd"/>): a vectorised search for a literal byte, else a class test.
    /// </summary>
    private readonly struct StartFilter
    {
        private readonly int _item, _itemEnd, _literal;
        public readonly bool Active;

        public StartFilter(ref LuaPattern matcher, int patternStart)
        {
            int p = patternStart;
            _itemEnd = matcher.FirstItemEnd(ref p);
            _item = p;
            Active = _itemEnd >= 0;
            _literal = Active ? matcher.LiteralItem(_item, _itemEnd) : -1;
        }

        /// <summary>The first offset at or after <paramref name="s"/> whose byte can begin a match, or -1.</summary>
        public int NextCandidate(ref LuaPattern matcher, ReadOnlySpan<byte> src, int s)
        {
            if (_literal >= 0)
            {
                int skip = src[s..].IndexOf((byte)_literal);
                return skip < 0 ? -1 : s + skip;
            }
            for (; s < src.Length; s++)
                if (matcher.CanStartWith(src[s], _item, _itemEnd)) return s;
            return -1;
        }
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
