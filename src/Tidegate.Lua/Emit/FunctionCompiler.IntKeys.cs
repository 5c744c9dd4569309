using System.Reflection.Emit;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// Int keys of number copies. A copy counts in a double (Lua's numbers), and every array element it reads or stores
// by the counter (sieve's `composite[j] = true`, spectral-norm's `x[j]`) turned that double into an int with the
// saturating conversion and tested that the conversion was exact (converting back and comparing): ten instructions
// per access. When a numeric for's start and step are integers and its counter stays well inside the int range,
// every value of the counter is an integer that a bare truncating conversion (one instruction, cvttsd2si) gives
// exactly, so a copy whose body keys an array by its counter (or by the counter plus or minus a constant) tests
// that once at its entry (NumberLoopSupport.IntCounterFits; a loop that does not fit runs as the ordinary loop, as
// for any failed entry test) and its keys are that conversion.
//
// The counter stays in range because the copy runs only up to a limit clamped to ±IntCounterBound
// (NumberLoopSupport.IntCounterLimit). A loop that goes further (`for i = 1, math.huge do if t[i] == nil then
// break end ... end`) hands over at the bound to the ordinary loop, which goes on from the counter reached: where
// the copy ends by its limit it tests the loop's own limit to tell the two apart.
//
// (An int counter kept beside the double one was tried first: in a method as large as sieve's main chunk the
// .NET JIT kept it and its step on the stack, a load and a store per iteration, and it gained nothing.)
internal sealed partial class FunctionCompiler
{
    /// <summary>The loop variables of the numeric fors whose copies are being emitted and key arrays by exact ints.</summary>
    private readonly HashSet<LocalSymbol> _numberLoopIntKeyed = new();

    /// <summary>
    /// At a numeric for copy's entry, when its body keys an array by <paramref name="symbol"/>: tests that every
    /// value of the counter converts exactly (to <paramref name="fail"/> if not) and returns a local holding the
    /// clamped limit the copy runs to (from <paramref name="limit"/>). Null, emitting nothing, when no key is the
    /// counter's. <paramref name="constantStep"/> is the step when it is a constant, else <paramref name="step"/>
    /// holds it.
    /// </summary>
    private LocalBuilder? EmitIntKeyEntry(LocalSymbol symbol, Block body, LocalBuilder start, LocalBuilder limit,
        double? constantStep, LocalBuilder? step, Label fail)
    {
        if (!KeysArraysBy(body, symbol)) return null;
        void LoadStep()
        {
            if (constantStep is { } c) _il.Emit(OpCodes.Ldc_R8, c);
            else _il.Emit(OpCodes.Ldloc, step!);
        }
        _il.Emit(OpCodes.Ldloc, start);
        LoadStep();
        _il.Emit(OpCodes.Call, NumberLoopIntCounterFits);
        _il.Emit(OpCodes.Brfalse, fail);
        var clamped = _il.DeclareLocal(typeof(double));
        _il.Emit(OpCodes.Ldloc, limit);
        LoadStep();
        _il.Emit(OpCodes.Call, NumberLoopIntCounterLimit);
        _il.Emit(OpCodes.Stloc, clamped);
        _numberLoopIntKeyed.Add(symbol);
        return clamped;
    }

    /// <summary>
    /// Where an int-keyed copy reached its clamped limit: to <paramref name="finished"/> when the loop's own
    /// limit is reached too; otherwise falls through (the caller hands the loop over to its ordinary code).
    /// </summary>
    private void EmitPastClampedLimit(LocalBuilder counter, LocalBuilder limit, double? constantStep, LocalBuilder? step, Label finished)
    {
        _il.Emit(OpCodes.Ldloc, counter);
        _il.Emit(OpCodes.Ldloc, limit);
        if (constantStep is { } c) _il.Emit(OpCodes.Ldc_R8, c);
        else _il.Emit(OpCodes.Ldloc, step!);
        _il.Emit(OpCodes.Call, ForContinues);
        _il.Emit(OpCodes.Brfalse, finished);
    }

    /// <summary>
    /// Pushes <paramref name="key"/> as an int when it is the counter of a copy keying arrays by exact ints, or the
    /// counter plus or minus an integer constant of at most <see cref="NumberLoopSupport.MaxIntKeyOffset"/>; false,
    /// emitting nothing, otherwise.
    /// </summary>
    private bool TryEmitIntKey(Expr key, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        if (!TryIntKeyShape(key, out var symbol, out int offset) || !_numberLoopIntKeyed.Contains(symbol)) return false;
        _il.Emit(OpCodes.Ldloc, doubles[symbol]);
        _il.Emit(OpCodes.Call, NumberLoopExactInt);
        if (offset != 0)
        {
            _il.Emit(OpCodes.Ldc_I4, offset);
            _il.Emit(OpCodes.Add);
        }
        return true;
    }

    /// <summary><c>v</c>, <c>v + c</c>, <c>c + v</c> or <c>v - c</c> for a local <c>v</c> and an integer constant <c>c</c> in range.</summary>
    private static bool TryIntKeyShape(Expr key, out LocalSymbol symbol, out int offset)
    {
        symbol = null!;
        offset = 0;
        switch (StripParens(key))
        {
            case NameExpr { Symbol: { } s }:
                symbol = s;
                return true;
            case BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub } b:
                var (name, constant) = StripParens(b.Left) is NameExpr ? (b.Left, b.Right) : (b.Right, b.Left);
                if (b.Op == BinaryOp.Sub && name != b.Left) return false;
                if (StripParens(name) is not NameExpr { Symbol: { } v } || StripParens(constant) is not NumberExpr n) return false;
                double d = b.Op == BinaryOp.Sub ? -n.Value : n.Value;
                if (d != Math.Floor(d) || Math.Abs(d) > NumberLoopSupport.MaxIntKeyOffset) return false;
                (symbol, offset) = (v, (int)d);
                return true;
            default:
                return false;
        }
    }

    /// <summary>True when some array key in <paramref name="body"/> (through nested blocks and loops) is <paramref name="counter"/>'s.</summary>
    private static bool KeysArraysBy(Block body, LocalSymbol counter)
    {
        foreach (var stmt in body.Statements)
        {
            bool found = stmt switch
            {
                LocalStmt l => l.Values.Any(v => KeysArraysBy(v, counter)),
                AssignStmt a => a.Targets.Any(t => KeysArraysBy(t, counter)) || a.Values.Any(v => KeysArraysBy(v, counter)),
                IfStmt f => f.Clauses.Any(c => KeysArraysBy(c.Condition, counter) || KeysArraysBy(c.Body, counter))
                    || (f.Else is not null && KeysArraysBy(f.Else, counter)),
                NumericForStmt loop => KeysArraysBy(loop.Start, counter) || KeysArraysBy(loop.Limit, counter)
                    || (loop.Step is not null && KeysArraysBy(loop.Step, counter)) || KeysArraysBy(loop.Body, counter),
                _ => false,
            };
            if (found) return true;
        }
        return false;
    }

    private static bool KeysArraysBy(Expr e, LocalSymbol counter) => StripParens(e) switch
    {
        IndexExpr ix => (TryIntKeyShape(ix.Key, out var s, out _) && s == counter)
            || KeysArraysBy(ix.Object, counter) || KeysArraysBy(ix.Key, counter),
        UnaryExpr u => KeysArraysBy(u.Operand, counter),
        BinaryExpr b => KeysArraysBy(b.Left, counter) || KeysArraysBy(b.Right, counter),
        CallExpr c => c.Arguments.Any(a => KeysArraysBy(a, counter)),
        _ => false,
    };
}
