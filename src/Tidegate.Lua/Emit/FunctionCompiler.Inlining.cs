using System.Reflection.Emit;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// Inlining of small numeric functions: `local function A(i, j) local ij = i + j - 1 return 1 / (ij * 0.5 + i) end`
// called as A(i, j) with numeric-for counters (or number literals) as arguments.
//
// With numbers in, such a body can do nothing but arithmetic on doubles: it cannot raise, call, yield or
// be observed (no hook checks or local access are compiled in, where inlining is off). So the call site,
// after testing that the variable still holds a closure of that body (see KnownCalleeType; debug.setupvalue
// can change it), computes the result in double IL locals instead of calling. Any other callee takes the
// ordinary call. What is not reproduced: the function entry's budget count (loop back-edges still count),
// which only moves when a run-time limit or a count hook fires, by a few iterations.
internal sealed partial class FunctionCompiler
{
    /// <summary>The most syntax nodes an inlined body may have: beyond it, the call is cheaper than the code growth.</summary>
    private const int MaxInlinedNodes = 40;

    /// <summary>
    /// A call in a one-value context: inlined when the callee is a known small numeric function and every
    /// argument is a known number; otherwise false and nothing is emitted.
    /// </summary>
    private bool TryEvalInlinedCall(CallExpr call, out Operand result)
    {
        result = null!;
        if (_ctx.HookChecks || LocalAccess) return false;
        var known = KnownCalleeType(call);
        if (known is null) return false;
        var body = ((NameExpr)call.Function).Symbol!.DeclaredFunction!;
        if (!IsInlinableNumericBody(body) || call.Arguments.Count != body.Parameters.Count) return false;
        foreach (var arg in call.Arguments)
            if (!IsKnownNumber(arg)) return false;

        int b = _depth;
        var fn = Eval(call.Function);
        var value = NewValueTemp();
        var general = _il.DefineLabel();
        var done = _il.DefineLabel();
        Load(fn);
        _il.Emit(OpCodes.Call, RefOf);
        _il.Emit(OpCodes.Isinst, known);
        _il.Emit(OpCodes.Brfalse, general);

        // The body, in doubles. Its locals are IL locals of their own, dead before any call (never saved).
        var doubles = new Dictionary<LocalSymbol, LocalBuilder>();
        var parameters = body.ParameterSymbols!;
        for (int i = 0; i < parameters.Count; i++)
        {
            EmitKnownNumber(call.Arguments[i]);
            var d = _il.DeclareLocal(typeof(double));
            _il.Emit(OpCodes.Stloc, d);
            doubles[parameters[i]] = d;
        }
        foreach (var stmt in body.Body.Statements)
        {
            if (stmt is LocalStmt local)
            {
                // All values first, then the names, as a local statement assigns.
                var values = new List<LocalBuilder>();
                foreach (var v in local.Values)
                {
                    EmitNumericBody(v, doubles);
                    var d = _il.DeclareLocal(typeof(double));
                    _il.Emit(OpCodes.Stloc, d);
                    values.Add(d);
                }
                for (int i = 0; i < values.Count; i++) doubles[local.Symbols![i]] = values[i];
            }
            else
            {
                EmitNumericBody(((ReturnStmt)stmt).Values[0], doubles);
                _il.Emit(OpCodes.Call, FromNumber);
                _il.Emit(OpCodes.Stloc, value);
            }
        }
        _il.Emit(OpCodes.Br, done);

        // Anything else in the variable: the ordinary call, its first result.
        _il.MarkLabel(general);
        _depth = b;
        string? description = Describe(call.Function, out string? callName);
        var (fixedArgs, multi) = EmitArguments(call.Arguments, b);
        EmitInvoke(fn, b, fixedArgs, multi, Site(call.Line, callName, false, description), description, knownCallee: known);
        LdThread();
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldloc, _status);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Call, Result);
        _il.Emit(OpCodes.Stloc, value);

        _il.MarkLabel(done);
        Release(fn);
        _depth = b;
        result = Operand.ClearedTemp(value);
        return true;
    }

    /// <summary>A number literal, or a numeric for's counter read straight from its double local.</summary>
    private bool IsKnownNumber(Expr e) => e switch
    {
        NumberExpr => true,
        ParenExpr p => IsKnownNumber(p.Inner),
        NameExpr { Symbol: { } s } => _numericForCounters.ContainsKey(s),
        _ => false,
    };

    private void EmitKnownNumber(Expr e)
    {
        switch (e)
        {
            case NumberExpr n: _il.Emit(OpCodes.Ldc_R8, n.Value); break;
            case ParenExpr p: EmitKnownNumber(p.Inner); break;
            case NameExpr n: _il.Emit(OpCodes.Ldloc, _numericForCounters[n.Symbol!]); break;
        }
    }

    /// <summary>
    /// A fixed-parameter function whose body is <c>local</c> statements and one final <c>return e</c>,
    /// every expression arithmetic over its parameters, earlier locals and number literals.
    /// </summary>
    private static bool IsInlinableNumericBody(FunctionBody body)
    {
        if (body.IsVararg || body.Info is null || body.Info.Upvalues.Count > 0 || body.Info.Children.Count > 0) return false;
        var statements = body.Body.Statements;
        if (statements.Count == 0 || statements[^1] is not ReturnStmt { Values.Count: 1 }) return false;
        var known = new HashSet<LocalSymbol>(body.ParameterSymbols!);
        int nodes = 0;
        foreach (var stmt in statements)
        {
            switch (stmt)
            {
                case LocalStmt local when local.Symbols is not null && local.Values.Count == local.Names.Count:
                    foreach (var v in local.Values)
                        if (!IsNumericExpr(v, known, ref nodes)) return false;
                    foreach (var s in local.Symbols)
                    {
                        if (s.IsCaptured || s.IsAssigned) return false;
                        known.Add(s);
                    }
                    break;
                case ReturnStmt ret when ReferenceEquals(stmt, statements[^1]):
                    if (!IsNumericExpr(ret.Values[0], known, ref nodes)) return false;
                    break;
                default:
                    return false;
            }
        }
        return body.ParameterSymbols!.All(p => !p.IsAssigned && !p.IsCaptured);
    }

    private static bool IsNumericExpr(Expr e, HashSet<LocalSymbol> known, ref int nodes)
    {
        if (++nodes > MaxInlinedNodes) return false;
        switch (e)
        {
            case NumberExpr: return true;
            case NameExpr { Symbol: { } s }: return known.Contains(s);
            case ParenExpr p: return IsNumericExpr(p.Inner, known, ref nodes);
            case UnaryExpr { Op: UnaryOp.Neg } u: return IsNumericExpr(u.Operand, known, ref nodes);
            case BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Mod or BinaryOp.Pow } bin:
                return IsNumericExpr(bin.Left, known, ref nodes) && IsNumericExpr(bin.Right, known, ref nodes);
            default: return false;
        }
    }

    /// <summary>Pushes the double value of an expression IsNumericExpr accepted, with Lua's number semantics.</summary>
    private void EmitNumericBody(Expr e, Dictionary<LocalSymbol, LocalBuilder> doubles)
    {
        switch (e)
        {
            case NumberExpr n: _il.Emit(OpCodes.Ldc_R8, n.Value); break;
            case NameExpr n: _il.Emit(OpCodes.Ldloc, doubles[n.Symbol!]); break;
            case ParenExpr p: EmitNumericBody(p.Inner, doubles); break;
            case UnaryExpr u:
                EmitNumericBody(u.Operand, doubles);
                _il.Emit(OpCodes.Neg);
                break;
            case BinaryExpr bin:
                EmitNumericBody(bin.Left, doubles);
                EmitNumericBody(bin.Right, doubles);
                EmitDoubleArithmetic(bin.Op);
                break;
        }
    }

    /// <summary>
    /// The arithmetic of <paramref name="op"/> on the two doubles on the IL stack, leaving a double: the
    /// number/number case shared by the generic fast path, inlined numeric functions and number loops.
    /// </summary>
    private void EmitDoubleArithmetic(BinaryOp op)
    {
        switch (op)
        {
            case BinaryOp.Add: _il.Emit(OpCodes.Add); break;
            case BinaryOp.Sub: _il.Emit(OpCodes.Sub); break;
            case BinaryOp.Mul: _il.Emit(OpCodes.Mul); break;
            case BinaryOp.Div: _il.Emit(OpCodes.Div); break;
            case BinaryOp.Mod: _il.Emit(OpCodes.Call, Modulo); break;
            case BinaryOp.Pow: _il.Emit(OpCodes.Call, MathPow); break;
            default: throw new InvalidOperationException($"not an arithmetic operator: {op}");
        }
    }
}
