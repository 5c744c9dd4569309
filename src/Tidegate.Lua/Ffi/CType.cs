using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>What kind of C type a <see cref="CType"/> is.</summary>
public enum CTypeKind : byte { Void, Bool, Integer, Float, Pointer, Array, Struct, Union, Enum, Function, Complex }

/// <summary>
/// One C type as the FFI sees it, laid out as GCC lays it out on x64 Linux. Types are interned per
/// <see cref="CTypeRegistry"/>: a pointer, array or qualified variant of a type is made once and reused,
/// so two ctypes are the same type exactly when they are the same object (after stripping qualifiers
/// where C ignores them). Struct, union and enum types are nominal: each definition is its own object.
/// </summary>
public sealed class CType
{
    /// <summary>Size in bytes; -1 while unknown (an incomplete struct, a VLA/VLS, void, a function).</summary>
    public long Size;
    public int Align = 1;
    public CTypeKind Kind;
    public bool IsUnsigned;
    public bool IsConst, IsVolatile;
    /// <summary>LuaJIT's ctype id: anonymous structs are printed by it ("struct 103").</summary>
    public int Id;
    /// <summary>The display name of a scalar ("int", "unsigned char", "int64_t"), or a struct/union/enum tag.</summary>
    public string? Name;
    /// <summary>Pointer target, array element, function result, enum's underlying integer type, a complex number's part type.</summary>
    public CType? Target;
    /// <summary>Array length; -1 for a variable-length array (<c>[?]</c>), 0 for <c>[]</c>.</summary>
    public long Length;
    /// <summary>An array declared <c>[?]</c>, or a struct whose last field is one (a VLS).</summary>
    public bool IsVariable;
    /// <summary>Struct/union members in declaration order (unnamed struct/union members included).</summary>
    public List<CField>? Fields;
    /// <summary>A struct/union/enum with a body (not just <c>struct foo;</c>).</summary>
    public bool IsComplete;
    public List<CType>? Parameters;
    public bool IsVararg;
    /// <summary>The type without const/volatile; itself when it has none.</summary>
    public CType Unqualified;
    /// <summary>ffi.metatype's table, set once on a struct/union (on the unqualified type).</summary>
    public LuaTable? Metatable;
    /// <summary>Enum constants of an enum type, by name (for string initializers of enum cdata).</summary>
    public Dictionary<string, long>? EnumValues;

    public CType(CTypeKind kind, long size, int align, string? name = null)
    {
        Kind = kind;
        Size = size;
        Align = align;
        Name = name;
        Unqualified = this;
    }

    public bool IsInteger => Kind is CTypeKind.Integer or CTypeKind.Enum or CTypeKind.Bool;
    public bool IsNumeric => Kind is CTypeKind.Integer or CTypeKind.Float or CTypeKind.Enum or CTypeKind.Bool;
    public bool IsRecord => Kind is CTypeKind.Struct or CTypeKind.Union;
    public bool IsPointerLike => Kind is CTypeKind.Pointer or CTypeKind.Array;
    /// <summary>A 64-bit integer: its cdata boxes print as 1LL/1ULL and do 64-bit arithmetic.</summary>
    public bool Is64BitInteger => Kind == CTypeKind.Integer && Size == 8;
    public bool HasKnownSize => Size >= 0;

    /// <summary>The integer type an enum is stored as (itself for other integers).</summary>
    public CType StorageType => Kind == CTypeKind.Enum ? Target! : this;

    /// <summary>A record's member by name, searching through unnamed struct/union members as C does.</summary>
    public bool TryGetField(string name, out CField field, out long offset)
    {
        if (Unqualified.Fields is { } fields)
        {
            foreach (var f in fields)
            {
                if (f.Name == name) { field = f; offset = f.Offset; return true; }
                if (f.Name is null && f.Type.IsRecord && f.Type.TryGetField(name, out field, out long inner))
                {
                    offset = f.Offset + inner;
                    return true;
                }
            }
        }
        field = null!;
        offset = 0;
        return false;
    }

    private Dictionary<LuaString, (CField Field, long Offset)>? _fieldIndex;

    /// <summary>
    /// Member lookup by Lua string for field access from Lua: a dictionary built on first use (unnamed
    /// members flattened), so <c>s.x</c> costs one hash lookup and no string conversion.
    /// </summary>
    public bool TryGetField(LuaString name, out CField field, out long offset)
    {
        var u = Unqualified;
        // An incomplete record may still be defined later: do not cache its (empty) index yet.
        var index = u._fieldIndex ?? (u.IsComplete ? u._fieldIndex = BuildFieldIndex(u) : BuildFieldIndex(u));
        if (index.TryGetValue(name, out var hit))
        {
            (field, offset) = hit;
            return true;
        }
        field = null!;
        offset = 0;
        return false;
    }

    private static Dictionary<LuaString, (CField, long)> BuildFieldIndex(CType record)
    {
        var index = new Dictionary<LuaString, (CField, long)>();
        void Add(CType r, long baseOffset)
        {
            foreach (var f in r.Unqualified.Fields ?? new List<CField>())
            {
                if (f.Name is not null) index.TryAdd(LuaString.FromLatin1(f.Name), (f, baseOffset + f.Offset));
                else if (f.Type.IsRecord) Add(f.Type, baseOffset + f.Offset);
            }
        }
        Add(record, 0);
        return index;
    }

    /// <summary>A shallow copy, for making a qualified variant that shares the record's members.</summary>
    internal CType MemberwiseCloneType() => (CType)MemberwiseClone();

    public override string ToString() => CTypeFormatter.Format(this);
}

/// <summary>A member of a struct or union; bit-fields carry their bit position inside the storage unit at <see cref="Offset"/>.</summary>
public sealed class CField
{
    public string? Name;
    public CType Type = null!;
    public long Offset;
    /// <summary>-1 for an ordinary member; otherwise the bit position (from the least significant bit) in the unit at Offset.</summary>
    public int BitOffset = -1;
    /// <summary>-1 for an ordinary member, else the declared width (the parser sets BitOffset to -2 for layout).</summary>
    public int BitWidth = -1;
    /// <summary>__attribute__((aligned(n))) on the member (0: none).</summary>
    public int ExplicitAlign;
    public bool IsBitField => BitOffset >= 0;
}
