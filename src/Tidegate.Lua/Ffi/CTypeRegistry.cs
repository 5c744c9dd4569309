using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// The C declarations of one Lua state (what <c>ffi.cdef</c> has declared): typedefs, struct/union/enum
/// tags, enum constants and function/variable declarations, plus the interning of derived types
/// (pointers, arrays, qualified types) so type identity is object identity. Ids are handed out in the
/// order LuaJIT hands them out, because anonymous records are printed by id.
/// </summary>
public sealed class CTypeRegistry
{
    // The scalar types every state shares (never mutated after construction).
    public static readonly CType Void = Prim(CTypeKind.Void, -1, 1, "void", 0);
    public static readonly CType Bool = Prim(CTypeKind.Bool, 1, 1, "bool", 2);
    public static readonly CType Char = Prim(CTypeKind.Integer, 1, 1, "char", 3);
    public static readonly CType UChar = Prim(CTypeKind.Integer, 1, 1, "unsigned char", 5, unsigned: true);
    public static readonly CType Short = Prim(CTypeKind.Integer, 2, 2, "short", 6);
    public static readonly CType UShort = Prim(CTypeKind.Integer, 2, 2, "unsigned short", 7, unsigned: true);
    public static readonly CType Int = Prim(CTypeKind.Integer, 4, 4, "int", 8);
    public static readonly CType UInt = Prim(CTypeKind.Integer, 4, 4, "unsigned int", 9, unsigned: true);
    public static readonly CType Int64 = Prim(CTypeKind.Integer, 8, 8, "int64_t", 10);
    public static readonly CType UInt64 = Prim(CTypeKind.Integer, 8, 8, "uint64_t", 11, unsigned: true);
    public static readonly CType Float = Prim(CTypeKind.Float, 4, 4, "float", 12);
    public static readonly CType Double = Prim(CTypeKind.Float, 8, 8, "double", 13);
    public static readonly CType LongDouble = Prim(CTypeKind.Float, 16, 16, "long double", 14);
    /// <summary>C99 complex numbers: two parts of the part type, real first (LuaJIT names them so).</summary>
    public static readonly CType ComplexFloat = new(CTypeKind.Complex, 8, 4, "complex float") { Target = Float, Id = 15, IsComplete = true };
    public static readonly CType ComplexDouble = new(CTypeKind.Complex, 16, 8, "complex") { Target = Double, Id = 16, IsComplete = true };

    /// <summary>The first id LuaJIT gives a type made by the program (after its built-in ones).</summary>
    private const int FirstUserId = 97;

    private static CType Prim(CTypeKind kind, long size, int align, string name, int id, bool unsigned = false) =>
        new(kind, size, align, name) { IsUnsigned = unsigned, Id = id, IsComplete = true };

    private int _nextId = FirstUserId;
    private readonly Dictionary<string, CType> _typedefs = new();
    private readonly Dictionary<string, CType> _structTags = new(), _unionTags = new(), _enumTags = new();
    private readonly Dictionary<(CType, long, bool), CType> _arrays = new();
    private readonly Dictionary<CType, CType> _pointers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(CType, bool, bool), CType> _qualified = new();

    /// <summary>Enum constants (they become <c>ffi.C.NAME</c> and usable in constant expressions).</summary>
    public readonly Dictionary<string, (CType Type, long Value)> Constants = new();
    /// <summary>Type strings already parsed by ffi.new/ffi.cast/... (only those without a record body).</summary>
    public readonly Dictionary<LuaString, CType> ParsedTypes = new();

    /// <summary>Functions and variables declared with <c>ffi.cdef</c>, by name (for <c>ffi.C</c>).</summary>
    public readonly Dictionary<string, CType> Symbols = new();

    public CTypeRegistry()
    {
        foreach (var (name, type) in BuiltinTypedefs()) _typedefs[name] = type;
    }

    private static IEnumerable<(string, CType)> BuiltinTypedefs()
    {
        yield return ("int8_t", Char);
        yield return ("uint8_t", UChar);
        yield return ("int16_t", Short);
        yield return ("uint16_t", UShort);
        yield return ("int32_t", Int);
        yield return ("uint32_t", UInt);
        yield return ("int64_t", Int64);
        yield return ("uint64_t", UInt64);
        yield return ("intptr_t", Int64);
        yield return ("uintptr_t", UInt64);
        yield return ("ptrdiff_t", Int64);
        yield return ("ssize_t", Int64);
        yield return ("size_t", UInt64);
        yield return ("wchar_t", Int);
        yield return ("_Bool", Bool);
        yield return ("bool", Bool);
    }

    public int NextId() => _nextId++;

    public bool TryGetTypedef(string name, out CType type) => _typedefs.TryGetValue(name, out type!);

    /// <summary>Declares a typedef. LuaJIT accepts a repeated typedef (the first one stays in force).</summary>
    public void AddTypedef(string name, CType type) => _typedefs.TryAdd(name, type);

    public Dictionary<string, CType> TagTable(CTypeKind kind) => kind switch
    {
        CTypeKind.Struct => _structTags,
        CTypeKind.Union => _unionTags,
        _ => _enumTags,
    };

    public CType PointerTo(CType target)
    {
        if (!_pointers.TryGetValue(target, out var p))
        {
            p = new CType(CTypeKind.Pointer, 8, 8) { Target = target, Id = NextId(), IsComplete = true };
            _pointers[target] = p;
        }
        return p;
    }

    /// <summary>An array of <paramref name="length"/> elements; -1 for a VLA (<c>[?]</c>), 0 with open=true for <c>[]</c>.</summary>
    public CType ArrayOf(CType element, long length, bool variable = false)
    {
        var key = (element, length, variable);
        if (!_arrays.TryGetValue(key, out var a))
        {
            long size = variable || element.Size < 0 ? -1 : element.Size * length;
            if (!variable && element.Size > 0 && length > 0 && (size / length != element.Size || size > 0x7fffffff))
                throw new CDeclException("size of C type is unknown or too large");
            a = new CType(CTypeKind.Array, size, element.Align)
            {
                Target = element, Length = variable ? -1 : length, IsVariable = variable, Id = NextId(), IsComplete = true,
            };
            _arrays[key] = a;
        }
        return a;
    }

    /// <summary>The type with const and/or volatile added (qualifiers accumulate, as C's do).</summary>
    public CType Qualify(CType type, bool isConst, bool isVolatile)
    {
        isConst |= type.IsConst;
        isVolatile |= type.IsVolatile;
        if (isConst == type.IsConst && isVolatile == type.IsVolatile) return type;
        var baseType = type.Unqualified;
        if (!isConst && !isVolatile) return baseType;
        var key = (baseType, isConst, isVolatile);
        if (!_qualified.TryGetValue(key, out var q))
        {
            q = (CType)baseType.MemberwiseCloneType();
            q.IsConst = isConst;
            q.IsVolatile = isVolatile;
            q.Unqualified = baseType;
            q.Id = NextId();
            _qualified[key] = q;
        }
        return q;
    }
}
