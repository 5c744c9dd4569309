using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// One call of a <see cref="HostFunction"/>: its arguments (0-based here; Lua's messages count from 1),
/// argument checks with LuaJIT's messages, and the ways to return results.
/// </summary>
public readonly ref struct LuaCall
{
    public readonly LuaThread Thread;
    public readonly int Base;
    public readonly int Count;
    public readonly HostFunction Function;

    public LuaCall(LuaThread thread, int argBase, int argCount, HostFunction function)
    {
        Thread = thread;
        Base = argBase;
        Count = argCount;
        Function = function;
    }

    public LuaState State => Thread.State;

    /// <summary>Argument <paramref name="i"/> (0-based), nil when absent.</summary>
    public LuaValue this[int i]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (uint)i < (uint)Count ? Thread.Stack[Base + i] : LuaValue.Nil;
    }

    public bool HasArg(int i) => i < Count;
    /// <summary>The arguments as a span; valid until the next call into Lua or stack growth.</summary>
    public ReadOnlySpan<LuaValue> Args => new(Thread.Stack, Base, Count);

    // ---- argument errors, worded as LuaJIT words them ----

    /// <summary>The name used in "bad argument" messages: the call site's name for the function when known.</summary>
    public string FunctionName => Thread.CurrentHostFunctionName(Function);

    public LuaException ArgError(int i, string message)
    {
        // Called as a method (o:m(...)), LuaJIT counts arguments after self, and a bad self gets its own wording.
        int number = i + 1;
        if (Thread.CurrentCallIsMethod())
        {
            number--;
            if (number == 0) return Thread.RuntimeError($"calling '{FunctionName}' on bad self ({message})");
        }
        return Thread.RuntimeError($"bad argument #{number} to '{FunctionName}' ({message})");
    }

    public LuaException TypeError(int i, string expected) =>
        ArgError(i, $"{expected} expected, got {(i < Count ? this[i].TypeName : "no value")}");

    public LuaTable CheckTable(int i) => this[i].Ref as LuaTable ?? throw TypeError(i, "table");

    public LuaValue CheckAny(int i) => i < Count ? this[i] : throw ArgError(i, "value expected");

    /// <summary>A string argument; a number is converted as Lua converts it (luaL_checklstring).</summary>
    public LuaString CheckString(int i)
    {
        var v = this[i];
        if (v.Ref is LuaString s) return s;
        if (v.IsNumber) return LuaNumber.ToLuaString(v.Number);
        throw TypeError(i, "string");
    }

    public LuaString? OptString(int i, LuaString? fallback) => this[i].IsNil ? fallback : CheckString(i);

    /// <summary>A number argument; a string is converted as Lua converts it (luaL_checknumber).</summary>
    public double CheckNumber(int i)
    {
        var v = this[i];
        if (v.IsNumber) return v.Number;
        if (v.Ref is LuaString s && LuaNumber.TryParse(s.Span, out double d)) return d;
        throw TypeError(i, "number");
    }

    public double OptNumber(int i, double fallback) => this[i].IsNil ? fallback : CheckNumber(i);

    /// <summary>An integer argument, truncated toward zero as LuaJIT's lj_lib_checkint does.</summary>
    public int CheckInt(int i) => LuaNumber.ToInt32(CheckNumber(i));

    public int OptInt(int i, int fallback) => this[i].IsNil ? fallback : CheckInt(i);

    public LuaFunction CheckFunction(int i) => this[i].Ref as LuaFunction ?? throw TypeError(i, "function");

    // ---- results ----

    public int Return() => 0;

    public int Return(in LuaValue a)
    {
        Thread.Stack[Base] = a; // every call has at least one stack slot at its base (EnsureStack guarantees it)
        return 1;
    }

    public int Return(in LuaValue a, in LuaValue b)
    {
        Thread.EnsureStack(Base + 2);
        var s = Thread.Stack;
        s[Base] = a;
        s[Base + 1] = b;
        return 2;
    }

    public int Return(in LuaValue a, in LuaValue b, in LuaValue c)
    {
        Thread.EnsureStack(Base + 3);
        var s = Thread.Stack;
        s[Base] = a;
        s[Base + 1] = b;
        s[Base + 2] = c;
        return 3;
    }

    public int Return(ReadOnlySpan<LuaValue> values)
    {
        Thread.EnsureStack(Base + values.Length);
        values.CopyTo(Thread.Stack.AsSpan(Base));
        return values.Length;
    }
}
