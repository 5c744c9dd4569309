using System.Reflection.Emit;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Runtime;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// The end of a variable's scope. LuaJIT reuses a block's registers as soon as the block ends, so a value
// only a dead local refers to is garbage at the next collection (__gc runs, weak entries go). Here every
// IL local is read by the coroutine save block, so the .NET JIT reports a dead variable's IL local as live
// until it is overwritten: the end of a scope clears it (one store, run once per block exit; for a loop
// body, once when the loop exits). A table constructor's or closure's temp is cleared when released
// (Operand.ClearOnRelease), and a generic for's hidden state when the loop exits.
internal sealed partial class FunctionCompiler
{
    /// <summary>The variables declared so far and still in scope, in declaration order.</summary>
    private readonly List<LocalSymbol> _scopeVariables = new();

    private int ScopeMark => _scopeVariables.Count;

    /// <summary>Ends the scope of the variables declared after <paramref name="mark"/>: clears their IL locals (or slots).</summary>
    private void EndScope(int mark)
    {
        for (int i = _scopeVariables.Count - 1; i >= mark; i--)
        {
            var symbol = _scopeVariables[i];
            var local = _vars[symbol];
            _vars.Remove(symbol);
            if (LocalAccess)
            {
                // The value (or the captured local's cell) lives in the variable's slot.
                _il.Emit(OpCodes.Ldsfld, ValueNil);
                StoreToLocalSlot(SlotOf(symbol));
            }
            if (symbol.IsCaptured)
            {
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Stloc, local);
            }
            else if (!LocalAccess)
            {
                ClearLocal(local);
            }
        }
        _scopeVariables.RemoveRange(mark, _scopeVariables.Count - mark);
    }

    /// <summary>Stores nil (all zero bits) into a LuaValue IL local.</summary>
    private void ClearLocal(LocalBuilder local)
    {
        _il.Emit(OpCodes.Ldloca, local);
        _il.Emit(OpCodes.Initobj, typeof(LuaValue));
    }
}
