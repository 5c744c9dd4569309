namespace Tidegate.Lua.Runtime;

/// <summary>
/// The operators with Lua's full semantics: coercions, metamethods, and LuaJIT's error messages.
/// Compiled code calls these on its slow paths (its fast paths handle plain numbers and plain tables
/// inline). Every method that may raise takes the running thread; <c>name</c>, when given, describes the
/// operand for messages ("global 'cfg'", "local 'x'", "field 'y'", "upvalue 'z'", "method 'm'").
/// Errors are raised with <see cref="LuaThread.RuntimeError"/>, so they get the position prefix.
/// Metamethods are called with <see cref="LuaThread.Call"/>.
/// </summary>
public static class LuaOps
{
    /// <summary>Arithmetic: + - * / % ^ with string coercion and __add.. metamethods.
    /// "attempt to perform arithmetic on local 'x' (a nil value)".</summary>
    public static LuaValue Arith(LuaThread thread, ArithOp op, in LuaValue a, in LuaValue b, string? nameA = null, string? nameB = null) => throw new NotImplementedException();

    /// <summary>Unary minus with coercion and __unm.</summary>
    public static LuaValue Negate(LuaThread thread, in LuaValue a, string? name = null) => throw new NotImplementedException();

    /// <summary>The # operator: strings, tables (border), __len only for userdata (Lua 5.1 rules).
    /// "attempt to get length of global 'x' (a nil value)".</summary>
    public static LuaValue Length(LuaThread thread, in LuaValue a, string? name = null) => throw new NotImplementedException();

    /// <summary>a .. b with number coercion and __concat. "attempt to concatenate local 'x' (a table value)".</summary>
    public static LuaValue Concat(LuaThread thread, in LuaValue a, in LuaValue b, string? nameA = null, string? nameB = null) => throw new NotImplementedException();

    /// <summary>
    /// a .. b .. c ... over <c>values</c> (right associative, as Lua evaluates a chain): plain strings and
    /// numbers are joined in one allocation; __concat is applied pairwise from the right where needed.
    /// </summary>
    public static LuaValue ConcatMany(LuaThread thread, ReadOnlySpan<LuaValue> values) => throw new NotImplementedException();

    /// <summary>== with __eq (only between two tables or two userdata with the same handler, as 5.1).</summary>
    public static bool Equal(LuaThread thread, in LuaValue a, in LuaValue b) => throw new NotImplementedException();

    /// <summary>&lt; on numbers, strings (byte-wise), or __lt. "attempt to compare number with nil".</summary>
    public static bool LessThan(LuaThread thread, in LuaValue a, in LuaValue b) => throw new NotImplementedException();

    /// <summary>&lt;= on numbers, strings, __le, or not __lt(b, a) as 5.1 falls back.</summary>
    public static bool LessEqual(LuaThread thread, in LuaValue a, in LuaValue b) => throw new NotImplementedException();

    /// <summary>obj[key] with __index chains (tables and functions). "attempt to index field 'b' (a nil value)".</summary>
    public static LuaValue Index(LuaThread thread, in LuaValue obj, in LuaValue key, string? name = null) => throw new NotImplementedException();

    /// <summary>obj[key] = value with __newindex chains; "table index is nil"/"is NaN" from the raw set.</summary>
    public static void SetIndex(LuaThread thread, in LuaValue obj, in LuaValue key, in LuaValue value, string? name = null) => throw new NotImplementedException();

    /// <summary>The metamethod <paramref name="eventName"/> of a value, or nil.</summary>
    public static LuaValue GetMetaMethod(LuaState state, in LuaValue v, LuaString eventName) => throw new NotImplementedException();

    /// <summary>tostring(): __tostring, numbers as %.14g, "table: 0x...", "function: builtin#N"/"function: 0x...".</summary>
    public static LuaString ToStringMeta(LuaThread thread, in LuaValue v) => throw new NotImplementedException();

    /// <summary>Number coercion for arithmetic (numbers, and strings that parse as numbers).</summary>
    public static bool TryToNumber(in LuaValue v, out double d) => throw new NotImplementedException();
}

/// <summary>The binary arithmetic operators, in Lua 5.1's metamethod order.</summary>
public enum ArithOp : byte { Add, Sub, Mul, Div, Mod, Pow }
