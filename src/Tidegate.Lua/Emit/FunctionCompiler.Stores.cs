using System.Reflection.Emit;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Emit;

// The stored value of a table store (o.name = v, t[k] = v). CompiledCode.SetIndex/SetIndexStr take it by
// `in` (their slow paths pass it on by reference), so the caller passes an address. Taking the address of
// the variable itself (ldloca) would make the JIT keep that variable in memory in the whole function,
// stored and reloaded around every use (measured: nbody's field updates, sieve's array stores). Instead
// the value is copied into one scratch local per function, whose address is what the store gets, and the
// scratch is cleared right after the store: an address-taken local is reported to the GC as live in the
// whole method, so a stale copy would keep the stored object reachable (weak tables would not collect it).
internal sealed partial class FunctionCompiler
{
    private LocalBuilder? _storeScratch;

    /// <summary>Pushes the address of a scratch copy of <paramref name="value"/> for a store helper's `in` parameter.</summary>
    private void LoadStoredValueAddress(Operand value)
    {
        _storeScratch ??= _il.DeclareLocal(typeof(LuaValue)); // never live across a call or a yield: not saved
        Load(value);
        _il.Emit(OpCodes.Stloc, _storeScratch);
        _il.Emit(OpCodes.Ldloca, _storeScratch);
    }

    /// <summary>
    /// After the store: drops the scratch copy, so it keeps nothing reachable. A constant (nil, a boolean, a
    /// number, an interned string constant) keeps nothing alive that is not alive anyway: no clear then.
    /// </summary>
    private void ClearStoredValue(Operand value)
    {
        if (value.IsConstant) return;
        ClearLocal(_storeScratch!);
    }
}
