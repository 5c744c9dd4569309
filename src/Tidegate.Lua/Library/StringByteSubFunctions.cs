using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

// string.byte and string.sub: a decoder or a header parser calls one of them per byte or per token (millions of
// calls in bench/lua/json and request-handling), and nearly every call is the plain case: a string and integer
// positions inside it. They answer that case without the body delegate and the LuaCall struct passed to it by
// value (as the coroutine functions do, see CoroutineFunctions.cs): in Invoke straight from the value stack, and
// in the per-arity entry of their usual argument count (Invoke2 for byte(s, i), Invoke3 for sub(s, i, j)), which a
// compiled call site with that many arguments calls with the arguments in registers (TakesArgumentsInRegisters,
// FunctionCompiler.DirectCalls.cs), so the arguments are never stored to the stack and the result comes back as
// the entry's value. Every other case (coercions, negative or out-of-range positions, wrong types and their
// errors) goes to the body, so results and messages come from one place.

/// <summary>string.byte: <c>byte(s, i)</c> with i an integer inside s answered here.</summary>
internal sealed class StringByteFunction : HostFunction
{
    public StringByteFunction(HostFunctionBody body) : base("byte", body) => TakesArgumentsInRegisters = true;

    public override LuaValue Invoke2(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1)
    {
        if (a0.Ref is LuaString s && a1.IsNumber)
        {
            double d = a1.Number;
            int at = (int)d;
            if (at == d && (uint)(at - 1) < (uint)s.Length)
            {
                thread.DirectStatus = 1;
                return LuaValue.FromNumber(s[at - 1]);
            }
        }
        return base.Invoke2(thread, argBase, argCount, a0, a1);
    }

    public override int Invoke(LuaThread thread, int argBase, int argCount)
    {
        if (argCount == 2)
        {
            var stack = thread.Stack;
            ref LuaValue first = ref stack[argBase];
            ref LuaValue second = ref stack[argBase + 1];
            if (first.Ref is LuaString s && second.IsNumber)
            {
                double d = second.Number;
                int at = (int)d;
                if (at == d && (uint)(at - 1) < (uint)s.Length)
                {
                    thread.Top = argBase + argCount;
                    first = LuaValue.FromNumber(s[at - 1]);
                    return 1;
                }
            }
        }
        return base.Invoke(thread, argBase, argCount);
    }
}

/// <summary>string.sub: <c>sub(s, i, j)</c> with 1 &lt;= i &lt;= j &lt;= #s, integers, answered here.</summary>
internal sealed class StringSubFunction : HostFunction
{
    public StringSubFunction(HostFunctionBody body) : base("sub", body) => TakesArgumentsInRegisters = true;

    public override LuaValue Invoke3(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1, LuaValue a2)
    {
        if (a0.Ref is LuaString s && a1.IsNumber && a2.IsNumber)
        {
            double di = a1.Number, dj = a2.Number;
            int i = (int)di, j = (int)dj;
            if (i == di && j == dj && i >= 1 && i <= j && j <= s.Length)
            {
                thread.DirectStatus = 1;
                return i == 1 && j == s.Length ? s : LuaString.FromBytes(s.Span.Slice(i - 1, j - i + 1));
            }
        }
        return base.Invoke3(thread, argBase, argCount, a0, a1, a2);
    }

    public override int Invoke(LuaThread thread, int argBase, int argCount)
    {
        if (argCount == 3)
        {
            var stack = thread.Stack;
            ref LuaValue first = ref stack[argBase];
            ref LuaValue second = ref stack[argBase + 1];
            ref LuaValue third = ref stack[argBase + 2];
            if (first.Ref is LuaString s && second.IsNumber && third.IsNumber)
            {
                double di = second.Number, dj = third.Number;
                int i = (int)di, j = (int)dj;
                if (i == di && j == dj && i >= 1 && i <= j && j <= s.Length)
                {
                    thread.Top = argBase + argCount;
                    if (i != 1 || j != s.Length) first = LuaString.FromBytes(s.Span.Slice(i - 1, j - i + 1));
                    return 1;
                }
            }
        }
        return base.Invoke(thread, argBase, argCount);
    }
}
