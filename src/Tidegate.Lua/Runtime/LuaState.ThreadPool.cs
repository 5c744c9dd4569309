namespace Tidegate.Lua.Runtime;

// Finished coroutines kept for reuse by NewThread (see LuaThread.Recycling.cs).
public sealed partial class LuaState
{
    private readonly LuaThread?[] _recycledThreads = new LuaThread?[8];
    private int _recycledThreadCount;

    /// <summary>
    /// Gives back a coroutine the host started and that has finished: when it returned normally, has no
    /// state kept elsewhere under its identity, and (unless <paramref name="evenIfHeld"/>) Lua code never held
    /// it as a value, a later <see cref="NewThread"/> reuses it instead of allocating a new one, last given
    /// back first. Returns whether it was kept. The caller must not use the thread afterwards.
    /// </summary>
    /// <param name="evenIfHeld">
    /// Reuse it even if Lua code may still hold it (it then sees the thread run the next body, as ngx_lua's
    /// entry coroutines do).
    /// </param>
    public bool RecycleThread(LuaThread thread, bool evenIfHeld = false)
    {
        if (thread.State != this || !thread.CanRecycle(evenIfHeld) || _recycledThreadCount == _recycledThreads.Length) return false;
        thread.ClearForRecycling();
        _recycledThreads[_recycledThreadCount++] = thread;
        return true;
    }

    private LuaThread? TakeRecycledThread(bool reuseHeld)
    {
        int n = _recycledThreadCount;
        if (n == 0) return null;
        var thread = _recycledThreads[n - 1]!;
        // coroutine.create must not hand out a thread Lua code may already hold: it would not be new.
        if (thread.HeldByLua && !reuseHeld) return null;
        _recycledThreads[n - 1] = null;
        _recycledThreadCount = n - 1;
        return thread;
    }
}
