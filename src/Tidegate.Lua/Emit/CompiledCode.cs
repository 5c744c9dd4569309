using System.ComponentModel;
using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Emit;

/// <summary>
/// The run-time helpers compiled Lua code calls. Public only because IL in the dynamic assemblies calls
/// them. The small ones inline into compiled code (these are normal methods in a normal assembly, so the
/// JIT inlines them): their fast paths handle plain numbers and plain tables, and their slow paths record
/// the site (<paramref name="site"/>, for the error position) and the frame's top (so metamethods called
/// by LuaOps put their arguments above the frame's live slots) before calling <see cref="LuaOps"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CompiledCode
{
    // ---------------- frames ----------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Arg(LuaThread t, int argBase, int argCount, int i) =>
        i < argCount ? t.Stack[argBase + i] : default;

    /// <summary>A loop back-edge: one decrement of the run-time budget (function entries count too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackEdge(LuaThread t, int site)
    {
        var s = t.State;
        if (--s.BudgetRemaining < 0)
        {
            t.CurrentSite = site;
            s.BudgetExhausted(t);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void BackEdgeExhausted(LuaThread t, int site)
    {
        t.CurrentSite = site;
        t.State.BudgetExhausted(t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetSlot(LuaThread t, int index, LuaValue v) => t.Stack[index] = v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue GetSlot(LuaThread t, int index) => t.Stack[index];

    /// <summary>The i-th of <paramref name="count"/> results at <paramref name="at"/>, nil past the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Result(LuaThread t, int at, int count, int i) => i < count ? t.Stack[at + i] : default;

    /// <summary>Copies <paramref name="count"/> values down to the frame's base for a return.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Return(LuaThread t, int from, int count, int argBase)
    {
        if (from != argBase) Array.Copy(t.Stack, from, t.Stack, argBase, count);
        t.FrameCount--;
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Return1(LuaThread t, LuaValue v, int argBase)
    {
        t.Stack[argBase] = v;
        t.FrameCount--;
        return 1;
    }

    /// <summary>
    /// <c>return v</c> from a direct entry (see FunctionCompiler.DirectCalls.cs): pops the record and sets the
    /// status to one result; the entry returns <c>v</c> itself, so the value stack's slot is not written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ReturnDirect1(LuaThread t)
    {
        t.FrameCount--;
        t.DirectStatus = 1;
    }

    /// <summary>
    /// Any other exit of a direct entry (results already on the stack, a tail call or a yield under way): sets
    /// the status and returns the first result from the stack (nil without one), which the entry returns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue DirectExit(LuaThread t, int argBase, int status)
    {
        t.DirectStatus = status;
        return status > 0 ? t.Stack[argBase] : default;
    }

    /// <summary>
    /// The Invoke wrapper of a function with a direct entry: the general protocol wants every result on the
    /// stack, and a single one came back only as the entry's value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FinishDirectEntry(LuaThread t, LuaValue first, int argBase)
    {
        int status = t.DirectStatus;
        if (status == 1) t.Stack[argBase] = first;
        return status;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Return0(LuaThread t)
    {
        t.FrameCount--;
        return 0;
    }

    // ---------------- varargs ----------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue FirstVararg(LuaThread t, int argBase, int paramCount, int varargCount) =>
        varargCount > 0 ? t.Stack[argBase + paramCount] : default;

    /// <summary>Copies the varargs to <paramref name="dest"/>; returns their count.</summary>
    public static int CopyVarargs(LuaThread t, int argBase, int paramCount, int varargCount, int dest)
    {
        if (varargCount > 0)
        {
            t.EnsureStack(dest + varargCount + 1);
            Array.Copy(t.Stack, argBase + paramCount, t.Stack, dest, varargCount);
        }
        return varargCount;
    }

    // ---------------- calls ----------------

    /// <summary>The function to call for <paramref name="f"/>: itself, or its __call handler (arguments shift up one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaFunction Callable(LuaThread t, LuaValue f, int argBase, ref int argCount, int site, string? name)
    {
        if (f.Ref is LuaFunction fn) return fn;
        return CallableSlow(t, f, argBase, ref argCount, site, name);
    }

    /// <summary>The value's reference part (a call site's exact-type test for a known callee reads it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static object? RefOf(LuaValue v) => v.Ref;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static LuaFunction CallableSlow(LuaThread t, LuaValue f, int argBase, ref int argCount, int site, string? name)
    {
        t.CurrentSite = site;
        return t.ResolveCallable(f, ref argBase, ref argCount, name);
    }

    /// <summary>After a call returned a negative status: runs pending tail calls; returns a count or Yield.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int FinishCall(LuaThread t, int argBase, int status) => t.FinishTailCalls(argBase, status);

    /// <summary>
    /// <c>return hostFunction(...)</c>: as in LuaJIT, the host function replaces the caller's frame, so its
    /// messages and error levels see the caller's caller. Pops the record; returns its caller site.
    /// </summary>
    public static int BeginHostTailCall(LuaThread t)
    {
        int site = t.Frames[t.FrameCount - 1].CallerSite;
        t.FrameCount--;
        t.CurrentSite = site;
        return site;
    }

    /// <summary>Puts the popped record back (before the frame saves itself for a yield).</summary>
    public static void EndHostTailCall(LuaThread t, LuaFunction self, int callerSite)
    {
        ref var r = ref t.Frames[t.FrameCount];
        r.Function = self;
        r.CallerSite = callerSite;
        t.FrameCount++;
    }

    public static void PopFrame(LuaThread t) => t.FrameCount--;

    /// <summary>A function with local-variable access: where its local slots start, and its vararg count.</summary>
    public static void SetFrameSlots(LuaThread t, int slotBase, int varargCount)
    {
        ref var r = ref t.Frames[t.FrameCount - 1];
        r.SlotBase = slotBase;
        r.VarargCount = varargCount;
    }

    /// <summary>Returns results whose frame record is already gone (after a host tail call).</summary>
    public static int ReturnPopped(LuaThread t, int from, int count, int argBase)
    {
        if (from != argBase) Array.Copy(t.Stack, from, t.Stack, argBase, count);
        return count;
    }

    /// <summary>
    /// <c>return f(...)</c> where f is not known at compile time: for a Lua closure (or a __call handler), a proper
    /// tail call that moves the callee's arguments to the frame's base, leaves the callee in PendingTailCall and pops
    /// the frame (the caller's caller runs it); the answer is true. A host function is left alone (false: the caller
    /// calls it normally, see BeginHostTailCall). One type test for the common Lua callee, where testing "host
    /// function?" first and then "function?" took three cast-helper calls (LuaFunction and LuaClosure are not sealed).
    /// </summary>
    public static bool TryTailCall(LuaThread t, LuaValue f, int from, int argCount, int argBase, int site, string? name)
    {
        LuaFunction fn;
        if (f.Ref is LuaClosure closure) fn = closure;
        else if (f.Ref is LuaFunction) return false;
        else
        {
            t.CurrentSite = site;
            fn = t.ResolveCallable(f, ref from, ref argCount, name);
        }
        if (from != argBase) Array.Copy(t.Stack, from, t.Stack, argBase, argCount);
        t.PendingTailCall = fn;
        t.PendingTailCallArgCount = argCount;
        t.FrameCount--;
        return true;
    }

    /// <summary>A proper tail call to a callee already known to be a Lua function (see <see cref="TryTailCall"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TailCallKnown(LuaThread t, LuaFunction fn, int from, int argCount, int argBase)
    {
        if (from != argBase) Array.Copy(t.Stack, from, t.Stack, argBase, argCount);
        t.PendingTailCall = fn;
        t.PendingTailCallArgCount = argCount;
        t.FrameCount--;
        return CallStatus.TailCall;
    }

    // ---------------- coroutines ----------------

    /// <summary>Takes the frame state a resume is restoring (compiled code checks RestoringFrame first).</summary>
    public static CompiledFrameState TakeRestoringFrame(LuaThread t)
    {
        var f = (CompiledFrameState)t.RestoringFrame!;
        t.RestoringFrame = null;
        return f;
    }

    /// <summary>Saves a yielding frame and pops its record; compiled code then returns Yield.</summary>
    public static int SaveFrame(LuaThread t, CompiledFrameState frame)
    {
        t.SuspendedFrames.Add(frame);
        t.FrameCount--;
        return CallStatus.Yield;
    }

    public static LuaValue Box(int i) => LuaValue.FromNumber(i);
    public static LuaValue Box(double d) => LuaValue.FromNumber(d);
    public static LuaValue Box(object? o) => LuaValue.FromObject(o);
    public static int UnboxInt(LuaValue v) => (int)v.Number;
    public static double UnboxDouble(LuaValue v) => v.Number;
    public static UpvalueCell? UnboxCell(LuaValue v) => (UpvalueCell?)v.Ref;

    // ---------------- metamethods that yield ----------------

    /// <summary>Before a slow path calls LuaOps: record the site and top, and let its metamethod call yield.</summary>
    private static void Prepare(LuaThread t, int site, int top)
    {
        t.CurrentSite = site;
        t.Top = top;
        t.AllowYieldInNextCall = true;
    }

    /// <summary>A metamethod yielded: leave the frame that will finish the operation, and flag the compiled caller.</summary>
    private static LuaValue Yielded(LuaThread t, MetaCallYield y, MetaResultKind kind)
    {
        t.SuspendedFrames.Add(new MetaResultFrame(kind, y.ArgBase));
        t.MetaYieldPending = true;
        return default;
    }

    /// <summary>Compiled code's yield path after a metamethod yielded: clears the flag before the frame saves itself.</summary>
    public static void ClearMetaYield(LuaThread t) => t.MetaYieldPending = false;

    // ---------------- arithmetic ----------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Add(LuaThread t, LuaValue a, LuaValue b, int site, int top, string? na, string? nb) =>
        a.IsNumber && b.IsNumber ? LuaValue.FromNumber(a.Number + b.Number) : ArithSlow(t, ArithOp.Add, a, b, site, top, na, nb);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Sub(LuaThread t, LuaValue a, LuaValue b, int site, int top, string? na, string? nb) =>
        a.IsNumber && b.IsNumber ? LuaValue.FromNumber(a.Number - b.Number) : ArithSlow(t, ArithOp.Sub, a, b, site, top, na, nb);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Mul(LuaThread t, LuaValue a, LuaValue b, int site, int top, string? na, string? nb) =>
        a.IsNumber && b.IsNumber ? LuaValue.FromNumber(a.Number * b.Number) : ArithSlow(t, ArithOp.Mul, a, b, site, top, na, nb);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Div(LuaThread t, LuaValue a, LuaValue b, int site, int top, string? na, string? nb) =>
        a.IsNumber && b.IsNumber ? LuaValue.FromNumber(a.Number / b.Number) : ArithSlow(t, ArithOp.Div, a, b, site, top, na, nb);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Mod(LuaThread t, LuaValue a, LuaValue b, int site, int top, string? na, string? nb) =>
        a.IsNumber && b.IsNumber ? LuaValue.FromNumber(LuaOps.Modulo(a.Number, b.Number)) : ArithSlow(t, ArithOp.Mod, a, b, site, top, na, nb);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Pow(LuaThread t, LuaValue a, LuaValue b, int site, int top, string? na, string? nb) =>
        a.IsNumber && b.IsNumber ? LuaValue.FromNumber(Math.Pow(a.Number, b.Number)) : ArithSlow(t, ArithOp.Pow, a, b, site, top, na, nb);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static LuaValue ArithSlow(LuaThread t, ArithOp op, LuaValue a, LuaValue b, int site, int top, string? na, string? nb)
    {
        Prepare(t, site, top);
        try { return LuaOps.Arith(t, op, a, b, na, nb); }
        catch (MetaCallYield y) { return Yielded(t, y, MetaResultKind.Value); }
        finally { t.AllowYieldInNextCall = false; }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Negate(LuaThread t, LuaValue a, int site, int top, string? name) =>
        a.IsNumber ? LuaValue.FromNumber(-a.Number) : NegateSlow(t, a, site, top, name);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static LuaValue NegateSlow(LuaThread t, LuaValue a, int site, int top, string? name)
    {
        Prepare(t, site, top);
        try { return LuaOps.Negate(t, a, name); }
        catch (MetaCallYield y) { return Yielded(t, y, MetaResultKind.Value); }
        finally { t.AllowYieldInNextCall = false; }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Length(LuaThread t, LuaValue a, int site, int top, string? name)
    {
        if (a.Ref is LuaString s) return LuaValue.FromNumber(s.Length);
        return LengthSlow(t, a, site, top, name);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static LuaValue LengthSlow(LuaThread t, LuaValue a, int site, int top, string? name)
    {
        Prepare(t, site, top);
        try { return LuaOps.Length(t, a, name); }
        catch (MetaCallYield y) { return Yielded(t, y, MetaResultKind.Value); }
        finally { t.AllowYieldInNextCall = false; }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNumber(LuaValue a) => a.IsNumber;

    /// <summary><c>x == nil</c> (either side): a nil test, except that a cdata goes through the FFI's
    /// equality — a NULL pointer equals nil, and a metatype's __eq is called as (cdata, nil), as LuaJIT
    /// calls it. (A yield inside that __eq is refused as across a C call.)</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EqNil(LuaThread t, LuaValue a, int site, int top) => a.Ref is null || (a.Ref is Ffi.CData && CDataEqNil(t, a, site, top));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool CDataEqNil(LuaThread t, LuaValue a, int site, int top)
    {
        t.CurrentSite = site;
        t.Top = top;
        return LuaOps.Equal(t, a, LuaValue.Nil);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Not(LuaValue a) => a.IsFalsy ? LuaValue.True : LuaValue.False;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsTruthy(LuaValue a) => a.IsTruthy;

    /// <summary>a .. b .. ... over <paramref name="count"/> stack slots from <paramref name="at"/>.</summary>
    public static LuaValue Concat(LuaThread t, int at, int count, int site, string?[] names)
    {
        t.CurrentSite = site;
        t.Top = at + count;
        var values = new ReadOnlySpan<LuaValue>(t.Stack, at, count);
        // Two strings with a short join (`w .. "?"`): straight to the state's pair cache (LuaOps.ConcatMany does the same
        // after the checks below).
        if (count == 2 && values[0].Ref is LuaString a && values[1].Ref is LuaString b && ConcatPairCache.Covers(a, b))
            return ConcatPairCache.Of(t.State).Concat(a, b);
        foreach (ref readonly var v in values)
            if (v.Ref is not LuaString && !v.IsNumber)
                return ConcatChain.Run(t, values, names);
        return LuaOps.ConcatMany(t, values, names);
    }

    // ---------------- comparison ----------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Eq(LuaThread t, LuaValue a, LuaValue b, int site, int top)
    {
        if (a.IsNumber && b.IsNumber) return a.Number == b.Number;
        if (ReferenceEquals(a.Ref, b.Ref)) return !a.IsNumber || a.Number == b.Number;
        return EqSlow(t, a, b, site, top);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool EqSlow(LuaThread t, LuaValue a, LuaValue b, int site, int top)
    {
        if (a.Ref is LuaString sa && b.Ref is not Ffi.CData) return b.Ref is LuaString sb && sa.Equals(sb);
        if (a.Ref is not (LuaTable or LuaUserdata or Ffi.CData) && b.Ref is not Ffi.CData) return false;
        Prepare(t, site, top);
        try { return LuaOps.Equal(t, a, b); }
        catch (MetaCallYield y) { Yielded(t, y, MetaResultKind.Truth); return false; }
        finally { t.AllowYieldInNextCall = false; }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Lt(LuaThread t, LuaValue a, LuaValue b, int site, int top)
    {
        if (a.IsNumber && b.IsNumber) return a.Number < b.Number;
        return LtSlow(t, a, b, site, top);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool LtSlow(LuaThread t, LuaValue a, LuaValue b, int site, int top)
    {
        Prepare(t, site, top);
        try { return LuaOps.LessThan(t, a, b); }
        catch (MetaCallYield y) { Yielded(t, y, MetaResultKind.Truth); return false; }
        finally { t.AllowYieldInNextCall = false; }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Le(LuaThread t, LuaValue a, LuaValue b, int site, int top)
    {
        if (a.IsNumber && b.IsNumber) return a.Number <= b.Number;
        return LeSlow(t, a, b, site, top);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool LeSlow(LuaThread t, LuaValue a, LuaValue b, int site, int top)
    {
        Prepare(t, site, top);
        try { return LuaOps.LessEqual(t, a, b); }
        catch (MetaCallYield y)
        {
            // __le answers directly; the fallback not __lt(b, a) needs its answer negated.
            var le = LuaOps.GetMetaMethod(t.State, a, MetaEvent.Le);
            Yielded(t, y, le.Ref == (object)y.Function ? MetaResultKind.Truth : MetaResultKind.NegatedTruth);
            return false;
        }
        finally { t.AllowYieldInNextCall = false; }
    }

    // ---------------- indexing ----------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Index(LuaThread t, LuaValue o, LuaValue k, int site, int top, string? name)
    {
        if (o.Ref is LuaTable tb)
        {
            // String keys (t[name] with a string variable) go straight to the string lookup: the generic
            // Get handles numbers inline and sends everything else through an out-of-line call.
            var v = k.Ref is LuaString ks ? tb.GetStr(ks) : tb.Get(k);
            if (!v.IsNil || tb.Metatable is null) return v;
        }
        return IndexSlow(t, o, k, site, top, name);
    }

    /// <summary>o.name / o["name"] with a constant string key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue IndexStr(LuaThread t, LuaValue o, LuaString k, ref int hint, ref int classHint, int site, int top, string? name)
    {
        if (o.Ref is LuaTable tb)
        {
            var v = tb.GetStr(k, ref hint);
            if (!v.IsNil || tb.Metatable is null) return v;
            return IndexStrInherited(t, tb, k, ref classHint, site, top, name);
        }
        return IndexStrOnString(t, o, k, ref classHint, site, top, name);
    }

    /// <summary>
    /// o:name() (the method lookup of a call site): on an object with a metatable (the class pattern), the miss
    /// on the object and the lookup in the class happen in one out-of-line call, without first testing the
    /// object's slot hint, which a class's method name never matches. Anything else is <see cref="IndexStr"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue IndexMethod(LuaThread t, LuaValue o, LuaString k, ref int hint, ref int classHint, int site, int top, string? name)
    {
        if (o.Ref is LuaTable tb && tb.Metatable is not null) return IndexMethodOnObject(t, tb, k, ref hint, ref classHint, site, top, name);
        return IndexStr(t, o, k, ref hint, ref classHint, site, top, name);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static LuaValue IndexMethodOnObject(LuaThread t, LuaTable tb, LuaString k, ref int hint, ref int classHint, int site, int top, string? name)
    {
        // The object's key summary usually proves the method name absent (objects hold fields, classes methods).
        if (tb.MayHaveKey(k))
        {
            var own = tb.GetStr(k);
            if (!own.IsNil) return own;
        }
        if (LuaTable.GetIndexMetaMethod(tb.Metatable).Ref is LuaTable cls)
        {
            var v = cls.GetStrOrRememberedMiss(k, ref classHint);
            if (!v.IsNil || cls.Metatable is null) return v;
        }
        return IndexSlow(t, tb, k, site, top, name);
    }

    /// <summary>
    /// s.name / s:name() on a string: one lookup (through the site's class hint) in the string metatable's
    /// __index table, read from the state each time so a program that replaces it is seen; anything else
    /// (a missing method, another __index, a non-string) takes the full slow path.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static LuaValue IndexStrOnString(LuaThread t, LuaValue o, LuaString k, ref int classHint, int site, int top, string? name)
    {
        if (o.Ref is LuaString && LuaTable.GetIndexMetaMethod(t.State.StringMetatable).Ref is LuaTable library)
        {
            var v = library.GetStr(k, ref classHint);
            if (!v.IsNil) return v;
        }
        return IndexSlow(t, o, k, site, top, name);
    }

    /// <summary>
    /// A miss on a table with a metatable: the common object pattern (methods in a class table that is
    /// the metatable's __index) is one more raw lookup here; anything else takes the full slow path.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static LuaValue IndexStrInherited(LuaThread t, LuaTable tb, LuaString k, ref int classHint, int site, int top, string? name)
    {
        if (LuaTable.GetIndexMetaMethod(tb.Metatable).Ref is LuaTable cls)
        {
            var v = cls.GetStrOrRememberedMiss(k, ref classHint);
            if (!v.IsNil || cls.Metatable is null) return v;
        }
        return IndexSlow(t, tb, k, site, top, name);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static LuaValue IndexSlow(LuaThread t, LuaValue o, LuaValue k, int site, int top, string? name)
    {
        Prepare(t, site, top);
        try { return LuaOps.Index(t, o, k, name); }
        catch (MetaCallYield y) { return Yielded(t, y, MetaResultKind.Value); }
        finally { t.AllowYieldInNextCall = false; }
    }

    /// <summary>A global read through the closure's environment table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue GetGlobal(LuaThread t, LuaClosure c, LuaString k, ref int hint, int site, int top)
    {
        var env = c.Environment;
        var v = env.GetStr(k, ref hint);
        if (!v.IsNil || env.Metatable is null) return v;
        return IndexSlow(t, env, k, site, top, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetGlobal(LuaThread t, LuaClosure c, LuaString k, ref int hint, LuaValue v, int site, int top)
    {
        var env = c.Environment;
        if (env.Metatable is null) { env.SetStr(k, v, ref hint); return; }
        SetIndexSlow(t, env, k, v, site, top, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetIndex(LuaThread t, LuaValue o, LuaValue k, in LuaValue v, int site, int top, string? name)
    {
        // A raw store whenever the table's metatable is known to have no __newindex (see SetIndexStr), for
        // number keys and for string keys (t[name] = v with a string variable).
        if (o.Ref is LuaTable tb && LuaTable.HasNoMeta(tb.Metatable, MetaEvent.NewIndex))
        {
            if (k.IsNumber)
            {
                if (!double.IsNaN(k.Number))
                {
                    tb.Set(k.Number, v);
                    return;
                }
            }
            else if (k.Ref is LuaString ks)
            {
                tb.SetStr(ks, v);
                return;
            }
        }
        SetIndexSlow(t, o, k, v, site, top, name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetIndexStr(LuaThread t, LuaValue o, LuaString k, ref int hint, in LuaValue v, int site, int top, string? name)
    {
        // Objects with a class metatable (self.field = v) store raw too once the metatable is known to lack
        // __newindex; SetIndexSlow records that on the first store (measured: scheduler -13%).
        if (o.Ref is LuaTable tb && LuaTable.HasNoMeta(tb.Metatable, MetaEvent.NewIndex))
        {
            tb.SetStr(k, v, ref hint);
            return;
        }
        SetIndexSlow(t, o, k, v, site, top, name);
    }

    /// <summary>
    /// <c>t[k] = t[k] + delta</c> done in place when t is a table whose entry k exists and holds a number (one probe
    /// instead of a read and a store); false, nothing done, otherwise. See FunctionCompiler.ReadModifyWrite.cs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AddInPlace(LuaValue o, LuaValue k, double delta) => o.Ref is LuaTable tb && tb.TryAddToNumber(k, delta);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void SetIndexSlow(LuaThread t, LuaValue o, LuaValue k, LuaValue v, int site, int top, string? name)
    {
        // Looking __newindex up caches its absence in the metatable's flags, so the next store to a table
        // with this metatable takes the inlined fast path (LuaOps.SetIndex never looks it up when the key
        // is already present, the usual case for an object's fields).
        if (o.Ref is LuaTable ot && ot.Metatable is { } omt) LuaTable.GetMetaMethod(omt, MetaEvent.NewIndex);
        Prepare(t, site, top);
        try
        {
            LuaOps.SetIndex(t, o, k, v, name);
        }
        catch (MetaCallYield y)
        {
            Yielded(t, y, MetaResultKind.Discard);
        }
        catch (LuaException e) when (e.Value.Ref is LuaString s && IsUnpositionedIndexError(s))
        {
            throw t.RuntimeError(s.ToString());
        }
        finally
        {
            t.AllowYieldInNextCall = false;
        }
    }

    /// <summary>LuaTable's raw set raises "table index is nil/NaN" without a position; compiled code adds it.</summary>
    private static bool IsUnpositionedIndexError(LuaString s) =>
        s.Span.SequenceEqual("table index is nil"u8) || s.Span.SequenceEqual("table index is NaN"u8);

    // ---------------- tables ----------------

    public static LuaValue NewTable(int arrayCount, int hashCount) =>
        LuaValue.FromObject(arrayCount == 0 && hashCount == 0 ? new LuaTable() : new LuaTable(arrayCount, hashCount));

    /// <summary>A record constructor's table: a copy of its template's hash part (FunctionCompiler.TableShapes.cs).</summary>
    public static LuaValue NewTableFromTemplate(LuaTable template) => LuaValue.FromObject(LuaTable.FromConstructorTemplate(template));

    /// <summary>A record constructor's field value, written into the node the template gave its key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetTemplateField(LuaValue table, int node, LuaValue v) => ((LuaTable)table.Ref!).SetTemplateFieldValue(node, v);

    // A table constructor's stores: positional items (RawSetInt), `name = v` fields (RawSetStr: the key keeps its
    // node even when v is nil, see LuaTable.SetConstructorField) and `[k] = v` fields (RawSet).

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RawSetInt(LuaValue table, int key, LuaValue v) => ((LuaTable)table.Ref!).Set(key, v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RawSetStr(LuaValue table, LuaString key, LuaValue v) => ((LuaTable)table.Ref!).SetConstructorField(key, v);

    public static void RawSet(LuaThread t, LuaValue table, LuaValue key, LuaValue v, int site)
    {
        if (key.IsNil || (key.IsNumber && double.IsNaN(key.Number)))
        {
            t.CurrentSite = site;
            throw t.RuntimeError(key.IsNil ? "table index is nil" : "table index is NaN");
        }
        ((LuaTable)table.Ref!).Set(key, v);
    }

    /// <summary>Stores <paramref name="count"/> values from the stack into table[first ..] (a constructor's trailing call or ...).</summary>
    public static void SetList(LuaThread t, LuaValue table, int first, int at, int count)
    {
        var tb = (LuaTable)table.Ref!;
        var s = t.Stack;
        for (int i = 0; i < count; i++) tb.Set(first + i, s[at + i]);
    }

    // ---------------- numeric for ----------------

    /// <summary>A numeric for's start/limit/step, coerced as Lua 5.1 does (strings convert).</summary>
    public static double ForNumber(LuaThread t, LuaValue v, int site, int which)
    {
        if (v.IsNumber) return v.Number;
        if (v.Ref is LuaString s && LuaNumber.TryParse(s.Span, out double d)) return d;
        t.CurrentSite = site;
        throw t.RuntimeError(which switch
        {
            0 => "'for' initial value must be a number",
            1 => "'for' limit must be a number",
            _ => "'for' step must be a number",
        });
    }

    /// <summary>Whether a numeric for continues, as LuaJIT decides it: <c>step &gt;= 0 ? i &lt;= limit : i &gt;= limit</c> (a zero step loops).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ForContinues(double i, double limit, double step) => step >= 0 ? i <= limit : limit <= i;
}
