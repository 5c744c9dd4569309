namespace Tidegate.Lua.Runtime;

// Calls made from .NET code (library functions, metamethod dispatch, the embedding API).
public sealed partial class LuaThread
{
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
        LuaFunction f = ResolveCallable(function, ref argBase, ref argCount);
        // A host frame in between: the callee cannot yield through it (LuaJIT's C-call boundary) unless
        // compiled code's metamethod slow path asked for this call to be resumable (see MetaCallYield).
        bool yieldable = AllowYieldInNextCall;
        AllowYieldInNextCall = false;
        int savedFrames = FrameCount;
        if (!yieldable)
        {
            NonYieldableDepth++;
            // The host function making this call shows in tracebacks and error levels as a [C] frame.
            PushHostFrame();
        }
        try
        {
            int n = f.Invoke(this, argBase, argCount);
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
    private void PushHostFrame()
    {
        int c = FrameCount;
        if (c >= Frames.Length) Array.Resize(ref Frames, Frames.Length * 2);
        ref CallFrameRecord r = ref Frames[c];
        r.Function = HostFrame;
        r.CallerSite = CurrentSite;
        FrameCount = c + 1;
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

    public LuaFunction ResolveCallable(in LuaValue function, ref int argBase, ref int argCount, string? name = null)
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
            throw RuntimeError(name is null
                ? $"attempt to call a {function.TypeName} value"
                : $"attempt to call {name} (a {function.TypeName} value)");
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
            status = f.Invoke(this, argBase, argCount);
        }
        return status;
    }
}
