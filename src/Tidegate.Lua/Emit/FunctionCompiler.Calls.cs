using System.Reflection.Emit;
using Tidegate.Lua.Runtime;
using Tidegate.Lua.Syntax;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// Calls: arguments to frame slots, one virtual Invoke, one status check, and a resume point per site.
internal sealed partial class FunctionCompiler
{
    /// <summary>
    /// Evaluates a call expression with its arguments at slot <paramref name="b"/>; afterwards the results
    /// are at slot b and their count is in <see cref="_status"/>.
    /// </summary>
    /// <param name="first">when not null, also receives the first result (nil if none): a direct call's single
    /// result is put there without a round trip through the value stack</param>
    private void EmitCallTo(Expr expr, int b, LocalBuilder? first = null)
    {
        _depth = b;
        EmitLineHook(expr.Line, false); // a call on a later line of a multi-line statement is a new line
        var haveFirst = _il.DefineLabel();
        if (!TryEmitDirectCall(expr, b, first, haveFirst))
        {
            var (fn, description, callName, fixedArgs, multi) = EmitCalleeAndArguments(expr, b);
            EmitInvoke(fn, b, fixedArgs, multi, Site(expr.Line, callName, expr is MethodCallExpr, description), description,
                knownCallee: KnownCalleeType(expr));
            Release(fn);
            if (multi is not null) FreeIntTemp(multi);
            _depth = b;
        }
        if (first is null) return;
        LdThread();
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldloc, _status);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Call, Result);
        _il.Emit(OpCodes.Stloc, first);
        _il.MarkLabel(haveFirst);
    }

    /// <summary>Evaluates arguments into slots from <paramref name="at"/>; a trailing call or ... expands.</summary>
    private (int Fixed, LocalBuilder? Multi) EmitArguments(List<Expr> args, int at)
    {
        for (int i = 0; i < args.Count; i++)
        {
            _depth = at + i;
            if (i == args.Count - 1 && IsMultiValued(args[i]))
            {
                var count = EmitMultiTo(args[i], at + i);
                _depth = at + i;
                return (i, count);
            }
            var v = Eval(args[i]);
            StoreSlot(at + i, v);
            Release(v);
        }
        _depth = at + args.Count;
        return (args.Count, null);
    }

    /// <summary>Evaluates a call or ... with all its values at slot <paramref name="slot"/>; returns an int temp with their count.</summary>
    private LocalBuilder EmitMultiTo(Expr e, int slot)
    {
        var count = NewIntTemp();
        if (e is VarargExpr)
        {
            LdThread();
            _il.Emit(OpCodes.Ldarg_2);
            _il.Emit(OpCodes.Ldc_I4, ParameterCount);
            _il.Emit(OpCodes.Ldloc, _varargCount);
            LdSlotIndex(slot);
            _il.Emit(OpCodes.Call, CopyVarargs);
        }
        else
        {
            EmitCallTo(e, slot);
            _il.Emit(OpCodes.Ldloc, _status);
        }
        _il.Emit(OpCodes.Stloc, count);
        return count;
    }

    /// <summary>
    /// Loads the callee <paramref name="fn"/> as <paramref name="type"/> into a new IL local and returns it, or
    /// jumps to <paramref name="otherwise"/> when the value is not of that type. The local is never live across
    /// a yield, so it is not a saved local.
    /// </summary>
    private LocalBuilder EmitCalleeAs(Operand fn, Type type, Label otherwise)
    {
        var callee = _il.DeclareLocal(type);
        Load(fn);
        _il.Emit(OpCodes.Call, RefOf);
        _il.Emit(OpCodes.Isinst, type);
        _il.Emit(OpCodes.Stloc, callee);
        _il.Emit(OpCodes.Ldloc, callee);
        _il.Emit(OpCodes.Brfalse, otherwise);
        return callee;
    }

    /// <summary>
    /// The call itself: callee in <paramref name="fn"/>, arguments at slot <paramref name="b"/>.
    /// Leaves the result count in <see cref="_status"/>. If the callee yields, the frame is saved and the
    /// method returns Yield; the resume point re-enters here, at the status check.
    /// </summary>
    private void EmitInvoke(Operand fn, int b, int fixedArgs, LocalBuilder? multi, int site, string? description,
        LocalBuilder? hostTailCallerSite = null, Type? knownCallee = null, Action<Label>? directCall = null)
    {
        var argc = NewIntTemp();
        void StoreArgumentCount()
        {
            _il.Emit(OpCodes.Ldc_I4, fixedArgs);
            if (multi is not null)
            {
                _il.Emit(OpCodes.Ldloc, multi);
                _il.Emit(OpCodes.Add);
            }
            _il.Emit(OpCodes.Stloc, argc);
        }
        // A direct call passes its count as a constant: only its general case needs the local (whose address
        // CallableSlow takes, so the JIT keeps it in memory: a store per call saved).
        if (directCall is null) StoreArgumentCount();
        if (b + fixedArgs + 1 > _maxDepth) _maxDepth = b + fixedArgs + 1;

        // After a host tail call the record is popped and the current site is the caller's (see BeginHostTailCall).
        if (hostTailCallerSite is null)
        {
            LdThread();
            _il.Emit(OpCodes.Ldc_I4, site);
            _il.Emit(OpCodes.Stfld, ThreadCurrentSite);
        }

        var invoked = _il.DefineLabel();
        // A direct call (FunctionCompiler.DirectCalls.cs) emits its own exact-type test and call, jumping to
        // `invoked`; its general case falls through to the call below.
        if (directCall is not null)
        {
            directCall(invoked);
            StoreArgumentCount();
        }
        else if (knownCallee is not null)
        {
            // The variable should hold a closure of one known (sealed) compiled type: test for exactly that
            // type (one method-table compare, where `is LuaFunction` on the abstract base is a cast-helper
            // call) and call it directly (the JIT devirtualizes a call on a sealed type). A Lua closure needs
            // no host call hook; anything else takes the general path below.
            var general = _il.DefineLabel();
            var direct = EmitCalleeAs(fn, knownCallee, general);
            _il.Emit(OpCodes.Ldloc, direct);
            LdThread();
            LdSlotIndex(b);
            _il.Emit(OpCodes.Ldloc, argc);
            _il.Emit(OpCodes.Callvirt, InvokeEntry);
            _il.Emit(OpCodes.Stloc, _status);
            _il.Emit(OpCodes.Br, invoked);
            _il.MarkLabel(general);
        }
        LdThread();
        Load(fn);
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldloca, argc);
        _il.Emit(OpCodes.Ldc_I4, site);
        LdName(description);
        _il.Emit(OpCodes.Call, Callable);
        EmitHostCallHook(b, argc);
        LdThread();
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldloc, argc);
        _il.Emit(OpCodes.Callvirt, InvokeEntry);
        _il.Emit(OpCodes.Stloc, _status);
        _il.MarkLabel(invoked);

        var check = _il.DefineLabel();
        var done = _il.DefineLabel();
        _il.MarkLabel(check);
        _il.Emit(OpCodes.Ldloc, _status);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Bge, done);
        LdThread();
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldloc, _status);
        _il.Emit(OpCodes.Call, FinishCall);
        _il.Emit(OpCodes.Stloc, _status);
        if (_isMainThreadBody)
        {
            // Nothing on this thread can yield: the pending tail calls ended in a result count.
            _il.MarkLabel(done);
            FreeIntTemp(argc);
            return;
        }
        _il.Emit(OpCodes.Ldloc, _status);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Bge, done);
        // A yield is under way: save this frame and pass the Yield on.
        if (hostTailCallerSite is not null)
        {
            LdThread();
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldloc, hostTailCallerSite);
            _il.Emit(OpCodes.Call, EndHostTailCall);
        }
        _il.Emit(OpCodes.Ldc_I4, _resumePoints.Count);
        _il.Emit(OpCodes.Stloc, _resumePoint);
        _il.Emit(OpCodes.Br, _saveLabel);
        _resumeSites.Add(site);
        _resumePoints.Add((_il.DefineLabel(), () =>
        {
            if (hostTailCallerSite is not null)
            {
                LdThread();
                _il.Emit(OpCodes.Call, PopFrame);
                LdThread();
                _il.Emit(OpCodes.Ldloc, hostTailCallerSite);
            }
            else
            {
                LdThread();
                _il.Emit(OpCodes.Ldc_I4, site);
            }
            _il.Emit(OpCodes.Stfld, ThreadCurrentSite);
            LdThread();
            _il.Emit(OpCodes.Call, ThreadResumeSuspended);
            _il.Emit(OpCodes.Stloc, _status);
            _il.Emit(OpCodes.Br, check);
        }));
        _il.MarkLabel(done);
        FreeIntTemp(argc);
    }

    /// <summary>
    /// The compiled closure type a call's callee must have when it is a local (or upvalue) that a
    /// <c>local function</c> declaration gave its only value (see LocalSymbol.DeclaredFunction); null otherwise.
    /// </summary>
    private Type? KnownCalleeType(Expr expr) =>
        expr is CallExpr { Function: NameExpr { Symbol: { DeclaredFunction: { } body, IsAssigned: false } } }
        && _ctx.Compilers.TryGetValue(body, out var callee) ? callee._type : null;

    /// <summary>
    /// Evaluates a call's function (for <c>o:m()</c>, looks up the method and puts <c>o</c> in slot b) and
    /// its arguments into the slots from b; shared by ordinary calls and tail calls.
    /// </summary>
    private (Operand Fn, string? Description, string? CallName, int FixedArgs, LocalBuilder? Multi) EmitCalleeAndArguments(Expr expr, int b)
    {
        Operand fn;
        string? description, callName;
        int fixedArgs;
        LocalBuilder? multi;
        if (expr is MethodCallExpr m)
        {
            Operand obj;
            (obj, fn) = EmitMethodLookup(m);
            description = $"method '{m.Method}'";
            callName = m.Method;
            StoreSlot(b, obj);
            Release(obj);
            _depth = b + 1;
            (fixedArgs, multi) = EmitArguments(m.Arguments, b + 1);
            fixedArgs++;
        }
        else
        {
            var call = (CallExpr)expr;
            description = Describe(call.Function, out callName);
            fn = Eval(call.Function);
            (fixedArgs, multi) = EmitArguments(call.Arguments, b);
        }
        return (fn, description, callName, fixedArgs, multi);
    }

    /// <summary>
    /// <c>o:m(...)</c>'s object (in a temp of its own) and method, looked up on it; a yield from an __index
    /// metamethod is handled here.
    /// </summary>
    private (Operand Obj, Operand Method) EmitMethodLookup(MethodCallExpr m)
    {
        var obj = Snapshot(Eval(m.Object));
        if (obj.IsConstant) { Load(obj); obj = StoreTemp(); }
        LdThread();
        Load(obj);
        LdConst(StringConstant(m.Method));
        LdConstAddress(NewSiteHint());
        LdConstAddress(NewSiteHint()); // the class table's hint (inherited lookups)
        _il.Emit(OpCodes.Ldc_I4, Site(m.Line));
        LdTop();
        LdName(obj.Name);
        _il.Emit(OpCodes.Call, IndexMethod);
        var fn = StoreTemp();
        EmitMetaYieldCheck(fn.Local, false, Site(m.Line));
        return (obj, fn);
    }

    /// <summary>return f(args): a proper tail call, so a chain of them runs in constant .NET stack.</summary>
    private void EmitTailCall(Expr expr)
    {
        int b = _depth;
        var known = KnownCalleeType(expr);
        bool selfCandidate = ReferenceEquals(known, _type) && !_body.IsVararg && !_ctx.HookChecks && !LocalAccess;
        // `return f(a, g(x))` to this very closure with one argument per parameter: the parameters take only
        // g's first result, so it comes back in a register (see EmitCallTo) and the call stays a jump.
        LocalBuilder? lastFirst = null;
        // With one argument per parameter, the fixed arguments stay in operands (IL locals) until the callee is
        // known: the jump to the body takes them from there, and only the other callees get them stored to the
        // slots. Through the slots, each was a store with a GC write barrier and a load back per iteration.
        List<Operand>? selfValues = null;
        Operand fn;
        string? description, callName;
        int fixedArgs;
        LocalBuilder? multi = null;
        if (selfCandidate && ParameterCount > 0 && expr is CallExpr selfCall && selfCall.Arguments.Count == ParameterCount)
        {
            var args = selfCall.Arguments;
            description = Describe(selfCall.Function, out callName);
            fn = Eval(selfCall.Function);
            bool trailingCall = args[^1] is CallExpr or MethodCallExpr;
            fixedArgs = trailingCall ? args.Count - 1 : args.Count;
            selfValues = new List<Operand>(fixedArgs);
            for (int i = 0; i < fixedArgs; i++)
            {
                // As in TryEmitDirectCall: nested calls put their frames above this argument's slot, and a
                // non-captured local's operand cannot change while later arguments are evaluated.
                _depth = b + i;
                selfValues.Add(Eval(args[i]));
            }
            int last = b + fixedArgs;
            _depth = last;
            if (trailingCall)
            {
                lastFirst = NewValueTemp();
                EmitCallTo(args[^1], last, lastFirst);
                multi = NewIntTemp();
                _il.Emit(OpCodes.Ldloc, _status);
                _il.Emit(OpCodes.Stloc, multi);
                _depth = last;
            }
        }
        else (fn, description, callName, fixedArgs, multi) = EmitCalleeAndArguments(expr, b);
        if (b + fixedArgs + 1 > _maxDepth) _maxDepth = b + fixedArgs + 1;
        int site = Site(expr.Line, callName, expr is MethodCallExpr, description);
        if (known is not null)
        {
            var general = _il.DefineLabel();
            if (selfCandidate && (multi is null || lastFirst is not null))
            {
                // return f(...) where f is this very closure: the tail call replaces this frame by itself, so it
                // is a jump back to the body with the new arguments as parameters (the record, its caller site
                // and the frame's base stay; the entry's budget count is charged as a loop's back-edge is).
                var notSelf = _il.DefineLabel();
                Load(fn);
                _il.Emit(OpCodes.Call, RefOf);
                _il.Emit(OpCodes.Ldarg_0);
                _il.Emit(OpCodes.Bne_Un, notSelf);
                _selfTailCallCount++; // see FunctionCompiler.Tiering.cs
                EmitBackEdge(expr.Line);
                var parameters = _body.ParameterSymbols!;
                if (selfValues is not null)
                {
                    // All values first (an operand can be a parameter: `return f(k, m)`), then the parameters.
                    foreach (var v in selfValues) Load(v);
                    if (lastFirst is not null) _il.Emit(OpCodes.Ldloc, lastFirst);
                    foreach (var v in selfValues)
                        if (v.ClearOnRelease) ClearLocal(v.Local!); // must not keep the value reachable (weak tables)
                    for (int i = parameters.Count - 1; i >= 0; i--)
                        StoreNewVariable(parameters[i]); // a captured parameter gets a fresh cell, as a new call's would
                }
                else
                {
                    for (int i = 0; i < parameters.Count; i++)
                    {
                        if (i < fixedArgs) LoadSlot(b + i);
                        else if (lastFirst is not null) _il.Emit(OpCodes.Ldloc, lastFirst);
                        else _il.Emit(OpCodes.Ldsfld, ValueNil);
                        StoreNewVariable(parameters[i]); // a captured parameter gets a fresh cell, as a new call's would
                    }
                }
                _il.Emit(OpCodes.Br, _bodyStart);
                _il.MarkLabel(notSelf);
            }
            if (selfValues is not null)
                for (int i = 0; i < fixedArgs; i++) StoreSlot(b + i, selfValues[i]);
            if (lastFirst is not null)
            {
                // Any other callee takes all of the trailing call's results from the stack, where a single
                // result returned in a register is not yet.
                var onStack = _il.DefineLabel();
                _il.Emit(OpCodes.Ldloc, multi!);
                _il.Emit(OpCodes.Ldc_I4_1);
                _il.Emit(OpCodes.Bne_Un, onStack);
                LdThread();
                _il.Emit(OpCodes.Ldfld, ThreadStack);
                LdSlotIndex(b + fixedArgs);
                _il.Emit(OpCodes.Ldloc, lastFirst);
                _il.Emit(OpCodes.Stelem, typeof(LuaValue));
                _il.MarkLabel(onStack);
                ClearLocal(lastFirst);
            }
            // A closure of the known (sealed, Lua) type: no host-function test and no callable resolution.
            var direct = EmitCalleeAs(fn, known, general);
            LdThread();
            _il.Emit(OpCodes.Ldloc, direct);
            LdSlotIndex(b);
            _il.Emit(OpCodes.Ldc_I4, fixedArgs);
            if (multi is not null)
            {
                _il.Emit(OpCodes.Ldloc, multi);
                _il.Emit(OpCodes.Add);
            }
            _il.Emit(OpCodes.Ldarg_2);
            _il.Emit(OpCodes.Call, TailCallKnown);
            EmitReturnStatus();
            _il.MarkLabel(general);
        }
        // Only a Lua callee replaces this frame. A host function is called normally and its results
        // returned, so it still sees this frame (getfenv(1), error levels) and can yield from here.
        var hostCallee = _il.DefineLabel();
        LdThread();
        Load(fn);
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldc_I4, fixedArgs);
        if (multi is not null)
        {
            _il.Emit(OpCodes.Ldloc, multi);
            _il.Emit(OpCodes.Add);
        }
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Ldc_I4, site);
        LdName(description);
        _il.Emit(OpCodes.Call, TryTailCall);
        _il.Emit(OpCodes.Brfalse, hostCallee);
        _il.Emit(OpCodes.Ldc_I4, CallStatus.TailCall);
        EmitReturnStatus();
        _il.MarkLabel(hostCallee);
        var callerSite = NewIntTemp();
        LdThread();
        _il.Emit(OpCodes.Call, BeginHostTailCall);
        _il.Emit(OpCodes.Stloc, callerSite);
        EmitInvoke(fn, b, fixedArgs, multi, site, description, callerSite);
        LdThread();
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldloc, _status);
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Call, ReturnPopped);
        EmitReturnStatus();
        FreeIntTemp(callerSite);
        if (multi is not null) FreeIntTemp(multi);
        if (lastFirst is not null) _freeValueTemps.Push(lastFirst);
        if (selfValues is not null)
            for (int i = selfValues.Count - 1; i >= 0; i--) Release(selfValues[i]);
        Release(fn);
        _depth = b;
    }
}
