namespace Tidegate.Lua.Runtime;

// Calls made from .NET code (library functions, metamethod dispatch, the embedding API).
public sealed partial class LuaThread
{
    /// <summary>
    /// The status a compiled function's direct entry (InvokeDirect, see FunctionCompiler.DirectCalls.cs) returned
    /// with: the result count, or a negative <see cref="CallStatus"/>. The entry returns its first result as its
    /// value (in registers), so the status travels here; the caller reads it right after the call.
    /// </summary>
    public int DirectStatus;

    /// <summary>
    /// Calls <paramref name="function"/> (a function, or a value with <c>__call</c>) with the arguments the
    /// caller put at <c>Stack[argBase .. argBase+argCount)</c>; <paramref name="argBase"/> must be at or
    /// above <see cref="Top"/>. Returns the result count; the results are at <c>Stack[argBase ..]</c>.
    /// Restores <see cref="Top"/> before returning.
    /// </summary>
    public int Call(in LuaValue function, int argBase, int argCount)
    {
        int savedTop = Top;
        int savedSite = CurrentSite;
        // A host frame in between: the callee cannot yield through it (LuaJIT's C-call boundary) unless
        // compiled code's metamethod slow path asked for this call to be resumable (see MetaCallYield).
        bool yieldable = AllowYieldInNextCall;
        AllowYieldInNextCall = false;
        int savedFrames = FrameCount;
        bool callsFromErrorPoint = CallFromErrorPoint;
        CallFromErrorPoint = false;
        if (!yieldable)
        {
            NonYieldableDepth++;
            // The host function making this call shows in tracebacks and error levels as a [C] frame
            // (not an error handler, which LuaJIT calls on top of the frame that raised the error).
            // It is pushed before the callee is resolved: "attempt to call a nil value" raised on behalf
            // of host code (print calling a non-function tostring) has no position, as in LuaJIT.
            if (!callsFromErrorPoint) PushHostFrame();
        }
        try
        {
            LuaFunction f = ResolveCallable(function, ref argBase, ref argCount, fromHost: true);
            int n = InvokeFunction(f, argBase, argCount);
            if (n < 0) n = FinishTailCalls(argBase, n);
            if (n < 0)
            {
                if (yieldable) throw new MetaCallYield(argBase, f);
                throw RuntimeError("attempt to yield across C-call boundary");
            }
            return n;
        }
        finally
        {
            if (!yieldable) NonYieldableDepth--;
            FrameCount = savedFrames;
            Top = savedTop;
            CurrentSite = savedSite;
        }
    }

    /// <summary>
    /// Pushes a record standing for the running host function (its name is what the calling Lua site
    /// calls it, read from the record's CallerSite like any frame's name).
    /// </summary>
    private void PushHostFrame() => PushHostRecord(HostFrame);

    /// <summary>Pushes a record for a running host function, called from the current site.</summary>
    private void PushHostRecord(LuaFunction function)
    {
        int c = FrameCount;
        if (c >= Frames.Length) Array.Resize(ref Frames, Frames.Length * 2);
        ref CallFrameRecord r = ref Frames[c];
        r.Function = function;
        r.CallerSite = CurrentSite;
        FrameCount = c + 1;
    }

    /// <summary>
    /// Set just before calling an error handler (xpcall's, the CLI's): the next <see cref="Call"/> pushes no
    /// host-frame record, so the handler's frame sits right on the frame that raised the error and is
    /// named by its call site, as in LuaJIT.
    /// </summary>
    internal bool CallFromErrorPoint;

    /// <summary>
    /// Exception filter of a host function: when the error was raised by the host function itself (no
    /// frame it called is still on the record stack), pushes a record for it, so tracebacks taken at the
    /// error point (xpcall's handler, an uncaught error's) show it as LuaJIT does ("[C]: in function
    /// 'error'"). Whoever catches the error drops the record with the others. Never catches.
    /// </summary>
    internal bool RecordRaisingHostFunction(HostFunction function, int framesAtEntry, Exception e)
    {
        // A host function that called Lua has that frame's records above its own level: not the raiser.
        if (FrameCount != framesAtEntry) return false;
        if (e is not LuaException && !HostExceptions.IsConvertible(e)) return false;
        PushHostRecord(function);
        return false;
    }

    /// <summary>The function of a host-frame record (<see cref="PushHostFrame"/>).</summary>
    internal static readonly HostFunction HostFrame = new("?", _ => 0);

    /// <summary>Calls with up to two arguments and returns the first result (nil if none).</summary>
    public LuaValue Call1(in LuaValue function, in LuaValue a)
    {
        int b = Top;
        EnsureStack(b + 3);
        Stack[b] = a;
        int n = Call(function, b, 1);
        return n > 0 ? Stack[b] : LuaValue.Nil;
    }

    public LuaValue Call1(in LuaValue function, in LuaValue a, in LuaValue b2)
    {
        int b = Top;
        EnsureStack(b + 3);
        Stack[b] = a;
        Stack[b + 1] = b2;
        int n = Call(function, b, 2);
        return n > 0 ? Stack[b] : LuaValue.Nil;
    }

    /// <summary>
    /// Turns a callable value into a function: a function as is, otherwise its <c>__call</c> metamethod with
    /// the value itself inserted as the first argument (the arguments shift up one slot).
    /// </summary>
    /// <summary>
    /// What calling a cdata without __call runs: in LuaJIT the error comes from the FFI's call handler, a C
    /// function, so it carries the caller's position, and none when the call was a tail call.
    /// </summary>
    private static readonly HostFunction CDataNotCallable = new("?", call =>
        throw call.Thread.RuntimeError(Ffi.CDataOps.NotCallable((Ffi.CData)call[0].Ref!).Message));

    /// <param name="fromHost">
    /// the call is made by host code or a metamethod dispatch: LuaJIT's "attempt to call" message then
    /// has no position (no Lua instruction made the call)
    /// </param>
    public LuaFunction ResolveCallable(in LuaValue function, ref int argBase, ref int argCount, string? name = null, bool fromHost = false)
    {
        if (function.Ref is LuaFunction f) return f;
        LuaValue handler;
        if (function.Ref is Ffi.CData cdata)
        {
            // A ctype is a constructor and a metatype may have __call: the FFI decides.
            handler = Ffi.CDataOps.CallHandler(cdata);
            if (handler.IsNil) handler = CDataNotCallable;
        }
        else handler = State.GetMetatable(function)?.Get(MetaMethodNames.Call) ?? LuaValue.Nil;
        if (handler.Ref is not LuaFunction hf)
        {
            string message = name is null
                ? $"attempt to call a {function.TypeName} value"
                : $"attempt to call {name} (a {function.TypeName} value)";
            throw fromHost ? new LuaException(LuaString.FromUtf8(message)) : RuntimeError(message);
        }
        EnsureStack(argBase + argCount + 1);
        Array.Copy(Stack, argBase, Stack, argBase + 1, argCount);
        Stack[argBase] = function;
        argCount++;
        return hf;
    }

    /// <summary>
    /// Completes a call whose callee returned a negative status: runs pending tail calls until a real
    /// result count comes back. A <see cref="CallStatus.Yield"/> passes through unchanged.
    /// </summary>
    public int FinishTailCalls(int argBase, int status)
    {
        while (status == CallStatus.TailCall)
        {
            var f = PendingTailCall!;
            PendingTailCall = null;
            int argCount = PendingTailCallArgCount;
            Top = argBase + argCount;
            status = InvokeFunction(f, argBase, argCount);
        }
        return status;
    }

    /// <summary>
    /// Calls <paramref name="f"/> on this thread: through its main-thread entry when this thread is not a coroutine
    /// (nothing running on it can yield, see LuaFunction.InvokeMain), else through its ordinary entry.
    /// </summary>
    internal int InvokeFunction(LuaFunction f, int argBase, int argCount) =>
        IsCoroutine ? f.Invoke(this, argBase, argCount) : f.InvokeMain(this, argBase, argCount);
}
