using System.Reflection.Emit;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Runtime;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// Local-variable access for debug.getlocal/setlocal. In a chunk compiled with ChunkContext.LocalAccess,
// every local of a function lives in a value-stack slot (frameTop + k, below the call temporaries) instead
// of an IL local, the frame's record knows where the slots start, and each site records which locals are
// active there. A captured local keeps its cell in an IL local and puts the cell itself in its slot.
// Reading a local is then a stack load instead of a register, so only chunks that ask for it pay.
internal sealed partial class FunctionCompiler
{
    private bool LocalAccess => _ctx.LocalAccess;
    private readonly Dictionary<LocalSymbol, int> _slotOf = new();
    private int _nextLocalSlot;
    private readonly List<ActiveLocal> _activeLocals = new();
    private readonly HashSet<LocalSymbol> _activeSymbols = new();
    private ActiveLocal[]? _activeSnapshot;
    private readonly List<ActiveLocal[]> _siteLocals = new();
    private LocalBuilder? _slotScratch;

    private int SlotOf(LocalSymbol symbol)
    {
        if (!_slotOf.TryGetValue(symbol, out int slot)) _slotOf[symbol] = slot = _nextLocalSlot++;
        return slot;
    }

    /// <summary>A slot for a hidden loop variable ("(for index)"), made active at once.</summary>
    private int HiddenLocal(string name)
    {
        int slot = _nextLocalSlot++;
        _activeLocals.Add(new ActiveLocal(name, slot));
        _activeSnapshot = null;
        return slot;
    }

    private void Activate(LocalSymbol symbol)
    {
        if (!_activeSymbols.Add(symbol)) return;
        _activeLocals.Add(new ActiveLocal(symbol.Name, SlotOf(symbol)));
        _activeSnapshot = null;
    }

    /// <summary>Ends the scope of locals activated after <paramref name="count"/> were active.</summary>
    private void DeactivateTo(int count)
    {
        if (!LocalAccess || _activeLocals.Count <= count) return;
        for (int i = count; i < _activeLocals.Count; i++)
            foreach (var (symbol, slot) in _slotOf)
                if (slot == _activeLocals[i].Slot) _activeSymbols.Remove(symbol);
        _activeLocals.RemoveRange(count, _activeLocals.Count - count);
        _activeSnapshot = null;
    }

    /// <summary>The locals active at a site being created now.</summary>
    private void RecordSiteLocals()
    {
        _activeSnapshot ??= _activeLocals.ToArray();
        _siteLocals.Add(_activeSnapshot);
    }

    /// <summary>Stores the LuaValue on the IL stack into local slot <paramref name="slot"/>.</summary>
    private void StoreToLocalSlot(int slot)
    {
        _slotScratch ??= _il.DeclareLocal(typeof(LuaValue));
        _il.Emit(OpCodes.Stloc, _slotScratch);
        LdThread();
        _il.Emit(OpCodes.Ldfld, ThreadStack);
        LdSlotIndex(slot);
        _il.Emit(OpCodes.Ldloc, _slotScratch);
        _il.Emit(OpCodes.Stelem, typeof(LuaValue));
    }

    /// <summary>A local's value read from its slot into a temp.</summary>
    private Operand LoadLocalSlot(LocalSymbol symbol, string name)
    {
        LoadSlot(SlotOf(symbol));
        return StoreTemp(name);
    }

    /// <summary>Prologue (and resume): tells the frame record where the slots start and how many varargs lie below.</summary>
    private void EmitRecordSlotBase()
    {
        if (!LocalAccess) return;
        LdThread();
        _il.Emit(OpCodes.Ldloc, _frameTop);
        _il.Emit(OpCodes.Ldloc, _varargCount);
        _il.Emit(OpCodes.Call, SetFrameSlots);
    }
}
