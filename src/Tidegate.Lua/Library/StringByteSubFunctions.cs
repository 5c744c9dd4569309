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

    /// <summary>The plain case's result (the byte's value), or false for the body to answer.</summary>
    private static bool TryPlain(in LuaValue s, in LuaValue i, out LuaValue result)
    {
        if (s.Ref is LuaString str && i.IsNumber)
        {
            double d = i.Number;
            int at = (int)d;
            if (at == d && (uint)(at - 1) < (uint)str.Length)
            {
                result = LuaValue.FromNumber(str[at - 1]);
                return true;
            }
        }
        result = default;
        return false;
    }

    public override LuaValue Invoke2(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1)
    {
        if (TryPlain(a0, a1, out var result))
        {
            thread.DirectStatus = 1;
            return result;
        }
        return base.Invoke2(thread, argBase, argCount, a0, a1);
    }

    public override int Invoke(LuaThread thread, int argBase, int argCount)
    {
        var stack = thread.Stack;
        if (argCount == 2 && TryPlain(stack[argBase], stack[argBase + 1], out var result))
        {
            thread.Top = argBase + argCount;
            stack[argBase] = result;
            return 1;
        }
        return base.Invoke(thread, argBase, argCount);
    }
}

/// <summary>string.sub: <c>sub(s, i, j)</c> with 1 &lt;= i &lt;= j &lt;= #s, integers, answered here.</summary>
internal sealed class StringSubFunction : HostFunction
{
    public StringSubFunction(HostFunctionBody body) : base("sub", body) => TakesArgumentsInRegisters = true;

    /// <summary>The plain case's result (s itself when i..j covers it all), or false for the body to answer.</summary>
    private static bool TryPlain(in LuaValue s, in LuaValue i, in LuaValue j, out LuaValue result)
    {
        if (s.Ref is LuaString str && i.IsNumber && j.IsNumber)
        {
            double di = i.Number, dj = j.Number;
            int from = (int)di, to = (int)dj;
            if (from == di && to == dj && from >= 1 && from <= to && to <= str.Length)
            {
                result = from == 1 && to == str.Length ? s : LuaString.FromBytes(str.Span.Slice(from - 1, to - from + 1));
                return true;
            }
        }
        result = default;
        return false;
    }

    public override LuaValue Invoke3(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1, LuaValue a2)
    {
        if (TryPlain(a0, a1, a2, out var result))
        {
            thread.DirectStatus = 1;
            return result;
        }
        return base.Invoke3(thread, argBase, argCount, a0, a1, a2);
    }

    public override int Invoke(LuaThread thread, int argBase, int argCount)
    {
        var stack = thread.Stack;
        if (argCount == 3 && TryPlain(stack[argBase], stack[argBase + 1], stack[argBase + 2], out var result))
        {
            thread.Top = argBase + argCount;
            stack[argBase] = result;
            return 1;
        }
        return base.Invoke(thread, argBase, argCount);
    }
}
