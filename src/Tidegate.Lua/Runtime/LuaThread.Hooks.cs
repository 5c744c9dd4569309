namespace Tidegate.Lua.Runtime;

/// <summary>The events a debug hook asks for (debug.sethook's "c", "r" and "l"; the count is separate).</summary>
[Flags]
public enum LuaHookEvents
{
    None = 0,
    Call = 1,
    Return = 2,
    Line = 4,
}

// Call, return and line hooks. As in LuaJIT the hook belongs to the whole state; each thread mirrors the
// state's mask in HookMask, the one field compiled code loads (one load and branch per statement, call and
// return). A thread picks the state's mask up when it is resumed, and the resumer when control comes back.
public sealed partial class LuaThread
{
    /// <summary>Which hook events are on (LuaHookEvents as an int); 0 while a hook runs, as LuaJIT disables hooks then.</summary>
    public int HookMask;

    /// <summary>The function and line of the last line event, so a line fires once per new line, as LuaJIT does.</summary>
    private FunctionProto? _lastHookProto;
    private int _lastHookLine = -1;

    private static readonly LuaString CallEventName = "call";
    private static readonly LuaString ReturnEventName = "return";
    private static readonly LuaString LineEventName = "line";

    /// <summary>Re-reads the state's hook mask (after a resume, or when the hook was changed).</summary>
    internal void SyncHookMask() => HookMask = (int)State.HookEvents;

    /// <summary>
    /// A line event at a statement of the running function on <paramref name="line"/>: fires when
    /// the line differs from the last line event's, or always after a backward jump (<paramref name="force"/>).
    /// <paramref name="top"/> is a free stack index above everything the running frame uses.
    /// </summary>
    public void LineHookEvent(int line, bool force, int top)
    {
        // The running function is the innermost record's (compiled code fires line events only for itself).
        if ((HookMask & (int)LuaHookEvents.Line) == 0 || FrameCount == 0 || Frames[FrameCount - 1].Function is not LuaClosure closure) return;
        if (!force && ReferenceEquals(_lastHookProto, closure.Proto) && _lastHookLine == line) return;
        _lastHookProto = closure.Proto;
        _lastHookLine = line;
        RunHook(LineEventName, line, top);
    }

    /// <summary>A call event for the function whose frame record was just pushed; its arguments end below <paramref name="top"/>.</summary>
    public void CallHookEvent(int top)
    {
        _lastHookProto = null; // a new frame: its first line fires
        if ((HookMask & (int)LuaHookEvents.Call) != 0) RunHook(CallEventName, -1, top);
    }

    /// <summary>
    /// The call event for a host function about to be called from compiled code with its arguments at
    /// <paramref name="argBase"/>: a record for it is pushed while the hook runs, so getinfo(2) sees it.
    /// </summary>
    public void HostCallHookEvent(LuaFunction callee, int argBase, int argCount)
    {
        if ((HookMask & (int)LuaHookEvents.Call) == 0 || callee is not HostFunction) return;
        EnterFrame(callee);
        try
        {
            RunHook(CallEventName, -1, argBase + argCount);
        }
        finally
        {
            FrameCount--;
        }
    }

    /// <summary>A return event for the running function, before its record is popped.</summary>
    public void ReturnHookEvent(int top)
    {
        if ((HookMask & (int)LuaHookEvents.Return) != 0) RunHook(ReturnEventName, -1, top);
        _lastHookProto = null; // back in the caller: its current line fires again, as LuaJIT does
    }

    /// <summary>
    /// Calls the hook on this thread, so debug.getinfo(2) inside it sees the hooked function. No record
    /// of its own is pushed for the hook machinery, and a yield from the hook is refused as LuaJIT does.
    /// </summary>
    private void RunHook(LuaString eventName, int line, int top)
    {
        var hook = State.HookFunction;
        if (hook is null) return;
        int savedSite = CurrentSite;
        int savedFrames = FrameCount;
        int savedTop = Top;
        HookMask = 0;
        NonYieldableDepth++;
        try
        {
            EnsureStack(top + 3);
            Stack[top] = eventName;
            int argc = 1;
            if (line >= 0) { Stack[top + 1] = line; argc = 2; }
            Top = top + argc;
            CurrentSite = -1; // the hook's own caller site names nothing
            int n = InvokeFunction(hook, top, argc);
            if (n < 0) n = FinishTailCalls(top, n);
            if (n < 0) throw RuntimeError("attempt to yield across C-call boundary");
        }
        finally
        {
            NonYieldableDepth--;
            FrameCount = savedFrames;
            Top = savedTop;
            CurrentSite = savedSite;
            SyncHookMask();
        }
    }
}
