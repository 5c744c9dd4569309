using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

/// <summary>The Lua types, in the order Lua's <c>type()</c> names them.</summary>
public enum LuaType : byte { Nil, Boolean, Number, String, Table, Function, Userdata, Thread, Cdata }

/// <summary>
/// Marks a <see cref="LuaValue"/> whose payload is the number in <see cref="LuaValue.Number"/>.
/// One shared object, so "is this a number?" is a single reference compare. The object is this class's
/// type object: .NET allocates type objects on the frozen (non-GC) heap, so the JIT embeds the tag as a
/// constant (no load) and stores it into the heap without a GC write barrier (a number store to a table
/// slot or the value stack is then two plain moves).
/// </summary>
internal static class NumberTag
{
    public static readonly object Instance = typeof(NumberTag);
}

/// <summary>
/// The two boolean sentinels; a boolean value is the sentinel itself. Like <see cref="NumberTag"/>, each is a
/// type object, which .NET allocates on the frozen heap: storing <c>true</c> or <c>false</c> into a table
/// slot or the value stack then needs no GC write barrier once the JIT knows the constant (measured: a
/// boolean store into an array part cost 2 ns more than a number store with ordinary sentinel objects).
/// </summary>
internal static class BooleanTag
{
    private static class TrueSentinel { }
    private static class FalseSentinel { }
    public static readonly object True = typeof(TrueSentinel), False = typeof(FalseSentinel);

    /// <summary>True when <paramref name="o"/> is one of the two sentinels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Is(object? o) => ReferenceEquals(o, True) || ReferenceEquals(o, False);
}

/// <summary>
/// A Lua value in 16 bytes: <see cref="Ref"/> is null for nil, a shared sentinel for numbers and
/// booleans, and otherwise the object itself (LuaString, LuaTable, LuaFunction, LuaUserdata, LuaThread).
/// Numbers never box: they live unboxed in <see cref="Number"/>.
/// </summary>
public readonly struct LuaValue : IEquatable<LuaValue>
{
    /// <summary>Tag or reference; see the type comment.</summary>
    public readonly object? Ref;
    /// <summary>The number payload; meaningful only when <see cref="IsNumber"/>.</summary>
    public readonly double Number;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private LuaValue(object? reference, double number) { Ref = reference; Number = number; }

    public static readonly LuaValue Nil = default;
    public static readonly LuaValue True = new(BooleanTag.True, 0);
    public static readonly LuaValue False = new(BooleanTag.False, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue FromNumber(double d) => new(NumberTag.Instance, d);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue FromBoolean(bool b) => b ? True : False;
    /// <summary>Wraps a reference-type Lua object; null becomes nil.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue FromObject(object? o)
    {
        if (o is LuaThread t) t.HeldByLua = true; // as the LuaThread conversion below
        return new(o, 0);
    }

    public static implicit operator LuaValue(double d) => FromNumber(d);
    public static implicit operator LuaValue(bool b) => FromBoolean(b);
    public static implicit operator LuaValue(LuaString? s) => new(s, 0);
    public static implicit operator LuaValue(LuaTable? t) => new(t, 0);
    public static implicit operator LuaValue(LuaFunction? f) => new(f, 0);
    public static implicit operator LuaValue(LuaUserdata? u) => new(u, 0);
    public static implicit operator LuaValue(LuaThread? t)
    {
        // Lua code may hold this thread now: see LuaThread.Recycling.cs.
        if (t is not null) t.HeldByLua = true;
        return new(t, 0);
    }

    public bool IsNil { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Ref is null; }
    public bool IsNumber { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ReferenceEquals(Ref, NumberTag.Instance); }
    public bool IsBoolean => BooleanTag.Is(Ref);
    public bool IsString => Ref is LuaString;
    public bool IsTable => Ref is LuaTable;
    public bool IsFunction => Ref is LuaFunction;
    /// <summary>Lua truth: everything but nil and false.</summary>
    public bool IsTruthy { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Ref is not null && !ReferenceEquals(Ref, BooleanTag.False); }
    public bool IsFalsy { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Ref is null || ReferenceEquals(Ref, BooleanTag.False); }

    public LuaString? AsString => Ref as LuaString;
    public LuaTable? AsTable => Ref as LuaTable;
    public LuaFunction? AsFunction => Ref as LuaFunction;
    public LuaUserdata? AsUserdata => Ref as LuaUserdata;
    public LuaThread? AsThread => Ref as LuaThread;
    public bool AsBoolean => ReferenceEquals(Ref, BooleanTag.True);

    public LuaType Type => Ref switch
    {
        null => LuaType.Nil,
        _ when ReferenceEquals(Ref, NumberTag.Instance) => LuaType.Number,
        _ when BooleanTag.Is(Ref) => LuaType.Boolean,
        LuaString => LuaType.String,
        LuaTable => LuaType.Table,
        LuaFunction => LuaType.Function,
        LuaThread => LuaType.Thread,
        Ffi.CData => LuaType.Cdata,
        _ => LuaType.Userdata,
    };

    /// <summary>The name Lua's <c>type()</c> returns.</summary>
    public string TypeName => TypeNames[(int)Type];
    internal static readonly string[] TypeNames = { "nil", "boolean", "number", "string", "table", "function", "userdata", "thread", "cdata" };

    /// <summary>Raw equality (<c>rawequal</c>): numbers by value, strings by content, the rest by identity.</summary>
    public static bool RawEquals(in LuaValue a, in LuaValue b)
    {
        if (ReferenceEquals(a.Ref, b.Ref))
            return !ReferenceEquals(a.Ref, NumberTag.Instance) || a.Number == b.Number;
        return a.Ref is LuaString sa && b.Ref is LuaString sb && sa.Equals(sb);
    }

    public bool Equals(LuaValue other) => RawEquals(this, other);
    public override bool Equals(object? obj) => obj is LuaValue v && RawEquals(this, v);
    public override int GetHashCode()
    {
        if (ReferenceEquals(Ref, NumberTag.Instance)) return Number == 0 ? 0 : Number.GetHashCode();
        return Ref is null ? 0 : Ref is LuaString s ? s.GetHashCode() : RuntimeHelpers.GetHashCode(Ref);
    }

    /// <summary>A debugging view (numbers as Lua prints them); Lua's <c>tostring</c> is <see cref="LuaOps.ToStringMeta"/>.</summary>
    public override string ToString() => Ref switch
    {
        null => "nil",
        _ when ReferenceEquals(Ref, NumberTag.Instance) => LuaNumber.ToLuaString(Number).ToLatin1(),
        _ when BooleanTag.Is(Ref) => ReferenceEquals(Ref, BooleanTag.True) ? "true" : "false",
        LuaString s => s.ToString(),
        _ => TypeName,
    };
}
