namespace Tidegate.Lua.Runtime;

// Coroutines by unwinding: a yield returns CallStatus.Yield through every frame, each saving itself as a
// SuspendedFrame; a resume re-enters the saved frames from the outermost in. No OS thread is ever used.
public sealed partial class LuaThread
{
    /// <summary>How many values the resume passed in (placed at the yield point's base).</summary>
    internal int ResumeValueCount;
    /// <summary>Where the values of the last yield are on this thread's stack.</summary>
    internal int YieldBase, YieldCount;
    private bool _started;

    /// <summary>Set by compiled code's metamethod slow path: the next <see cref="Call"/> may yield (see <see cref="MetaCallYield"/>).</summary>
    internal bool AllowYieldInNextCall;
    /// <summary>Set when a metamethod called from compiled code yielded; the compiled frame then saves itself.</summary>
    public bool MetaYieldPending;
    /// <summary>A resumed metamethod's result, converted for the operation that called it.</summary>
    public LuaValue MetaResult;

    /// <summary>True when the running code may yield: a coroutine with no unresumable host frame in between.</summary>
    public bool IsYieldable => IsCoroutine && NonYieldableDepth == 0;

    /// <summary>
    /// Copies values between two threads' stacks (resume arguments in, yielded values out). Resume and
    /// yield pass one or two values; a span copy of a struct holding references is a bulk move with card
    /// marking through the runtime, slower than a few plain stores at that size.
    /// </summary>
    internal static void CopyValues(ReadOnlySpan<LuaValue> from, LuaValue[] to, int at)
    {
        if (from.Length <= 4)
        {
            var into = to.AsSpan(at, from.Length);
            for (int i = 0; i < from.Length; i++) into[i] = from[i];
        }
        else from.CopyTo(to.AsSpan(at));
    }

    /// <summary>Frame states given back by resumes, ready for the next yield (see <see cref="CompiledFrameState"/>).</summary>
    private CompiledFrameState?[]? _framePool;
    private int _framePoolCount;
    /// <summary>A few per thread cover the usual coroutine, which yields through the same one to three frames each time.</summary>
    private const int FramePoolSize = 4;

    /// <summary>
    /// A frame state for a compiled function that is saving itself because a yield is unwinding it
    /// (compiled code's save block calls this, then fills <see cref="CompiledFrameState.Locals"/>).
    /// </summary>
    public CompiledFrameState RentFrameState(LuaFunction function, int argBase, int argCount, int resumePoint, int localCount)
    {
        int n = _framePoolCount;
        if (n > 0)
        {
            var pooled = _framePool![n - 1]!;
            if (pooled.Locals.Length >= localCount)
            {
                _framePool[n - 1] = null;
                _framePoolCount = n - 1;
                pooled.Reset(function, argBase, argCount, resumePoint, localCount);
                return pooled;
            }
        }
        return new CompiledFrameState(function, argBase, argCount, resumePoint, localCount);
    }

    /// <summary>Takes back a frame state whose function has restored itself from it.</summary>
    internal void ReturnFrameState(CompiledFrameState frame)
    {
        var pool = _framePool ??= new CompiledFrameState?[FramePoolSize];
        int n = _framePoolCount;
        if (n == pool.Length) return;
        frame.ClearLocals();
        pool[n] = frame;
        _framePoolCount = n + 1;
    }

    /// <summary>Continues the outermost saved frame (compiled code calls this at a call site it resumes).</summary>
    public int ResumeSuspended()
    {
        var frame = SuspendedFrames.Pop();
        // The innermost frame is most often the yield itself, whose results are the resume values.
        return ReferenceEquals(frame, YieldPoint.Instance) ? ResumeValueCount : frame.Resume(this);
    }

    /// <summary>
    /// Yields the values at <c>Stack[argBase .. argBase+count)</c> from a host function: return the result
    /// of this from its body. When the coroutine is resumed, the host function's results are the resume values.
    /// </summary>
    public int YieldValues(int argBase, int count)
    {
        if (!IsYieldable) throw RuntimeError("attempt to yield across C-call boundary");
        SuspendedFrames.Add(YieldPoint.Instance);
        YieldBase = argBase;
        YieldCount = count;
        return CallStatus.Yield;
    }

    /// <summary>Yields the host function's arguments (coroutine.yield).</summary>
    public int Yield(in LuaCall call) => YieldValues(call.Base, call.Count);

    /// <summary>
    /// Suspends the running coroutine from a host function, yielding nothing (the building block for
    /// asynchronous .NET operations): <c>return call.Thread.Suspend(call);</c>. A later
    /// <see cref="Resume"/> makes its arguments the host function's results.
    /// </summary>
    public int Suspend(in LuaCall call) => YieldValues(call.Base, 0);

    /// <summary>
    /// Suspends from a host function and continues in <paramref name="continuation"/> when resumed: it is
    /// called with the thread and the number of resume values (placed at <c>call.Base</c>) and returns the
    /// host function's result count (results at <c>call.Base</c>), as a host function body does. It may
    /// suspend again (return another Suspend's status).
    /// </summary>
    public int Suspend(in LuaCall call, Func<LuaThread, int, int> continuation)
    {
        if (!IsYieldable) throw RuntimeError("attempt to yield across C-call boundary");
        // The continuation is the innermost frame: the caller's call site resumes it in place of the host call.
        SuspendedFrames.Add(new ContinuationFrame(t => continuation(t, t.ResumeValueCount)));
        YieldBase = call.Base;
        YieldCount = 0;
        return CallStatus.Yield;
    }

    /// <summary>
    /// Resumes this coroutine from .NET with <paramref name="args"/>. Returns the values it yielded or
    /// returned (see <see cref="Status"/>: Suspended after a yield, Dead after a return); throws the
    /// coroutine's error as a <see cref="LuaException"/>.
    /// </summary>
    /// <summary>
    /// The host will never resume this suspended coroutine (ngx_lua's ngx.thread.kill): it is dead from
    /// now on, as coroutine.status and coroutine.resume see it, and its saved frames are dropped.
    /// </summary>
    public void Kill()
    {
        if (Status != CoroutineStatus.Suspended) return;
        Status = CoroutineStatus.Dead;
        SuspendedFrames.Clear();
    }

    /// <summary>What the error() call that killed this coroutine left on its stack, if one did.</summary>
    private LuaValue[]? lastLeftOnStack;

    public LuaValue[] Resume(params LuaValue[] args)
    {
        lastLeftOnStack = null;
        if (!ResumeCore(null, args, out int rb, out int rc, out LuaValue error))
        {
            // A dead coroutine keeps the frame records of its error: the traceback of where it failed.
            string? trace = Status == CoroutineStatus.Dead ? Traceback(null, 1) : null;
            // What error() left on the stack goes along (ngx.thread.wait hands it back).
            throw new LuaException(error) { LuaStackTrace = trace, LeftOnStack = lastLeftOnStack };
        }
        return Stack.AsSpan(rb, rc).ToArray();
    }

    /// <summary>
    /// The core of coroutine.resume: runs or continues the coroutine on the caller's .NET stack until it
    /// yields, returns or fails. On success the results are at <c>Stack[resultBase ..]</c> of this thread.
    /// </summary>
    internal bool ResumeCore(LuaThread? from, ReadOnlySpan<LuaValue> args, out int resultBase, out int resultCount, out LuaValue error)
    {
        resultBase = 0;
        resultCount = 0;
        error = default;
        if (Status != CoroutineStatus.Suspended)
        {
            error = LuaString.FromUtf8(Status == CoroutineStatus.Dead ? "cannot resume dead coroutine" : "cannot resume running coroutine");
            return false;
        }
        Status = CoroutineStatus.Running;
        if (from is not null) from.Status = CoroutineStatus.Normal;
        SyncHookMask(); // hooks belong to the state: a thread picks up changes made while it was suspended
        RestartEntryBatch(); // so may a budget or count hook (see LuaThread.EntryBudget.cs)
        try
        {
            int n;
            if (!_started)
            {
                _started = true;
                EnsureStack(args.Length + 1);
                args.CopyTo(Stack);
                Top = args.Length;
                n = Body!.Invoke(this, 0, args.Length);
            }
            else
            {
                int at = YieldBase;
                EnsureStack(at + args.Length + 1);
                CopyValues(args, Stack, at);
                ResumeValueCount = args.Length;
                n = ResumeSuspended();
            }
            if (n == CallStatus.TailCall) n = FinishTailCalls(0, n);
            if (n == CallStatus.Yield)
            {
                Status = CoroutineStatus.Suspended;
                resultBase = YieldBase;
                resultCount = YieldCount;
                return true;
            }
            Status = CoroutineStatus.Dead;
            resultCount = n;
            return true;
        }
        catch (LuaException e)
        {
            Status = CoroutineStatus.Dead;
            error = e.Value;
            lastLeftOnStack = e.LeftOnStack;
            return false;
        }
        catch (Exception e) when (HostExceptions.IsConvertible(e))
        {
            Status = CoroutineStatus.Dead;
            error = HostExceptions.ToLuaError(this, e).Value;
            return false;
        }
        finally
        {
            RestoringFrame = null;
            // A coroutine that died of an error keeps its frame records for debug.traceback(co).
            if (Status == CoroutineStatus.Dead) SuspendedFrames.Clear();
            if (from is not null) { from.Status = CoroutineStatus.Running; from.SyncHookMask(); from.RestartEntryBatch(); }
        }
    }
}
