namespace Tidegate.Lua.Runtime;

// Reusing a finished coroutine for a new body (LuaState.RecycleThread / NewThread). A host that starts a
// coroutine per unit of work (the web server: one per request handler) would otherwise allocate the thread,
// its value stack, frame records and suspended-frame stack every time. A coroutine with per-thread state
// kept outside it (setfenv(0), debug.sethook, thread.exdata) is never reused: the next body would inherit
// that state. One that Lua code held as a value is reused only when the host asks for it (ngx_lua reuses
// its entry coroutines so: coroutine.running() in consecutive handlers is the same coroutine on nginx).
public sealed partial class LuaThread
{
    /// <summary>Set once this thread became a Lua value (coroutine.running, a table key...): Lua code may hold it.</summary>
    internal bool HeldByLua;

    /// <summary>Set when per-thread state outside the thread was attached to it (see <see cref="KeepIdentity"/>).</summary>
    internal bool HasOutsideState;

    /// <summary>
    /// Marks this thread as one with state kept elsewhere under its identity (an environment, a hook, a
    /// pointer slot): it is never recycled, so no later body inherits that state.
    /// </summary>
    public void KeepIdentity() => HasOutsideState = true;

    /// <summary>A coroutine that ran its body to a normal return and holds no frames (<paramref name="evenIfHeld"/>: also one Lua code held).</summary>
    internal bool CanRecycle(bool evenIfHeld) =>
        Body is not null && Status == CoroutineStatus.Dead && !HasOutsideState && (evenIfHeld || !HeldByLua)
        && FrameCount == 0 && SuspendedFrames.Count == 0 && NonYieldableDepth == 0 && RestoringFrame is null;

    /// <summary>Drops everything the finished run left behind, so the pooled thread keeps nothing alive.</summary>
    internal void ClearForRecycling()
    {
        Array.Clear(Stack);
        Array.Clear(Frames);
        Top = 0;
        PendingTailCall = null;
        PendingTailCallArgCount = 0;
        CurrentSite = 0;
        HandlerAllowance = 0;
        CallFromErrorPoint = false;
        ResumeValueCount = 0;
        YieldBase = YieldCount = 0;
        AllowYieldInNextCall = false;
        MetaYieldPending = false;
        MetaResult = default;
        _lastHookProto = null;
        _lastHookLine = -1;
        _started = false;
        Body = null;
    }

    /// <summary>Makes a cleared thread a new, not yet started coroutine running <paramref name="body"/>.</summary>
    internal void Restart(LuaFunction body)
    {
        Body = body;
        Status = CoroutineStatus.Suspended;
    }
}
