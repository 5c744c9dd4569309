using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// string.find: a plain search (<c>find(s, p, init, true)</c>, or a pattern without special characters) with
/// init an integer from 1 to #s + 1 is answered in the per-arity entries (Invoke2..Invoke4, arguments in registers,
/// see StringByteSubFunctions.cs for why); a header parser makes several such calls per line. Everything else
/// (patterns, other init values, coercions, errors) goes to the body.
/// </summary>
internal sealed class StringFindFunction : HostFunction
{
    public StringFindFunction(HostFunctionBody body) : base("find", body) => TakesArgumentsInRegisters = true;

    public override LuaValue Invoke2(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1)
    {
        if (a0.Ref is LuaString s && a1.Ref is LuaString p && !LuaPattern.HasSpecials(p.Span))
            return PlainFind(thread, argBase, s, p, 0);
        return base.Invoke2(thread, argBase, argCount, a0, a1);
    }

    public override LuaValue Invoke3(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1, LuaValue a2)
    {
        if (a0.Ref is LuaString s && a1.Ref is LuaString p && StartIndex(a2, s.Length) is int start and >= 0
            && !LuaPattern.HasSpecials(p.Span))
            return PlainFind(thread, argBase, s, p, start);
        return base.Invoke3(thread, argBase, argCount, a0, a1, a2);
    }

    public override LuaValue Invoke4(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1, LuaValue a2, LuaValue a3)
    {
        if (a0.Ref is LuaString s && a1.Ref is LuaString p && StartIndex(a2, s.Length) is int start and >= 0
            && (a3.IsTruthy || !LuaPattern.HasSpecials(p.Span)))
            return PlainFind(thread, argBase, s, p, start);
        return base.Invoke4(thread, argBase, argCount, a0, a1, a2, a3);
    }

    /// <summary>The 0-based start for an init that is an integer from 1 to length + 1; -1 for anything else.</summary>
    private static int StartIndex(LuaValue init, int length)
    {
        if (!init.IsNumber) return -1;
        double d = init.Number;
        int i = (int)d;
        return i == d && i >= 1 && i <= length + 1 ? i - 1 : -1;
    }

    /// <summary>The search itself: nil (the single result, returned) or the match's first and last positions (on the stack).</summary>
    private static LuaValue PlainFind(LuaThread thread, int argBase, LuaString s, LuaString p, int start)
    {
        int at = s.Span[start..].IndexOf(p.Span);
        if (at < 0)
        {
            thread.DirectStatus = 1;
            return LuaValue.Nil;
        }
        thread.EnsureStack(argBase + 2);
        var first = LuaValue.FromNumber(start + at + 1);
        thread.Stack[argBase] = first;
        thread.Stack[argBase + 1] = LuaValue.FromNumber(start + at + p.Length);
        thread.DirectStatus = 2;
        return first;
    }
}
