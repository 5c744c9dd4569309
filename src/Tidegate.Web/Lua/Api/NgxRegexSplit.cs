using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// ngx.re.split(subject, regex, opts?, ctx?, max?, res?) from the ngx.re module, with resty.core's
/// rules: the first capture (when the pattern has one and it took part) is kept between the pieces,
/// empty matches split between characters, trailing empty pieces are dropped unless max is given.
/// </summary>
internal static class NgxRegexSplit
{
    private static readonly LuaString Pos = "pos";

    public static int Split(LuaCall call, RegexSettings settings)
    {
        var subjectString = NgxArgs.ToLuaString(call, 0);
        var ctx = call[3].IsNil ? null : call[3].Ref as LuaTable ?? throw call.TypeError(3, "table");
        double max = call[4].IsNil ? 0 : call.CheckNumber(4);
        var resValue = call[5];
        LuaTable res;
        if (resValue.IsNil) res = new LuaTable(4, 0);
        else res = resValue.Ref as LuaTable ?? throw NgxArgs.Error(call, "res is not a table", 2);

        double startPos = 1;
        if (ctx is not null)
        {
            var p = ctx.Get(Pos);
            if (p.IsNil) ctx.Set(Pos, 1.0);
            else startPos = p.IsNumber ? p.Number : throw new LuaException("attempt to compare number with " + p.TypeName);
        }
        var bytes = subjectString.Span.ToArray();
        int len = bytes.Length;
        if (startPos > len)
        {
            res.Set(1, LuaValue.Nil);
            return call.Return(res);
        }
        var pattern = NgxRegex.PatternArg(call, 1);
        var flags = NgxRegex.ParseFlags(call, 2);
        var compiled = NgxRegex.Compile(pattern, flags, "m", null, settings, out var error);
        if (compiled is null) return call.Return(LuaValue.Nil, error);

        var subject = new RegexSubject(bytes, flags.Utf8);
        var ovector = compiled.NewOvector();
        int subIndex = (int)startPos;      // 1-based start of the next piece
        int resIndex = 0;
        int? lastEmptyMatch = null;
        int execPos = subIndex - 1;        // resty.core keeps this in ctx.pos
        int count = 1;
        while (max <= 0 || count < max)
        {
            int rc = compiled.Exec(subject, Math.Max(execPos, 0), ovector);
            if (rc == CompiledRegex.ErrorNoMatch) break;
            if (rc < 0) return call.Return(LuaValue.Nil, NgxRegex.ExecError(rc));
            int from = ovector[0], to = ovector[1];
            if (from < 0 || to < 0) break;
            execPos = from == to ? to + 1 : to;
            from += 1;
            to += 1;
            // resty.core takes string.sub(subj, caps[2] + 1, caps[3]) whenever rc > 1, so an unset first
            // capture (-1, -1) becomes sub(subj, 0, -1): the whole subject.
            LuaString? capture = compiled.CaptureCount > 0 && rc > 1 ? LuaSub(bytes, ovector[2] + 1, ovector[3]) : null;
            if (lastEmptyMatch is not null) subIndex = lastEmptyMatch.Value;
            if (from == to) lastEmptyMatch = from;
            if (from > subIndex || lastEmptyMatch is null)
            {
                if (max > 0) count++;
                res.Set(++resIndex, Piece(bytes, subIndex, from - 1));
                if (capture is not null) res.Set(++resIndex, capture);
                subIndex = to;
                if (subIndex > len) break;
            }
        }
        if (ctx is not null) ctx.Set(Pos, (double)execPos);

        if (max <= 0 && subIndex > len)
        {
            // Drop trailing empty pieces.
            for (int i = resIndex; i >= 1; i--)
            {
                if (res.Get(i).Ref is LuaString s && s.Length > 0)
                {
                    resIndex = i;
                    break;
                }
                res.Set(i, LuaValue.Nil);
                if (i == 1) resIndex = 0;
            }
        }
        else res.Set(++resIndex, Piece(bytes, subIndex, len));
        res.Set(resIndex + 1, LuaValue.Nil);
        return call.Return(res);
    }

    /// <summary>Lua's string.sub(s, i, j), negative positions counting from the end.</summary>
    private static LuaString LuaSub(byte[] bytes, int i, int j)
    {
        int len = bytes.Length;
        if (i < 0) i = Math.Max(len + i + 1, 1);
        if (j < 0) j = len + j + 1;
        return Piece(bytes, i == 0 ? 1 : i, j);
    }

    /// <summary>string.sub(subject, from, to) with 1-based inclusive bounds.</summary>
    private static LuaString Piece(byte[] bytes, int from, int to)
    {
        from = Math.Max(from, 1);
        to = Math.Min(to, bytes.Length);
        return from > to ? LuaString.Empty : LuaString.FromBytes(bytes.AsSpan(from - 1, to - from + 1));
    }
}
