using System.Reflection;
using System.Reflection.Emit;
using Tidegate.Lua.Runtime;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// Direct calls with arguments as parameters. A function that a `local function f` declaration gave to a
// local never assigned afterwards (a known callee, see KnownCalleeType) gets a second entry point,
// InvokeDirect(thread, argBase, argCount, p0, ..., pn-1), that holds its body and takes its fixed
// parameters as IL arguments; Invoke becomes a thin wrapper that reads them from the value stack. A call
// site that calls such a closure with exactly its parameter count, having checked its exact type, calls
// InvokeDirect with the argument values: they never go through the value stack (no stores, no GC write
// barriers, no argument-count checks in the callee). The callee's frame still starts at the call's base
// slot, so frame records, errors, tracebacks and yields are as for any call; a resumed frame re-enters
// through Invoke like every other.
//
// Results: InvokeDirect returns its first result as its value (a LuaValue comes back in two registers) and
// its status in thread.DirectStatus. `return v` (one value) writes nothing to the value stack: the record is
// popped, the status set to 1 and v returned. Every other exit leaves its results on the stack as Invoke
// would, and returns the first of them too. So after a direct call, status 1 means "the value returned",
// anything else "as after Invoke"; a call site that wants one value (an operand, `local x = f(y)`) takes it
// from the register, and the Invoke wrapper stores it to the stack for the general protocol.
internal sealed partial class FunctionCompiler
{
    /// <summary>The most parameters a direct entry takes (beyond that, passing through the stack is as good).</summary>
    private const int MaxDirectParameters = 4;

    /// <summary>This function's direct entry point, or null when it has none.</summary>
    private MethodBuilder? _directEntry;

    /// <summary>Defines the direct entry when the function qualifies (called from the constructor).</summary>
    private void DefineDirectEntry()
    {
        // Not with vararg (the varargs live on the stack), local access (parameters live in stack slots),
        // or hook checks (hooked code reads its arguments from the stack); a local that is ever assigned
        // can hold other functions, so its calls never know the type.
        if (_body.IsVararg || _ctx.LocalAccess || _ctx.HookChecks) return;
        if (ParameterCount is < 1 or > MaxDirectParameters) return;
        // The entry is LuaFunction's per-arity entry of this arity (Invoke1..Invoke4), overridden: a known
        // callee's site calls it without a virtual call (the type is sealed), any other site with exactly that
        // many arguments through the virtual one. Calls with another count of 1-4 arguments get an adapter
        // that passes nil for the missing parameters and drops the extra arguments (no varargs here).
        _directEntry = DefineArityEntries(FunctionInvokeN, "");
    }

    /// <summary>
    /// Defines the overrides of <paramref name="overridden"/> (LuaFunction's Invoke1..Invoke4, or their main-thread
    /// counterparts) for this function: the one of its arity, which will hold the body and is returned, and
    /// adapters for the other arities that call it.
    /// </summary>
    private MethodBuilder DefineArityEntries(MethodInfo?[] overridden, string suffix)
    {
        var body = DefineArityEntry(ParameterCount, overridden, suffix);
        for (int m = 1; m <= MaxDirectParameters; m++)
        {
            if (m == ParameterCount) continue;
            var adapter = DefineArityEntry(m, overridden, suffix);
            var il = adapter.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldarg_3); // the real count, as the Invoke wrapper passes it (kept for a resumed frame)
            for (int i = 0; i < ParameterCount; i++)
            {
                if (i < m) il.Emit(OpCodes.Ldarg, (short)(4 + i));
                else il.Emit(OpCodes.Ldsfld, ValueNil);
            }
            il.Emit(OpCodes.Call, body);
            il.Emit(OpCodes.Ret);
        }
        return body;
    }

    /// <summary>Defines the override of <paramref name="overridden"/>[<paramref name="arity"/>].</summary>
    private MethodBuilder DefineArityEntry(int arity, MethodInfo?[] overridden, string suffix)
    {
        var parameters = new Type[3 + arity];
        parameters[0] = typeof(LuaThread);
        parameters[1] = typeof(int);
        parameters[2] = typeof(int);
        for (int i = 0; i < arity; i++) parameters[3 + i] = typeof(LuaValue);
        var entry = _type.DefineMethod("Invoke" + arity + suffix,
            MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig,
            typeof(LuaValue), parameters);
        _type.DefineMethodOverride(entry, overridden[arity]!);
        entry.InitLocals = false; // holds the body: see EmitBody
        return entry;
    }

    /// <summary>
    /// With a direct entry: emits Invoke as the wrapper that reads the parameters from the stack and
    /// calls it, and points the IL generator at the direct entry, where the body goes.
    /// </summary>
    private void BeginDirectEntryBody()
    {
        if (_directEntry is null) return;
        _il.Emit(OpCodes.Ldarg_1); // for FinishDirectEntry
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Ldarg_3);
        for (int i = 0; i < ParameterCount; i++)
        {
            _il.Emit(OpCodes.Ldarg_1);
            _il.Emit(OpCodes.Ldarg_2);
            _il.Emit(OpCodes.Ldarg_3);
            _il.Emit(OpCodes.Ldc_I4, i);
            _il.Emit(OpCodes.Call, Arg);
        }
        _il.Emit(OpCodes.Call, _directEntry);
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Call, FinishDirectEntry);
        _il.Emit(OpCodes.Ret);
        _il = _directEntry.GetILGenerator();
    }

    /// <summary>
    /// Returns from the compiled body with the status (a result count or a negative CallStatus) on the IL
    /// stack, the results (if any) already on the value stack: a plain return from Invoke; from a direct
    /// entry, the status goes to the thread and the first result is returned (see the top of this file).
    /// </summary>
    private void EmitReturnStatus()
    {
        if (_directEntry is not null)
        {
            _il.Emit(OpCodes.Stloc, _status);
            LdThread();
            _il.Emit(OpCodes.Ldarg_2);
            _il.Emit(OpCodes.Ldloc, _status);
            _il.Emit(OpCodes.Call, DirectExit);
        }
        _il.Emit(OpCodes.Ret);
    }

    /// <summary><c>return v</c> of one value: from a direct entry without touching the value stack.</summary>
    private void EmitReturnOne(Operand v)
    {
        LdThread();
        if (_directEntry is not null)
        {
            _il.Emit(OpCodes.Call, ReturnDirect1);
            Load(v);
            _il.Emit(OpCodes.Ret);
            return;
        }
        Load(v);
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Call, Return1);
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>Pushes parameter <paramref name="i"/>'s value on entry: an IL argument of the direct entry, else read from the stack.</summary>
    private void LoadParameterOnEntry(int i)
    {
        if (_directEntry is not null)
        {
            _il.Emit(OpCodes.Ldarg, (short)(4 + i));
            return;
        }
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Ldarg_3);
        _il.Emit(OpCodes.Ldc_I4, i);
        _il.Emit(OpCodes.Call, Arg);
    }

    /// <summary>
    /// A call <c>f(a, b)</c> through a known callee with a direct entry and exactly its parameter count (no
    /// trailing multi-value argument): evaluates the arguments into operands and calls the direct entry after
    /// the exact type test; any other value gets the arguments stored to the slots and the general call.
    /// Returns false (emitting nothing) when the call does not qualify.
    /// </summary>
    /// <param name="first">when not null, the call's first result is wanted there: the direct path's single
    /// result goes straight to it and jumps to <paramref name="haveFirst"/>; other outcomes fall through to
    /// the general status handling, after which the caller reads it from the stack</param>
    private bool TryEmitDirectCall(Expr expr, int b, LocalBuilder? first, Label haveFirst)
    {
        var known = KnownCallee(expr);
        if (known is not null)
        {
            var args = ((CallExpr)expr).Arguments;
            if (DirectEntryOf(known) is null || args.Count != known.ParameterCount || IsMultiValued(args[^1])) return false;
        }
        else if (!QualifiesForArityEntry(expr)) return false;

        Operand fn;
        string? description, callName;
        var values = new List<Operand>(MaxDirectParameters);
        List<Expr> arguments;
        if (expr is MethodCallExpr m)
        {
            Operand obj;
            (obj, fn) = EmitMethodLookup(m);
            values.Add(obj);
            description = $"method '{m.Method}'";
            callName = m.Method;
            arguments = m.Arguments;
        }
        else
        {
            var call = (CallExpr)expr;
            description = Describe(call.Function, out callName);
            fn = Eval(call.Function);
            arguments = call.Arguments;
        }
        foreach (var arg in arguments)
        {
            // Nested calls in an argument put their frames above this argument's slot, as EmitArguments does.
            // A non-captured local's operand cannot change while later arguments are evaluated (no Lua
            // expression assigns a local; a captured one is read into a temp).
            _depth = b + values.Count;
            values.Add(Eval(arg));
        }
        int count = values.Count;
        _depth = b + count;
        int site = Site(expr.Line, callName, expr is MethodCallExpr, description);
        EmitInvoke(fn, b, count, null, site, description, directCall: invoked =>
        {
            var general = _il.DefineLabel();
            if (known is not null)
            {
                // The exact (sealed) type: its entry is called without a virtual call.
                var direct = EmitCalleeAs(fn, known._type, general);
                _il.Emit(OpCodes.Ldloc, direct);
                LdThread();
                LdSlotIndex(b);
                _il.Emit(OpCodes.Ldc_I4, count);
                foreach (var v in values) Load(v);
                _il.Emit(OpCodes.Call, DirectEntryOf(known)!);
                EmitEntryResult(b, first, haveFirst, invoked);
            }
            else
            {
                // Any function: a compiled closure that takes its arguments in registers through its per-arity
                // entry; any other function (a host function) with the arguments on the stack, as it wants them.
                var stacked = _il.DefineLabel();
                var function = EmitCalleeAs(fn, typeof(LuaFunction), general);
                _il.Emit(OpCodes.Ldloc, function);
                _il.Emit(OpCodes.Ldfld, FunctionTakesArgumentsInRegisters);
                _il.Emit(OpCodes.Brfalse, stacked);
                _il.Emit(OpCodes.Ldloc, function);
                LdThread();
                LdSlotIndex(b);
                _il.Emit(OpCodes.Ldc_I4, count);
                foreach (var v in values) Load(v);
                _il.Emit(OpCodes.Callvirt, ArityEntry(count));
                EmitEntryResult(b, first, haveFirst, invoked);
                _il.MarkLabel(stacked);
                for (int i = 0; i < count; i++) StoreSlot(b + i, values[i]);
                _il.Emit(OpCodes.Ldloc, function);
                LdThread();
                LdSlotIndex(b);
                _il.Emit(OpCodes.Ldc_I4, count);
                _il.Emit(OpCodes.Callvirt, InvokeEntry);
                _il.Emit(OpCodes.Stloc, _status);
                _il.Emit(OpCodes.Br, invoked);
            }
            // Not a function: the general call path, which resolves __call (or raises the error).
            _il.MarkLabel(general);
            for (int i = 0; i < count; i++) StoreSlot(b + i, values[i]);
        });
        for (int i = values.Count - 1; i >= 0; i--) Release(values[i]);
        Release(fn);
        _depth = b;
        return true;
    }

    /// <summary>
    /// A call that is not to a known callee takes the per-arity entries when it passes 1-4 values, none of them
    /// a trailing multi-value expression (the count must be known here). Not in code compiled with hook checks:
    /// the general path fires the call hook for host functions.
    /// </summary>
    private bool QualifiesForArityEntry(Expr expr)
    {
        if (_ctx.HookChecks) return false;
        var (args, self) = expr switch
        {
            MethodCallExpr m => (m.Arguments, 1),
            CallExpr c => (c.Arguments, 0),
            _ => (null, 0),
        };
        if (args is null) return false;
        int count = args.Count + self;
        if (count is < 1 or > MaxDirectParameters) return false;
        return args.Count == 0 || !IsMultiValued(args[^1]);
    }

    /// <summary>
    /// After a per-arity entry returned (its value on the IL stack): status 1 means the value is the single
    /// result, which goes to <paramref name="first"/> (jumping to <paramref name="haveFirst"/>) or to the stack
    /// slot; any other status continues at <paramref name="invoked"/> as after Invoke.
    /// </summary>
    private void EmitEntryResult(int b, LocalBuilder? first, Label haveFirst, Label invoked)
    {
        // The returned value, until it is known to be the single result.
        var returned = first ?? _il.DeclareLocal(typeof(LuaValue));
        _il.Emit(OpCodes.Stloc, returned);
        LdThread();
        _il.Emit(OpCodes.Ldfld, ThreadDirectStatus);
        _il.Emit(OpCodes.Stloc, _status);
        _il.Emit(OpCodes.Ldloc, _status);
        _il.Emit(OpCodes.Ldc_I4_1);
        _il.Emit(OpCodes.Bne_Un, invoked);
        if (first is not null)
        {
            _il.Emit(OpCodes.Br, haveFirst);
            return;
        }
        // Wanted on the stack (a multi-value context, or discarded): put it there as Invoke would, and clear the
        // local, which must not keep the value reachable (weak tables, __gc).
        LdThread();
        _il.Emit(OpCodes.Ldfld, ThreadStack);
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldloc, returned);
        _il.Emit(OpCodes.Stelem, typeof(LuaValue));
        _il.Emit(OpCodes.Ldloca, returned);
        _il.Emit(OpCodes.Initobj, typeof(LuaValue));
        _il.Emit(OpCodes.Br, invoked);
    }

    /// <summary>The compiler of a call's known callee (see <see cref="KnownCalleeType"/>), or null.</summary>
    private FunctionCompiler? KnownCallee(Expr expr) =>
        expr is CallExpr { Function: NameExpr { Symbol: { DeclaredFunction: { } body, IsAssigned: false } } }
        && _ctx.Compilers.TryGetValue(body, out var callee) ? callee : null;
}
