using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// The Lua 5.1 pattern matcher as LuaJIT runs it (lib_string.c's backtracking matcher), over bytes.
/// Subject and pattern are spans, positions are offsets, captures are (start, length) pairs in an
/// inline buffer: the match path allocates nothing. Like the C original, the pattern ends at its first
/// NUL byte (the C code walks a NUL-terminated pattern), and the subject reads as NUL past its end
/// (which is what <c>%f</c> sees at the end of the subject).
/// Recursion is bounded by LuaJIT's LJ_MAX_XLEVEL (200): deeper nesting is "pattern too complex",
/// never a .NET stack overflow.
/// </summary>
public ref struct LuaPattern
{
    public const int MaxCaptures = 32;
    private const int MaxMatchDepth = 200;
    private const int CaptureUnfinished = -1;
    private const int CapturePosition = -2;
    private const byte Escape = (byte)'%';

    [InlineArray(MaxCaptures)]
    private struct CaptureOffsets { private int _element0; }

    private readonly ReadOnlySpan<byte> _src;
    private readonly ReadOnlySpan<byte> _pat;
    private readonly LuaThread? _thread;
    private CaptureOffsets _captureStart;
    private CaptureOffsets _captureLength;
    private int _depth;

    /// <summary>The number of captures the last successful <see cref="Match"/> recorded.</summary>
    public int Level;

    /// <param name="thread">Errors are raised through it (with the caller's position); null raises plain LuaExceptions.</param>
    public LuaPattern(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> pattern, LuaThread? thread)
    {
        _src = subject;
        int nul = pattern.IndexOf((byte)0);
        _pat = nul >= 0 ? pattern[..nul] : pattern;
        _thread = thread;
        Level = 0;
        _depth = 0;
    }

    /// <summary>The subject being matched.</summary>
    public readonly ReadOnlySpan<byte> GetSubject() => _src;

    /// <summary>The pattern as the matcher sees it (cut at the first NUL).</summary>
    public readonly ReadOnlySpan<byte> Pattern => _pat;

    /// <summary>
    /// True when <paramref name="pattern"/> holds a character that makes it more than a plain string
    /// (lj_str_haspattern): then string.find must run the matcher instead of a plain search.
    /// </summary>
    public static bool HasSpecials(ReadOnlySpan<byte> pattern) => pattern.IndexOfAny("^$*+?.([%-"u8) >= 0;

    /// <summary>
    /// Where the pattern's first consuming item ends, when every match must begin with one byte that
    /// item matches (a single-character class not followed by * ? or -, possibly after opening
    /// captures, which consume nothing); -1 otherwise. Callers then skip start positions whose byte
    /// cannot begin a match (<see cref="CanStartWith"/>) instead of running the matcher there.
    /// Call it only where a match attempt follows anyway: a malformed first item raises its error here.
    /// </summary>
    public readonly int FirstItemEnd(ref int patternStart)
    {
        int p = patternStart, opened = 0;
        while (PatAt(p) == '(')
        {
            p += PatAt(p + 1) == ')' ? 2 : 1;
            opened++;
        }
        // Past MaxCaptures the matcher raises "too many captures" before it reaches the item.
        if (p >= _pat.Length || opened > MaxCaptures) return -1;
        byte c = _pat[p];
        if (c == ')') return -1;
        if (c == Escape)
        {
            int next = PatAt(p + 1);
            if (next == 'b' || next == 'f' || IsDigit(next)) return -1;
        }
        if (c == '$' && p + 1 == _pat.Length) return -1;
        int ep = ClassEnd(p);
        if (PatAt(ep) is '*' or '?' or '-') return -1;
        patternStart = p;
        return ep;
    }

    /// <summary>Whether <paramref name="b"/> matches the item [<paramref name="p"/>, <paramref name="ep"/>) found by <see cref="FirstItemEnd"/>.</summary>
    public readonly bool CanStartWith(byte b, int p, int ep) => SingleMatch(b, p, ep);

    /// <summary>The byte that item must be when it is a plain character (so a vectorised search can find it), else -1.</summary>
    public readonly int LiteralItem(int p, int ep) =>
        ep == p + 1 && _pat[p] != '.' && _pat[p] != '[' && _pat[p] != Escape ? _pat[p] : -1;

    /// <summary>
    /// Tries to match the pattern from offset <paramref name="patternStart"/> at subject offset
    /// <paramref name="s"/>. Returns the end offset of the match, or -1. Resets the captures first.
    /// </summary>
    public int Match(int s, int patternStart)
    {
        Level = 0;
        _depth = 0;
        return DoMatch(s, patternStart);
    }

    private readonly LuaException Error(string message) =>
        _thread is null ? new LuaException(message) : _thread.RuntimeError(message);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int PatAt(int p) => p < _pat.Length ? _pat[p] : 0;

    private int DoMatch(int s, int p)
    {
        if (++_depth > MaxMatchDepth) throw Error("pattern too complex");
        while (true)
        {
            if (p >= _pat.Length) break; // end of pattern: success
            switch (_pat[p])
            {
                case (byte)'(':
                    s = PatAt(p + 1) == ')'
                        ? StartCapture(s, p + 2, CapturePosition)
                        : StartCapture(s, p + 1, CaptureUnfinished);
                    goto done;
                case (byte)')':
                    s = EndCapture(s, p + 1);
                    goto done;
                case Escape:
                {
                    byte next = (byte)PatAt(p + 1);
                    if (next == 'b')
                    {
                        s = MatchBalance(s, p + 2);
                        if (s < 0) goto done;
                        p += 4;
                        continue;
                    }
                    if (next == 'f')
                    {
                        p += 2;
                        if (PatAt(p) != '[') throw Error("missing '[' after '%f' in pattern");
                        int ep = ClassEnd(p);
                        int previous = s == 0 ? 0 : _src[s - 1];
                        int current = s < _src.Length ? _src[s] : 0;
                        if (!MatchBracketClass(previous, p, ep - 1) && MatchBracketClass(current, p, ep - 1))
                        {
                            p = ep;
                            continue;
                        }
                        s = -1;
                        goto done;
                    }
                    if (IsDigit(next))
                    {
                        s = MatchCapture(s, next);
                        if (s < 0) goto done;
                        p += 2;
                        continue;
                    }
                    break; // an ordinary class such as %a: handled below
                }
                case (byte)'$':
                    if (p + 1 == _pat.Length)
                    {
                        s = s == _src.Length ? s : -1;
                        goto done;
                    }
                    break;
            }

            // A single-character class, possibly followed by a quantifier.
            int end = ClassEnd(p);
            bool m = s < _src.Length && SingleMatch(_src[s], p, end);
            switch (PatAt(end))
            {
                case '?':
                    if (m)
                    {
                        int r = DoMatch(s + 1, end + 1);
                        if (r >= 0) { s = r; goto done; }
                    }
                    p = end + 1;
                    continue;
                case '*':
                    s = MaxExpand(s, p, end);
                    goto done;
                case '+':
                    s = m ? MaxExpand(s + 1, p, end) : -1;
                    goto done;
                case '-':
                    s = MinExpand(s, p, end);
                    goto done;
                default:
                    if (!m) { s = -1; goto done; }
                    s++;
                    p = end;
                    continue;
            }
        }
    done:
        _depth--;
        return s;
    }

    private int MaxExpand(int s, int p, int ep)
    {
        int i = 0;
        while (s + i < _src.Length && SingleMatch(_src[s + i], p, ep)) i++;
        int rest = ep + 1;
        if (rest >= _pat.Length - 1 && _depth < MaxMatchDepth)
        {
            // Nothing follows (the longest repetition is the match) or only the final '$' (only the
            // repetition reaching the subject's end can match): answered without the recursive calls,
            // whose depth check could not fail here.
            if (rest >= _pat.Length) return s + i;
            if (_pat[rest] == '$') return s + i == _src.Length ? s + i : -1;
        }
        // Try the longest repetition first, then back off one at a time. The first attempt parses
        // what follows (raising its errors as the C matcher would); the later ones are skipped where
        // the rest's first consuming item cannot match (see RestGate), which spares a recursive call
        // per backed-off byte.
        int r = DoMatch(s + i, rest);
        if (r >= 0 || i == 0) return r;
        var gate = new RestGate(this, rest);
        while (--i >= 0)
        {
            if (!gate.Admits(this, s + i)) continue;
            r = DoMatch(s + i, rest);
            if (r >= 0) return r;
        }
        return -1;
    }

    private int MinExpand(int s, int p, int ep)
    {
        int rest = ep + 1;
        int r = DoMatch(s, rest);
        if (r >= 0) return r;
        var gate = new RestGate(this, rest);
        while (true)
        {
            if (s < _src.Length && SingleMatch(_src[s], p, ep)) s++;
            else return -1;
            if (!gate.Admits(this, s)) continue;
            r = DoMatch(s, rest);
            if (r >= 0) return r;
        }
    }

    /// <summary>
    /// What the rest of the pattern needs at a subject position before it can match there: its first
    /// consuming item (past captures opening or closing, which consume nothing and do not depend on the
    /// subject) when that item is one byte with no quantifier allowing zero of it, or the subject's end
    /// when that item is the final <c>$</c>. Anything else admits every position. Built only after a
    /// first attempt at the same pattern position has run, so the pattern is known to be well formed
    /// up to that item and the captures raise no error there.
    /// </summary>
    private readonly struct RestGate
    {
        private const int AdmitsAll = -1, EndOnly = -2;
        private readonly int _item, _itemEnd;

        public RestGate(in LuaPattern pattern, int p)
        {
            var pat = pattern._pat;
            while (p < pat.Length && (pat[p] == '(' || pat[p] == ')')) p++;
            _item = p;
            _itemEnd = AdmitsAll;
            if (p >= pat.Length) return;
            byte c = pat[p];
            if (c == '$' && p + 1 == pat.Length)
            {
                _itemEnd = EndOnly;
                return;
            }
            if (c == Escape)
            {
                int next = pattern.PatAt(p + 1);
                if (next == 'b' || next == 'f' || IsDigit(next)) return;
            }
            int ep = pattern.ClassEnd(p);
            if (pattern.PatAt(ep) is '*' or '?' or '-') return;
            _itemEnd = ep;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Admits(in LuaPattern pattern, int s)
        {
            if (_itemEnd == AdmitsAll) return true;
            if (_itemEnd == EndOnly) return s == pattern._src.Length;
            return s < pattern._src.Length && pattern.SingleMatch(pattern._src[s], _item, _itemEnd);
        }
    }

    private int StartCapture(int s, int p, int what)
    {
        int level = Level;
        if (level >= MaxCaptures) throw Error("too many captures");
        _captureStart[level] = s;
        _captureLength[level] = what;
        Level = level + 1;
        int r = DoMatch(s, p);
        if (r < 0) Level--; // undo the capture
        return r;
    }

    private int EndCapture(int s, int p)
    {
        int l = CaptureToClose();
        _captureLength[l] = s - _captureStart[l];
        int r = DoMatch(s, p);
        if (r < 0) _captureLength[l] = CaptureUnfinished; // undo the capture
        return r;
    }

    private readonly int CaptureToClose()
    {
        for (int level = Level - 1; level >= 0; level--)
            if (_captureLength[level] == CaptureUnfinished) return level;
        throw Error("invalid pattern capture");
    }

    private readonly int MatchCapture(int s, byte digit)
    {
        int l = digit - '1';
        if (l < 0 || l >= Level || _captureLength[l] == CaptureUnfinished) throw Error("invalid capture index");
        int len = _captureLength[l];
        // A position capture has no text: as in C, where its length reads as a huge size_t, it never matches.
        if (len < 0) return -1;
        if (_src.Length - s >= len && _src.Slice(_captureStart[l], len).SequenceEqual(_src.Slice(s, len)))
            return s + len;
        return -1;
    }

    private readonly int MatchBalance(int s, int p)
    {
        if (p + 1 >= _pat.Length) throw Error("unbalanced pattern");
        if (s >= _src.Length || _src[s] != _pat[p]) return -1;
        byte open = _pat[p], close = _pat[p + 1];
        int depth = 1;
        while (++s < _src.Length)
        {
            byte c = _src[s];
            if (c == close)
            {
                if (--depth == 0) return s + 1;
            }
            else if (c == open) depth++;
        }
        return -1;
    }

    /// <summary>The offset just past the single-character class starting at <paramref name="p"/>.</summary>
    private readonly int ClassEnd(int p)
    {
        byte c = _pat[p++];
        if (c == Escape)
        {
            if (p >= _pat.Length) throw Error("malformed pattern (ends with '%')");
            return p + 1;
        }
        if (c == '[')
        {
            if (PatAt(p) == '^') p++;
            // The first character of a set is taken literally, so "[]]" is a set holding ']'.
            do
            {
                if (p >= _pat.Length) throw Error("malformed pattern (missing ']')");
                c = _pat[p++];
                if (c == Escape && p < _pat.Length) p++; // skip escapes such as %]
            } while (PatAt(p) != ']');
            return p + 1;
        }
        return p;
    }

    private readonly bool SingleMatch(int c, int p, int ep)
    {
        switch (_pat[p])
        {
            case (byte)'.': return true;
            case Escape: return MatchClass(c, _pat[p + 1]);
            case (byte)'[': return MatchBracketClass(c, p, ep - 1);
            default: return _pat[p] == c;
        }
    }

    /// <summary>Matches <paramref name="c"/> against the set from '[' at <paramref name="p"/> to ']' at <paramref name="ec"/>.</summary>
    private readonly bool MatchBracketClass(int c, int p, int ec)
    {
        bool sig = true;
        if (PatAt(p + 1) == '^')
        {
            sig = false;
            p++;
        }
        while (++p < ec)
        {
            if (_pat[p] == Escape)
            {
                p++;
                if (MatchClass(c, PatAt(p))) return sig;
            }
            else if (PatAt(p + 1) == '-' && p + 2 < ec)
            {
                p += 2;
                if (_pat[p - 2] <= c && c <= _pat[p]) return sig;
            }
            else if (_pat[p] == c) return sig;
        }
        return !sig;
    }

    /// <summary>%a, %d, ... in the C locale; an upper-case class letter is the complement; other bytes match themselves.</summary>
    public static bool MatchClass(int c, int classLetter)
    {
        int lower = classLetter | 0x20;
        int bit = CLocaleCharClass.ClassBit(lower);
        bool result;
        if (bit != 0) result = CLocaleCharClass.InClass(c, bit);
        else if (lower == 'z') result = c == 0;
        else return classLetter == c;
        // An upper-case class letter is the complement.
        return (classLetter & 0x20) == 0 ? !result : result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(int c) => (uint)(c - '0') < 10;

    // ---- captures ----

    /// <summary>How many values a successful match yields: its captures, or the whole match when it has none.</summary>
    public readonly int CaptureCount(bool wholeMatchIfNone) => Level == 0 && wholeMatchIfNone ? 1 : Level;

    /// <summary>
    /// Capture <paramref name="i"/> (0-based) of the match [s, e): a string, or a number for a position
    /// capture; capture 0 of a pattern without captures is the whole match.
    /// </summary>
    public readonly LuaValue GetCapture(int i, int s, int e)
    {
        if (i >= Level)
        {
            if (i != 0) throw Error("invalid capture index");
            return LuaString.FromBytes(_src[s..e]);
        }
        int len = _captureLength[i];
        if (len == CaptureUnfinished) throw Error("unfinished capture");
        if (len == CapturePosition) return LuaValue.FromNumber(_captureStart[i] + 1);
        return LuaString.FromBytes(_src.Slice(_captureStart[i], len));
    }

    /// <summary>Writes the captures of the match [s, e) to the thread's stack at <paramref name="at"/>; returns their count.</summary>
    public readonly int PushCaptures(LuaThread thread, int at, int s, int e, bool wholeMatchIfNone)
    {
        int n = CaptureCount(wholeMatchIfNone);
        thread.EnsureStack(at + n + 1);
        for (int i = 0; i < n; i++) thread.Stack[at + i] = GetCapture(i, s, e);
        return n;
    }
}
