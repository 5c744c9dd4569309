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
        if (_info.DeclaringSymbol is not { IsAssigned: false }) return;
        var parameters = new Type[3 + ParameterCount];
        parameters[0] = typeof(LuaThread);
        parameters[1] = typeof(int);
        parameters[2] = typeof(int);
        for (int i = 0; i < ParameterCount; i++) parameters[3 + i] = typeof(LuaValue);
        _directEntry = _type.DefineMethod("InvokeDirect", MethodAttributes.Public | MethodAttributes.HideBySig, typeof(LuaValue), parameters);
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
        if (expr is not CallExpr call || KnownCallee(expr) is not { _directEntry: { } entry } callee) return false;
        var args = call.Arguments;
        if (args.Count != callee.ParameterCount || IsMultiValued(args[^1])) return false;

        string? description = Describe(call.Function, out string? callName);
        var fn = Eval(call.Function);
        var values = new Operand[args.Count];
        for (int i = 0; i < args.Count; i++)
        {
            // Nested calls in an argument put their frames above this argument's slot, as EmitArguments does.
            // A non-captured local's operand cannot change while later arguments are evaluated (no Lua
            // expression assigns a local; a captured one is read into a temp).
            _depth = b + i;
            values[i] = Eval(args[i]);
        }
        _depth = b + args.Count;
        int site = Site(expr.Line, callName, false, description);
        EmitInvoke(fn, b, args.Count, null, site, description, directCall: invoked =>
        {
            var direct = _il.DeclareLocal(callee._type); // never live across a yield: not a saved local
            var general = _il.DefineLabel();
            Load(fn);
            _il.Emit(OpCodes.Call, RefOf);
            _il.Emit(OpCodes.Isinst, callee._type);
            _il.Emit(OpCodes.Stloc, direct);
            _il.Emit(OpCodes.Ldloc, direct);
            _il.Emit(OpCodes.Brfalse, general);
            _il.Emit(OpCodes.Ldloc, direct);
            LdThread();
            LdSlotIndex(b);
            _il.Emit(OpCodes.Ldc_I4, args.Count);
            foreach (var v in values) Load(v);
            _il.Emit(OpCodes.Call, entry);
            // The returned value, until it is known to be the single result.
            var returned = first ?? _il.DeclareLocal(typeof(LuaValue));
            _il.Emit(OpCodes.Stloc, returned);
            LdThread();
            _il.Emit(OpCodes.Ldfld, ThreadDirectStatus);
            _il.Emit(OpCodes.Stloc, _status);
            _il.Emit(OpCodes.Ldloc, _status);
            _il.Emit(OpCodes.Ldc_I4_1);
            _il.Emit(OpCodes.Bne_Un, invoked);
            if (first is not null) _il.Emit(OpCodes.Br, haveFirst);
            else
            {
                // Wanted on the stack (a multi-value context, or discarded): put it there as Invoke would, and
                // clear the local, which must not keep the value reachable (weak tables, __gc).
                LdThread();
                _il.Emit(OpCodes.Ldfld, ThreadStack);
                LdSlotIndex(b);
                _il.Emit(OpCodes.Ldloc, returned);
                _il.Emit(OpCodes.Stelem, typeof(LuaValue));
                _il.Emit(OpCodes.Ldloca, returned);
                _il.Emit(OpCodes.Initobj, typeof(LuaValue));
                _il.Emit(OpCodes.Br, invoked);
            }
            _il.MarkLabel(general);
            for (int i = 0; i < values.Length; i++) StoreSlot(b + i, values[i]);
        });
        for (int i = values.Length - 1; i >= 0; i--) Release(values[i]);
        Release(fn);
        _depth = b;
        return true;
    }

    /// <summary>The compiler of a call's known callee (see <see cref="KnownCalleeType"/>), or null.</summary>
    private FunctionCompiler? KnownCallee(Expr expr) =>
        expr is CallExpr { Function: NameExpr { Symbol: { DeclaredFunction: { } body, IsAssigned: false } } }
        && _ctx.Compilers.TryGetValue(body, out var callee) ? callee : null;
}
