using System.Reflection.Emit;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// Number loops over objects: what lets nbody's inner loop (`local bj = bs[j]`, `bix - bj.x`, `sqrt(d2)`,
// `bj.vx = bj.vx + dx * bm`) run in the number copy (FunctionCompiler.NumberLoops).
//
// - Table variables declared in the body from a read (`local bj = bs[j]`, `local p = o.pos`) are LuaValue IL
//   locals of the copy; a nil read bails out (t[k] of an absent key may be anything through __index).
// - A field read `t.k` with a constant key takes the raw value through the site's slot hint; a non-nil raw
//   value is what t.k gives whatever the metatable, and anything but a number bails out.
// - A field store `t.k = v` (top level of the body only) checks that t is a table already holding a non-nil
//   value under k (so the store can neither call __newindex nor insert and rehash) and keeps the node and the
//   number; the stores are committed, in program order, when the iteration ends (or at a `break`), after
//   everything that can bail out, so a bail-out still finds nothing changed. A later read of the same key in
//   the same iteration sees the buffered number when its table is the stored one (same variable, or the same
//   object at run time).
// - A call of a variable named like a pure math function (`sqrt`, `floor`, ...) with one argument computes
//   Math.X itself after testing that the variable holds the math library's own function (HostFunction.Intrinsic):
//   a reassigned `sqrt` bails out and the ordinary loop calls whatever it holds.
internal sealed partial class FunctionCompiler
{
    /// <summary>The copy's IL locals of the table variables declared in its body.</summary>
    private readonly Dictionary<LocalSymbol, LocalBuilder> _numberLoopTables = new();

    /// <summary>A field store of the current iteration, checked but not yet done.</summary>
    private readonly record struct PendingFieldStore(LocalSymbol Table, byte[] Key, LocalBuilder Node, LocalBuilder Value);

    private readonly List<PendingFieldStore> _numberLoopPendingStores = new();

    /// <summary>The LuaValue IL local of a table variable of the copy (declared in the body, or before the loop).</summary>
    private LocalBuilder NumberLoopTable(LocalSymbol t) => _numberLoopTables.TryGetValue(t, out var own) ? own : _vars[t];

    /// <summary>Pushes the value of a local or upvalue variable (not a numeric-for counter).</summary>
    private void LoadVariableValue(LocalSymbol v)
    {
        if (v.Function == _info && !v.IsCaptured)
        {
            _il.Emit(OpCodes.Ldloc, _vars[v]);
            return;
        }
        LoadCell(v);
        _il.Emit(OpCodes.Ldfld, CellValue);
    }

    /// <summary><c>local t = s[k]</c> or <c>local t = s.k</c> into <paramref name="dest"/>; nil bails out.</summary>
    private void EmitTableRead(IndexExpr read, LocalBuilder dest, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        var source = ((NameExpr)read.Object).Symbol!;
        if (read.Key is StringExpr k)
        {
            var miss = LoadHintedField(NumberLoopTable(source), k.Value);
            _il.Emit(OpCodes.Call, NumberLoopField);
            _il.Emit(OpCodes.Stloc, dest);
            _il.Emit(OpCodes.Ldloc, dest);
            _il.Emit(OpCodes.Call, RefOf);
            _il.Emit(OpCodes.Brfalse, miss);
            // A buffered number stored under the same key of the same table: not a table, so bail out.
            foreach (var pending in _numberLoopPendingStores)
            {
                if (!pending.Key.AsSpan().SequenceEqual(k.Value)) continue;
                _il.Emit(OpCodes.Ldloc, NumberLoopTable(source));
                _il.Emit(OpCodes.Call, RefOf);
                _il.Emit(OpCodes.Ldloc, NumberLoopTable(pending.Table));
                _il.Emit(OpCodes.Call, RefOf);
                _il.Emit(OpCodes.Beq, _numberLoopBailOut);
            }
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, NumberLoopTable(source));
            // By an int-keyed counter (FunctionCompiler.IntKeys): the exact int.
            if (TryEmitIntKey(read.Key, doubles)) _il.Emit(OpCodes.Call, NumberLoopArraySlotAtKey);
            else
            {
                PreEvaluateGuarded(read.Key, doubles);
                EmitNumberValue(read.Key, doubles);
                _il.Emit(OpCodes.Call, NumberLoopArraySlot);
            }
            _il.Emit(OpCodes.Stloc, dest);
        }
        _il.Emit(OpCodes.Ldloc, dest);
        _il.Emit(OpCodes.Call, RefOf);
        _il.Emit(OpCodes.Brfalse, _numberLoopBailOut);
    }

    /// <summary>Pushes the number <c>t.k</c> holds in this iteration (a buffered store's, if one aliases); else bails out.</summary>
    private void EmitFieldNumber(IndexExpr field)
    {
        var table = ((NameExpr)field.Object).Symbol!;
        var key = ((StringExpr)field.Key).Value;
        var slot = _il.DeclareLocal(typeof(Runtime.LuaValue));
        var miss = LoadHintedField(NumberLoopTable(table), key, out var node);
        _il.Emit(OpCodes.Call, NumberLoopField);
        _il.Emit(OpCodes.Stloc, slot);
        _il.Emit(OpCodes.Ldloc, slot);
        _il.Emit(OpCodes.Call, IsNumberValue);
        _il.Emit(OpCodes.Brfalse, miss);
        if (_numberLoopConditional == 0) _numberLoopReadNodes.TryAdd((table, System.Text.Encoding.Latin1.GetString(key)), node);
        var value = _il.DeclareLocal(typeof(double));
        _il.Emit(OpCodes.Ldloc, slot);
        _il.Emit(OpCodes.Ldfld, ValueNumber);
        _il.Emit(OpCodes.Stloc, value);

        // The latest buffered store of this key to the same variable certainly applies; later ones to other
        // variables apply when their table is this one.
        int from = _numberLoopPendingStores.FindLastIndex(p => p.Table == table && p.Key.AsSpan().SequenceEqual(key));
        if (from >= 0)
        {
            _il.Emit(OpCodes.Ldloc, _numberLoopPendingStores[from].Value);
            _il.Emit(OpCodes.Stloc, value);
        }
        for (int i = from + 1; i < _numberLoopPendingStores.Count; i++)
        {
            var pending = _numberLoopPendingStores[i];
            if (!pending.Key.AsSpan().SequenceEqual(key)) continue;
            var other = _il.DefineLabel();
            _il.Emit(OpCodes.Ldloc, NumberLoopTable(table));
            _il.Emit(OpCodes.Call, RefOf);
            _il.Emit(OpCodes.Ldloc, NumberLoopTable(pending.Table));
            _il.Emit(OpCodes.Call, RefOf);
            _il.Emit(OpCodes.Bne_Un, other);
            _il.Emit(OpCodes.Ldloc, pending.Value);
            _il.Emit(OpCodes.Stloc, value);
            _il.MarkLabel(other);
        }
        _il.Emit(OpCodes.Ldloc, value);
    }

    /// <summary><c>t.k = v</c>: checks the store can be done, computes v, and leaves both for the commit.</summary>
    private void EmitBufferedFieldStore(IndexExpr field, Expr value, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        var table = ((NameExpr)field.Object).Symbol!;
        var key = ((StringExpr)field.Key).Value;
        PreEvaluateGuarded(value, doubles);
        if (!_numberLoopReadNodes.TryGetValue((table, System.Text.Encoding.Latin1.GetString(key)), out var node))
        {
            node = _il.DeclareLocal(typeof(int));
            var miss = LoadHintedField(NumberLoopTable(table), key);
            _il.Emit(OpCodes.Call, NumberLoopFieldNode);
            _il.Emit(OpCodes.Stloc, node);
            _il.Emit(OpCodes.Ldloc, node);
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Blt, miss);
        }
        var buffered = _il.DeclareLocal(typeof(double));
        EmitNumberValue(value, doubles);
        _il.Emit(OpCodes.Stloc, buffered);
        _numberLoopPendingStores.Add(new PendingFieldStore(table, key, node, buffered));
    }

    /// <summary>A field site's way out of the copy: refresh its hint, then bail out.</summary>
    private readonly record struct HintMiss(Label Label, LocalBuilder Table, byte[] Key, FieldBuilder Hint);

    private readonly List<HintMiss> _numberLoopHintMisses = new();

    /// <summary>
    /// Pushes table, key and the value of a new site hint (for NumberLoopSupport.Field/FieldNode) and returns
    /// the label to branch to when the hint misses (emitted by <see cref="EmitHintMisses"/>, outside the loop).
    /// </summary>
    private Label LoadHintedField(LocalBuilder table, byte[] key) => LoadHintedField(table, key, out _);

    /// <summary>As above; <paramref name="hintValue"/> gets the hint as read (the node, when the lookup succeeds).</summary>
    private Label LoadHintedField(LocalBuilder table, byte[] key, out LocalBuilder hintValue)
    {
        var hint = NewSiteHint();
        hintValue = _il.DeclareLocal(typeof(int));
        LdConst(hint);
        _il.Emit(OpCodes.Stloc, hintValue);
        _il.Emit(OpCodes.Ldloc, table);
        LdConst(StringConstant(key));
        _il.Emit(OpCodes.Ldloc, hintValue);
        var miss = new HintMiss(_il.DefineLabel(), table, key, hint);
        _numberLoopHintMisses.Add(miss);
        return miss.Label;
    }

    /// <summary>
    /// Fields read as numbers by a statement every iteration runs (top level of the body), with the node each
    /// was found at: a later store to the same variable and key needs no check of its own (nothing before the
    /// commit inserts into a table, so the node still holds that key with a non-nil value).
    /// </summary>
    private readonly Dictionary<(LocalSymbol Table, string Key), LocalBuilder> _numberLoopReadNodes = new();

    /// <summary>Depth of `if` bodies (and conditions) being emitted in the copy: 0 is the body's top level.</summary>
    private int _numberLoopConditional;

    /// <summary>
    /// The copy's hint refreshes (those of sites from <paramref name="from"/> on): each looks its key up properly (a
    /// call is fine here) and bails out to where the copy being emitted bails out now.
    /// </summary>
    private void EmitHintMisses(int from = 0)
    {
        foreach (var miss in _numberLoopHintMisses.Skip(from))
        {
            _il.MarkLabel(miss.Label);
            _il.Emit(OpCodes.Ldloc, miss.Table);
            LdConst(StringConstant(miss.Key));
            LdConstAddress(miss.Hint);
            _il.Emit(OpCodes.Call, NumberLoopRefreshHint);
            _il.Emit(OpCodes.Br, _numberLoopBailOut);
        }
        _numberLoopHintMisses.RemoveRange(from, _numberLoopHintMisses.Count - from);
    }

    /// <summary>Does the buffered field stores of the iteration so far, in program order (none can fail).</summary>
    private void EmitCommitFieldStores()
    {
        foreach (var pending in _numberLoopPendingStores)
        {
            _il.Emit(OpCodes.Ldloc, NumberLoopTable(pending.Table));
            _il.Emit(OpCodes.Ldloc, pending.Node);
            _il.Emit(OpCodes.Ldloc, pending.Value);
            _il.Emit(OpCodes.Call, NumberLoopCommitField);
        }
    }
}
