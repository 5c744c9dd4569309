using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using System.Text;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// The .NET value type that stands for a C struct, union or complex number passed or returned by value. The System V
/// x86-64 ABI decides from the members' types where an aggregate goes (each eightbyte of one up to 16
/// bytes is INTEGER or SSE and travels in a general or vector register; a larger one is MEMORY, copied
/// on the stack, and returned through a hidden pointer). The .NET JIT applies exactly that
/// classification to a blittable value type in an unmanaged call, so the FFI emits an explicit-layout
/// value type with the C record's size and, at the same offsets, one primitive field per scalar leaf
/// of the record (nested records and arrays flattened, union members overlapping, a bit-field as its
/// storage unit). Types are made once per layout and shared by every state.
/// </summary>
internal static class CByValueType
{
    private static readonly ConcurrentDictionary<string, Type> Types = new();
    private static readonly Lazy<ModuleBuilder> Module = new(() =>
        AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Tidegate.FfiByValue"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("Tidegate.FfiByValue"));

    /// <summary>Largest member list mirrored field by field; bigger aggregates are MEMORY class anyway.</summary>
    private const int MaxRegisterSize = 16;

    public static Type For(CType record)
    {
        var u = record.Unqualified;
        if (u.Size <= 0 || u.IsVariable)
            throw new CDeclException($"ffi: cannot pass '{CTypeFormatter.Format(record)}' by value: its size is unknown or zero");
        var leaves = new SortedSet<(long Offset, Type Type)>(Comparer<(long Offset, Type Type)>.Create((a, b) =>
            a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : string.CompareOrdinal(a.Type.Name, b.Type.Name)));
        if (u.Size <= MaxRegisterSize) CollectLeaves(u, 0, leaves);
        else leaves.Add((0, typeof(byte))); // MEMORY class: only the size and alignment matter
        var key = new StringBuilder().Append(u.Size).Append('/').Append(u.Align);
        foreach (var (offset, type) in leaves) key.Append(' ').Append(offset).Append(':').Append(type.Name);
        return Types.GetOrAdd(key.ToString(), _ => Build(u, leaves));
    }

    /// <summary>The primitive fields of a C object of type <paramref name="t"/> at <paramref name="at"/>.</summary>
    private static void CollectLeaves(CType t, long at, SortedSet<(long, Type)> leaves)
    {
        var u = t.Unqualified;
        switch (u.Kind)
        {
            case CTypeKind.Struct:
            case CTypeKind.Union:
                foreach (var f in u.Fields ?? new List<CField>())
                {
                    if (f.BitWidth < 0) CollectLeaves(f.Type, at + f.Offset, leaves);
                    else
                    {
                        // A bit-field: the bytes its bits occupy (all INTEGER class, as its unit is).
                        long firstBit = f.Offset * 8 + f.BitOffset;
                        for (long b = firstBit / 8; b * 8 < firstBit + f.BitWidth; b++) leaves.Add((at + b, typeof(byte)));
                    }
                }
                return;
            case CTypeKind.Complex:
                leaves.Add((at, ScalarType(u.Target!)));
                leaves.Add((at + u.Target!.Size, ScalarType(u.Target)));
                return;
            case CTypeKind.Array:
                if (u.Length <= 0 || u.Target!.Size <= 0) return;
                for (long i = 0; i < u.Length; i++) CollectLeaves(u.Target, at + i * u.Target.Size, leaves);
                return;
            default:
                leaves.Add((at, ScalarType(u)));
                return;
        }
    }

    private static Type ScalarType(CType t)
    {
        var clr = CFunctionStub.ClrTypeOf(t);
        if (!clr.IsPrimitive) throw new CDeclException($"ffi: cannot pass '{CTypeFormatter.Format(t)}' inside an aggregate by value");
        return clr;
    }

    private static Type Build(CType record, SortedSet<(long Offset, Type Type)> leaves)
    {
        lock (Module)
        {
            var tb = Module.Value.DefineType("CRecord" + Types.Count + "_" + Guid.NewGuid().ToString("N"),
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.ExplicitLayout | TypeAttributes.BeforeFieldInit,
                typeof(ValueType), (PackingSize)Math.Min(record.Align, 128), (int)record.Size);
            int i = 0;
            foreach (var (offset, type) in leaves)
                tb.DefineField("f" + i++, type, FieldAttributes.Public).SetOffset((int)offset);
            var built = tb.CreateType();
            if (Marshal.SizeOf(built) != record.Size)
                throw new CDeclException($"ffi: cannot pass '{CTypeFormatter.Format(record)}' by value (layout mismatch)");
            return built;
        }
    }
}
