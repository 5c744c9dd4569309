using System.Reflection.Emit;

namespace Tidegate.Lua.Emit;

/// <summary>
/// Where an evaluated expression's value is: an IL local (a variable's own, or a temp the consumer
/// releases), or a constant the emitter can load at the point of use.
/// </summary>
internal sealed class Operand
{
    /// <summary>
    /// Local: a LuaValue IL local. NumberLocal: a double IL local (a numeric for's counter that is never
    /// assigned), loaded as a LuaValue only where one is needed. The rest are constants.
    /// </summary>
    public enum Kinds { Local, NumberLocal, Nil, True, False, Number, String }

    public Kinds Kind { get; private init; }
    public LocalBuilder? Local { get; private init; }
    public double Number { get; private init; }
    public FieldBuilder? String { get; private init; }
    /// <summary>The operand's description for messages ("local 'x'", "global 'g'", "field 'f'"), if any.</summary>
    public string? Name { get; private init; }
    /// <summary>True for a temp the consumer must release; false for a variable's own local or a constant.</summary>
    public bool IsTemp { get; private init; }
    /// <summary>
    /// A temp that may hold the only reference to an object (a new table or closure, a call's result):
    /// releasing it clears it, so a free temp keeps nothing alive (in LuaJIT a freed register is above the
    /// next call's base, out of the collector's sight). One store beside an allocation or a call; temps of
    /// cheap operations (arithmetic, indexing) are not cleared, which would cost a numeric loop ~40%.
    /// </summary>
    public bool ClearOnRelease { get; private init; }

    public static readonly Operand Nil = new() { Kind = Kinds.Nil };
    public static readonly Operand True = new() { Kind = Kinds.True };
    public static readonly Operand False = new() { Kind = Kinds.False };

    public static Operand Temp(LocalBuilder local, string? name = null) => new() { Kind = Kinds.Local, Local = local, IsTemp = true, Name = name };
    public static Operand ClearedTemp(LocalBuilder local) => new() { Kind = Kinds.Local, Local = local, IsTemp = true, ClearOnRelease = true };
    public static Operand Variable(LocalBuilder local, string name) => new() { Kind = Kinds.Local, Local = local, Name = name };
    public static Operand NumberVariable(LocalBuilder local, string name) => new() { Kind = Kinds.NumberLocal, Local = local, Name = name };
    public static Operand Constant(double d) => new() { Kind = Kinds.Number, Number = d };
    public static Operand Constant(FieldBuilder s) => new() { Kind = Kinds.String, String = s };

    public bool IsConstant => Kind != Kinds.Local;
}
