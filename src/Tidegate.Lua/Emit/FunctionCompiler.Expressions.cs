using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Tidegate.Lua.Binding;
using Tidegate.Lua.Runtime;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// Expressions: each evaluates to an Operand (a local or a constant), never leaving values on the IL stack.
internal sealed partial class FunctionCompiler
{
    /// <summary>Pushes the operand's LuaValue.</summary>
    private void Load(Operand op)
    {
        switch (op.Kind)
        {
            case Operand.Kinds.Local: _il.Emit(OpCodes.Ldloc, op.Local!); break;
            case Operand.Kinds.NumberLocal:
                _il.Emit(OpCodes.Ldloc, op.Local!);
                _il.Emit(OpCodes.Call, FromNumber);
                break;
            case Operand.Kinds.Nil: _il.Emit(OpCodes.Ldsfld, ValueNil); break;
            case Operand.Kinds.True: _il.Emit(OpCodes.Ldsfld, ValueTrue); break;
            case Operand.Kinds.False: _il.Emit(OpCodes.Ldsfld, ValueFalse); break;
            case Operand.Kinds.Number:
                _il.Emit(OpCodes.Ldc_R8, op.Number);
                _il.Emit(OpCodes.Call, FromNumber);
                break;
            case Operand.Kinds.String:
                LdConst(op.String!);
                _il.Emit(OpCodes.Call, FromObject);
                break;
        }
    }

    private LocalBuilder? LoadAddress(Operand op)
    {
        if (op.Kind == Operand.Kinds.Local) { _il.Emit(OpCodes.Ldloca, op.Local!); return null; }
        Load(op);
        var t = NewValueTemp();
        _il.Emit(OpCodes.Stloc, t);
        _il.Emit(OpCodes.Ldloca, t);
        return t;
    }

    /// <summary>A temp holding the value of the LuaValue on the IL stack.</summary>
    private Operand StoreTemp(string? name = null)
    {
        var t = NewValueTemp();
        _il.Emit(OpCodes.Stloc, t);
        return Operand.Temp(t, name);
    }

    /// <summary>Stores the LuaValue on the IL stack in a temp that is cleared when released (see Operand.ClearOnRelease).</summary>
    private Operand StoreClearedTemp() => Operand.ClearedTemp(StoreTemp().Local!);

    /// <summary>A copy of the operand in a temp of its own (so later assignments cannot change it).</summary>
    private Operand Snapshot(Operand op)
    {
        if (op.IsTemp || op.IsConstant) return op;
        Load(op);
        return StoreTemp(op.Name);
    }

    private Operand Eval(Expr expr)
    {
        // Deeply nested expressions (a + a + ... with 100,000 terms) recurse here: fail cleanly, never overflow.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expr)
        {
            case NilExpr: return Operand.Nil;
            case TrueExpr: return Operand.True;
            case FalseExpr: return Operand.False;
            case NumberExpr n: return Operand.Constant(n.Value);
            case StringExpr s: return Operand.Constant(StringConstant(s.Value));
            case CDataLiteralExpr c:
                _il.Emit(OpCodes.Ldc_I8, c.Bits);
                if (c.IsImaginary) _il.Emit(OpCodes.Call, typeof(Ffi.CDataLiteral).GetMethod(nameof(Ffi.CDataLiteral.BoxImaginary))!);
                else
                {
                    _il.Emit(c.IsUnsigned ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
                    _il.Emit(OpCodes.Call, typeof(Ffi.CDataLiteral).GetMethod(nameof(Ffi.CDataLiteral.Box))!);
                }
                return StoreTemp();
            case VarargExpr:
                LdThread();
                _il.Emit(OpCodes.Ldarg_2);
                _il.Emit(OpCodes.Ldc_I4, ParameterCount);
                _il.Emit(OpCodes.Ldloc, _varargCount);
                _il.Emit(OpCodes.Call, FirstVararg);
                return StoreTemp();
            case NameExpr n: return EvalName(n);
            case IndexExpr i: return EvalIndex(i);
            case CallExpr or MethodCallExpr:
            {
                if (expr is CallExpr call && TryEvalInlinedCall(call, out var inlined)) return inlined;
                int b = _depth;
                var first = NewValueTemp();
                EmitCallTo(expr, b, first);
                _depth = b;
                var value = Operand.ClearedTemp(first);
                // Code after the call on its line is a new line event once the callee ran hooked lines.
                EmitLineHook(expr.Line, false);
                return value;
            }
            case FunctionExpr f: return EvalClosure(f.Body);
            case ParenExpr p: return Eval(p.Inner);
            case BinaryExpr b: return EvalBinary(b);
            case UnaryExpr u: return EvalUnary(u);
            case TableExpr t: return EvalTable(t);
            default: throw new InvalidOperationException("emitter: unknown expression " + expr.GetType().Name);
        }
    }

    /// <summary>Evaluates into a fresh temp (never a variable's own local): for values that must survive assignments.</summary>
    private Operand EvalToTemp(Expr expr) => Snapshot(Eval(expr));

    // ---------------- names ----------------

    /// <summary>The description LuaJIT's messages use for an expression, and the name a call site gives its callee.</summary>
    private string? Describe(Expr e, out string? callName)
    {
        callName = null;
        switch (e)
        {
            case NameExpr n:
                callName = n.Name;
                if (n.Symbol is null) return $"global '{n.Name}'";
                return n.Symbol.Function == _info ? $"local '{n.Name}'" : $"upvalue '{n.Name}'";
            case IndexExpr { Key: StringExpr k }:
                callName = Latin1(k.Value);
                return $"field '{callName}'";
            default:
                return null;
        }
    }

    private static string Latin1(byte[] b) => System.Text.Encoding.Latin1.GetString(b);

    private Operand EvalName(NameExpr n)
    {
        var symbol = n.Symbol;
        if (symbol is null)
        {
            LdThread();
            _il.Emit(OpCodes.Ldarg_0);
            LdConst(StringConstant(n.Name));
            LdConstAddress(NewSiteHint());
            _il.Emit(OpCodes.Ldc_I4, Site(n.Line));
            LdTop();
            _il.Emit(OpCodes.Call, GetGlobal);
            var g = StoreTemp($"global '{n.Name}'");
            EmitMetaYieldCheck(g.Local, false, Site(n.Line));
            return g;
        }
        if (_numericForCounters.TryGetValue(symbol, out var counter))
            return Operand.NumberVariable(counter, $"local '{n.Name}'");
        if (symbol.Function == _info)
        {
            var local = _vars[symbol];
            if (!symbol.IsCaptured && LocalAccess) return LoadLocalSlot(symbol, $"local '{n.Name}'");
            if (!symbol.IsCaptured) return Operand.Variable(local, $"local '{n.Name}'");
            _il.Emit(OpCodes.Ldloc, local);
            _il.Emit(OpCodes.Ldfld, CellValue);
            return StoreTemp($"local '{n.Name}'");
        }
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, UpvalueFields[_info.UpvalueIndexOf(symbol)]);
        _il.Emit(OpCodes.Ldfld, CellValue);
        return StoreTemp($"upvalue '{n.Name}'");
    }

    /// <summary>Pushes the cell of a captured variable: the function's own, or one of its upvalues.</summary>
    private void LoadCell(LocalSymbol symbol)
    {
        if (symbol.Function == _info)
        {
            _il.Emit(OpCodes.Ldloc, _vars[symbol]);
        }
        else
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldfld, UpvalueFields[_info.UpvalueIndexOf(symbol)]);
        }
    }

    /// <summary>Assigns <paramref name="value"/> to a name (local, upvalue or global).</summary>
    private void AssignName(NameExpr n, Operand value)
    {
        var symbol = n.Symbol;
        if (symbol is null)
        {
            LdThread();
            _il.Emit(OpCodes.Ldarg_0);
            LdConst(StringConstant(n.Name));
            LdConstAddress(NewSiteHint());
            Load(value);
            _il.Emit(OpCodes.Ldc_I4, Site(n.Line));
            LdTop();
            _il.Emit(OpCodes.Call, SetGlobal);
            EmitMetaYieldCheck(null, false, Site(n.Line));
            return;
        }
        if (symbol.Function == _info && !symbol.IsCaptured)
        {
            Load(value);
            if (LocalAccess) StoreToLocalSlot(SlotOf(symbol));
            else _il.Emit(OpCodes.Stloc, _vars[symbol]);
            return;
        }
        LoadCell(symbol);
        Load(value);
        _il.Emit(OpCodes.Call, CellStore);
    }

    // ---------------- indexing ----------------

    private Operand EvalIndex(IndexExpr e)
    {
        // t.a.b.c... nests to the left: index the innermost object first, then each link in a loop.
        var chain = new List<IndexExpr>();
        Expr cur = e;
        while (cur is IndexExpr ix)
        {
            chain.Add(ix);
            cur = ix.Object;
        }
        var obj = Eval(cur);
        for (int i = chain.Count - 1; i >= 0; i--) obj = EmitIndexOn(chain[i], obj);
        return obj;
    }

    /// <summary>obj[key] with the object already evaluated into <paramref name="obj"/>.</summary>
    private Operand EmitIndexOn(IndexExpr e, Operand obj)
    {
        string? objName = obj.Name;
        string? fieldName = e.Key is StringExpr ks ? $"field '{Latin1(ks.Value)}'" : null;
        if (e.Key is StringExpr k)
        {
            LdThread();
            Load(obj);
            LdConst(StringConstant(k.Value));
            LdConstAddress(NewSiteHint());
            LdConstAddress(NewSiteHint()); // the class table's hint (inherited lookups)
            _il.Emit(OpCodes.Ldc_I4, Site(e.Line));
            LdTop();
            LdName(objName);
            _il.Emit(OpCodes.Call, IndexStr);
            Release(obj);
            var r = StoreTemp(fieldName);
            EmitMetaYieldCheck(r.Local, false, Site(e.Line));
            return r;
        }
        var key = Eval(e.Key);
        LdThread();
        Load(obj);
        Load(key);
        _il.Emit(OpCodes.Ldc_I4, Site(e.Line));
        LdTop();
        LdName(objName);
        _il.Emit(OpCodes.Call, IndexAny);
        Release(key);
        Release(obj);
        var result = StoreTemp();
        EmitMetaYieldCheck(result.Local, false, Site(e.Line));
        return result;
    }

    /// <summary>obj[key] = value with the operands already evaluated.</summary>
    private void EmitSetIndex(Operand obj, Expr keyExpr, Operand key, Operand value, int line)
    {
        LdThread();
        Load(obj);
        if (keyExpr is StringExpr k)
        {
            LdConst(StringConstant(k.Value));
            LdConstAddress(NewSiteHint());
            LoadStoredValueAddress(value);
            _il.Emit(OpCodes.Ldc_I4, Site(line));
            LdTop();
            LdName(obj.Name);
            _il.Emit(OpCodes.Call, SetIndexStr);
            ClearStoredValue(value);
            EmitMetaYieldCheck(null, false, Site(line));
            return;
        }
        Load(key);
        LoadStoredValueAddress(value);
        _il.Emit(OpCodes.Ldc_I4, Site(line));
        LdTop();
        LdName(obj.Name);
        _il.Emit(OpCodes.Call, SetIndex);
        ClearStoredValue(value);
        EmitMetaYieldCheck(null, false, Site(line));
    }

    // ---------------- closures ----------------

    private Operand EvalClosure(FunctionBody body)
    {
        var child = _ctx.Compilers[body];
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, ClosureEnvironment);
        _il.Emit(OpCodes.Newobj, child.Constructor);
        var upvalues = body.Info!.Upvalues;
        for (int i = 0; i < upvalues.Count; i++)
        {
            _il.Emit(OpCodes.Dup);
            LoadCell(upvalues[i]);
            _il.Emit(OpCodes.Stfld, child.UpvalueFields[i]);
        }
        _il.Emit(OpCodes.Call, FromObject);
        return StoreClearedTemp();
    }

    // ---------------- operators ----------------

    private Operand EvalBinary(BinaryExpr e)
    {
        switch (e.Op)
        {
            case BinaryOp.And:
            case BinaryOp.Or:
            {
                var joined = Snapshot(Eval(e.Left));
                if (joined.IsConstant) { Load(joined); joined = StoreTemp(); }
                var skipRight = _il.DefineLabel();
                _il.Emit(OpCodes.Ldloc, joined.Local!);
                _il.Emit(OpCodes.Call, IsTruthy);
                _il.Emit(e.Op == BinaryOp.And ? OpCodes.Brfalse : OpCodes.Brtrue, skipRight);
                var right = Eval(e.Right);
                Load(right);
                Release(right);
                _il.Emit(OpCodes.Stloc, joined.Local!);
                _il.MarkLabel(skipRight);
                return Operand.Temp(joined.Local!);
            }
            case BinaryOp.Concat:
                return EvalConcat(e);
            case BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge:
            {
                EmitComparison(e);
                _il.Emit(OpCodes.Call, FromBoolean);
                return StoreTemp();
            }
        }
        // a + b + c ... nests to the left: evaluate the chain's innermost operation first, then each outer
        // one on the result, in a loop (a 100,000-term sum needs no deep .NET stack here).
        var chain = new List<BinaryExpr>();
        var inner = e;
        while (inner.Left is BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Mod or BinaryOp.Pow } l)
        {
            chain.Add(inner);
            inner = l;
        }
        Operand acc;
        if (inner.Left is NumberExpr ln && inner.Right is NumberExpr rn && TryFold(inner.Op, ln.Value, rn.Value, out double folded))
            acc = Operand.Constant(folded);
        else
            acc = EmitArithmetic(inner, Eval(inner.Left));
        for (int i = chain.Count - 1; i >= 0; i--) acc = EmitArithmetic(chain[i], acc);
        return acc;
    }

    /// <summary>One arithmetic operation whose left operand is already evaluated into <paramref name="a"/>.</summary>
    private Operand EmitArithmetic(BinaryExpr e, Operand a)
    {
        var b = Eval(e.Right);
        var result = NewValueTemp();
        var slow = _il.DefineLabel();
        var done = _il.DefineLabel();
        // Fast path inline: both numbers (one reference compare each; number constants need none).
        if (EmitNumberGuard(a, slow) && EmitNumberGuard(b, slow))
        {
            LoadNumber(a);
            LoadNumber(b);
            EmitDoubleArithmetic(e.Op);
            _il.Emit(OpCodes.Call, FromNumber);
            _il.Emit(OpCodes.Stloc, result);
            _il.Emit(OpCodes.Br, done);
        }
        _il.MarkLabel(slow);
        LdThread();
        _il.Emit(OpCodes.Ldc_I4, (int)(e.Op switch
        {
            BinaryOp.Add => ArithOp.Add,
            BinaryOp.Sub => ArithOp.Sub,
            BinaryOp.Mul => ArithOp.Mul,
            BinaryOp.Div => ArithOp.Div,
            BinaryOp.Mod => ArithOp.Mod,
            _ => ArithOp.Pow,
        }));
        Load(a);
        Load(b);
        _il.Emit(OpCodes.Ldc_I4, Site(e.Line));
        LdTop();
        LdName(a.Name);
        LdName(b.Name);
        _il.Emit(OpCodes.Call, ArithSlow);
        _il.Emit(OpCodes.Stloc, result);
        EmitMetaYieldCheck(result, false, Site(e.Line));
        _il.MarkLabel(done);
        Release(b);
        Release(a);
        return Operand.Temp(result);
    }

    /// <summary>
    /// Branches to <paramref name="slow"/> unless the operand is a number. Returns false when it never is
    /// (a non-number constant): then the caller has no fast path at all.
    /// </summary>
    private bool EmitNumberGuard(Operand op, Label slow)
    {
        if (op.Kind is Operand.Kinds.Number or Operand.Kinds.NumberLocal) return true;
        if (op.Kind != Operand.Kinds.Local)
        {
            _il.Emit(OpCodes.Br, slow);
            return false;
        }
        _il.Emit(OpCodes.Ldloc, op.Local!);
        _il.Emit(OpCodes.Call, IsNumberValue);
        _il.Emit(OpCodes.Brfalse, slow);
        return true;
    }

    /// <summary>Pushes the double of an operand known to be a number.</summary>
    private void LoadNumber(Operand op)
    {
        if (op.Kind == Operand.Kinds.Number)
        {
            _il.Emit(OpCodes.Ldc_R8, op.Number);
            return;
        }
        _il.Emit(OpCodes.Ldloc, op.Local!);
        if (op.Kind == Operand.Kinds.Local) _il.Emit(OpCodes.Ldfld, ValueNumber);
    }

    private static bool TryFold(BinaryOp op, double x, double y, out double r)
    {
        switch (op)
        {
            case BinaryOp.Add: r = x + y; return true;
            case BinaryOp.Sub: r = x - y; return true;
            case BinaryOp.Mul: r = x * y; return true;
            case BinaryOp.Div: r = x / y; return true;
            case BinaryOp.Mod: r = LuaOps.Modulo(x, y); return true;
            case BinaryOp.Pow: r = Math.Pow(x, y); return true;
            default: r = 0; return false;
        }
    }

    /// <summary>Pushes the comparison's bool. Gt/Ge swap the operands as Lua does (so messages name them swapped too).</summary>
    private void EmitComparison(BinaryExpr e)
    {
        var a = Eval(e.Left);
        var b = Eval(e.Right);
        bool swap = e.Op is BinaryOp.Gt or BinaryOp.Ge;
        var x = swap ? b : a;
        var y = swap ? a : b;
        var truth = NewIntTemp();
        var done = _il.DefineLabel();
        bool equality = e.Op is BinaryOp.Eq or BinaryOp.Ne;
        if (equality && (x.Kind == Operand.Kinds.Nil || y.Kind == Operand.Kinds.Nil))
        {
            // x == nil: a nil test; only a cdata operand can involve a metamethod (see EqNil).
            LdThread();
            Load(x.Kind == Operand.Kinds.Nil ? y : x);
            _il.Emit(OpCodes.Ldc_I4, Site(e.Line));
            LdTop();
            _il.Emit(OpCodes.Call, EqNilValue);
            _il.Emit(OpCodes.Stloc, truth);
        }
        else
        {
            var slow = _il.DefineLabel();
            if (EmitNumberGuard(x, slow) && EmitNumberGuard(y, slow))
            {
                LoadNumber(x);
                LoadNumber(y);
                switch (e.Op)
                {
                    case BinaryOp.Eq or BinaryOp.Ne: _il.Emit(OpCodes.Ceq); break;
                    case BinaryOp.Lt or BinaryOp.Gt: _il.Emit(OpCodes.Clt); break;
                    default:
                        // x <= y is !(x > y or unordered)
                        _il.Emit(OpCodes.Cgt_Un);
                        _il.Emit(OpCodes.Ldc_I4_0);
                        _il.Emit(OpCodes.Ceq);
                        break;
                }
                _il.Emit(OpCodes.Stloc, truth);
                _il.Emit(OpCodes.Br, done);
            }
            _il.MarkLabel(slow);
            LdThread();
            Load(x);
            Load(y);
            _il.Emit(OpCodes.Ldc_I4, Site(e.Line));
            LdTop();
            _il.Emit(OpCodes.Call, equality ? Eq : e.Op is BinaryOp.Lt or BinaryOp.Gt ? Lt : Le);
            _il.Emit(OpCodes.Stloc, truth);
            EmitMetaYieldCheck(truth, true, Site(e.Line));
        }
        _il.MarkLabel(done);
        _il.Emit(OpCodes.Ldloc, truth);
        FreeIntTemp(truth);
        if (e.Op == BinaryOp.Ne)
        {
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Ceq);
        }
        Release(b);
        Release(a);
    }

    /// <summary>A chain a .. b .. c: the operands go to consecutive slots and are joined in one call.</summary>
    private Operand EvalConcat(BinaryExpr e)
    {
        var parts = new List<Expr>();
        Expr cur = e;
        while (cur is BinaryExpr { Op: BinaryOp.Concat } c)
        {
            parts.Add(c.Left);
            cur = c.Right;
        }
        parts.Add(cur);
        int b = _depth;
        var names = new string?[parts.Count];
        for (int i = 0; i < parts.Count; i++)
        {
            _depth = b + i;
            var v = Eval(parts[i]);
            names[i] = v.Name;
            StoreSlot(b + i, v);
            Release(v);
        }
        _depth = b + parts.Count;
        LdThread();
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldc_I4, parts.Count);
        _il.Emit(OpCodes.Ldc_I4, Site(e.Line));
        LdConst(StaticObject(typeof(string?[]), names));
        _il.Emit(OpCodes.Call, Concat);
        var result = StoreTemp();
        EmitMetaYieldCheck(result.Local, false, Site(e.Line));
        _depth = b;
        return result;
    }

    private Operand EvalUnary(UnaryExpr e)
    {
        if (e.Op == UnaryOp.Neg && e.Operand is NumberExpr n) return Operand.Constant(-n.Value);
        var a = Eval(e.Operand);
        switch (e.Op)
        {
            case UnaryOp.Not:
                Load(a);
                _il.Emit(OpCodes.Call, Not);
                break;
            case UnaryOp.Neg:
                LdThread();
                Load(a);
                _il.Emit(OpCodes.Ldc_I4, Site(e.Line));
                LdTop();
                LdName(a.Name);
                _il.Emit(OpCodes.Call, Negate);
                break;
            default:
                LdThread();
                Load(a);
                _il.Emit(OpCodes.Ldc_I4, Site(e.Line));
                LdTop();
                LdName(a.Name);
                _il.Emit(OpCodes.Call, Length);
                break;
        }
        Release(a);
        var result = StoreTemp();
        if (e.Op != UnaryOp.Not) EmitMetaYieldCheck(result.Local, false, Site(e.Line));
        return result;
    }

    // ---------------- conditions ----------------

    /// <summary>Branches to <paramref name="target"/> when <paramref name="cond"/> is false (or true, per <paramref name="jumpIf"/>).</summary>
    private void EmitJump(Expr cond, bool jumpIf, Label target)
    {
        switch (cond)
        {
            case TrueExpr or NumberExpr or StringExpr:
                if (jumpIf) _il.Emit(OpCodes.Br, target);
                return;
            case NilExpr or FalseExpr:
                if (!jumpIf) _il.Emit(OpCodes.Br, target);
                return;
            case UnaryExpr { Op: UnaryOp.Not } u:
                EmitJump(u.Operand, !jumpIf, target);
                return;
            case BinaryExpr { Op: BinaryOp.And } a when !jumpIf:
                EmitJump(a.Left, false, target);
                EmitJump(a.Right, false, target);
                return;
            case BinaryExpr { Op: BinaryOp.Or } o when jumpIf:
                EmitJump(o.Left, true, target);
                EmitJump(o.Right, true, target);
                return;
            case BinaryExpr { Op: BinaryOp.And } a:
            {
                var skip = _il.DefineLabel();
                EmitJump(a.Left, false, skip);
                EmitJump(a.Right, true, target);
                _il.MarkLabel(skip);
                return;
            }
            case BinaryExpr { Op: BinaryOp.Or } o:
            {
                var skip = _il.DefineLabel();
                EmitJump(o.Left, true, skip);
                EmitJump(o.Right, false, target);
                _il.MarkLabel(skip);
                return;
            }
            case BinaryExpr { Op: BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge } c:
                EmitComparison(c);
                _il.Emit(jumpIf ? OpCodes.Brtrue : OpCodes.Brfalse, target);
                return;
        }
        var v = Eval(cond);
        Load(v);
        Release(v);
        _il.Emit(OpCodes.Call, IsTruthy);
        _il.Emit(jumpIf ? OpCodes.Brtrue : OpCodes.Brfalse, target);
    }

    // ---------------- tables ----------------

    private Operand EvalTable(TableExpr e)
    {
        if (TryEvalShapedTable(e, out var shaped)) return shaped;
        int positional = e.Fields.Count(f => f.Kind == TableFieldKind.Positional);
        int hashed = e.Fields.Count - positional;
        _il.Emit(OpCodes.Ldc_I4, positional);
        _il.Emit(OpCodes.Ldc_I4, hashed);
        _il.Emit(OpCodes.Call, NewTable);
        var table = StoreTemp();
        int index = 1;
        for (int i = 0; i < e.Fields.Count; i++)
        {
            var f = e.Fields[i];
            bool last = i == e.Fields.Count - 1;
            switch (f.Kind)
            {
                case TableFieldKind.Positional when last && IsMultiValued(f.Value):
                {
                    int b = _depth;
                    var count = EmitMultiTo(f.Value, b);
                    LdThread();
                    Load(table);
                    _il.Emit(OpCodes.Ldc_I4, index);
                    LdSlotIndex(b);
                    _il.Emit(OpCodes.Ldloc, count);
                    _il.Emit(OpCodes.Call, SetList);
                    FreeIntTemp(count);
                    _depth = b;
                    break;
                }
                case TableFieldKind.Positional:
                {
                    var v = Eval(f.Value);
                    Load(table);
                    _il.Emit(OpCodes.Ldc_I4, index++);
                    Load(v);
                    _il.Emit(OpCodes.Call, RawSetInt);
                    Release(v);
                    break;
                }
                case TableFieldKind.Named when f.Key is StringExpr k:
                {
                    var v = Eval(f.Value);
                    Load(table);
                    LdConst(StringConstant(k.Value));
                    Load(v);
                    _il.Emit(OpCodes.Call, RawSetStr);
                    Release(v);
                    break;
                }
                default:
                {
                    var key = Eval(f.Key!);
                    var v = Eval(f.Value);
                    LdThread();
                    Load(table);
                    Load(key);
                    Load(v);
                    _il.Emit(OpCodes.Ldc_I4, Site(f.Line == 0 ? e.Line : f.Line));
                    _il.Emit(OpCodes.Call, RawSet);
                    Release(v);
                    Release(key);
                    break;
                }
            }
        }
        return Operand.ClearedTemp(table.Local!);
    }

    private static bool IsMultiValued(Expr e) => e is CallExpr or MethodCallExpr or VarargExpr;
}
