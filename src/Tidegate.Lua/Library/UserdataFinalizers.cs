using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// __gc for userdata made by newproxy, as LuaJIT runs it: when a proxy becomes garbage its metatable's
/// __gc (looked up then, so it may be set after creation) is called with the proxy; and when the state
/// is closed every proxy still alive is finalized too.
/// The .NET collector notices the garbage (a watcher object whose .NET finalizer queues the proxy) but
/// never runs Lua code on its finalizer thread: queued finalizers run on the Lua thread at a safe
/// point, which here is collectgarbage (LuaJIT runs them at any collection step; scripts that depend
/// on the timing call collectgarbage, which this honours). An error in __gc propagates from there, as
/// in LuaJIT.
/// </summary>
public static class UserdataFinalizers
{
    private sealed class StateFinalizers
    {
        public readonly ConcurrentQueue<(LuaUserdata Proxy, long Sequence)> Due = new();
        public readonly ConditionalWeakTable<LuaUserdata, Watcher> Watched = new();
        public long NextSequence;
    }

    /// <summary>
    /// Lives exactly as long as its proxy (it is the proxy's entry in a ConditionalWeakTable), so its
    /// .NET finalizer runs once the proxy is garbage; it then hands the proxy (resurrected) to the queue.
    /// </summary>
    private sealed class Watcher
    {
        private readonly LuaUserdata _proxy;
        private readonly ConcurrentQueue<(LuaUserdata, long)> _due;
        /// <summary>Creation order: LuaJIT finalizes the most recently created proxy first.</summary>
        public readonly long Sequence;
        public bool Finalized;

        public Watcher(LuaUserdata proxy, ConcurrentQueue<(LuaUserdata, long)> due, long sequence)
        {
            _proxy = proxy;
            _due = due;
            Sequence = sequence;
        }

        ~Watcher()
        {
            if (!Finalized) _due.Enqueue((_proxy, Sequence));
        }
    }

    private static readonly ConditionalWeakTable<LuaState, StateFinalizers> States = new();

    /// <summary>Starts watching a proxy so its __gc runs when it becomes garbage or the state closes.</summary>
    public static void Watch(LuaState state, LuaUserdata proxy)
    {
        var s = States.GetValue(state, _ => new StateFinalizers());
        s.Watched.AddOrUpdate(proxy, new Watcher(proxy, s.Due, s.NextSequence++));
    }

    /// <summary>Runs the __gc of proxies found to be garbage since the last call (on the calling Lua thread).</summary>
    public static void RunDue(LuaThread thread)
    {
        if (!States.TryGetValue(thread.State, out var s) || s.Due.IsEmpty) return;
        // The .NET finalizer thread queues them in no particular order; LuaJIT runs the newest first.
        var due = new List<(LuaUserdata Proxy, long Sequence)>();
        while (s.Due.TryDequeue(out var entry)) due.Add(entry);
        due.Sort((a, b) => b.Sequence.CompareTo(a.Sequence));
        foreach (var (proxy, _) in due)
        {
            // The table tracks resurrection: the entry of a proxy that came back for finalization stays
            // until removed, and must not be finalized again when the state closes.
            s.Watched.Remove(proxy);
            Finalize(thread, proxy);
        }
    }

    /// <summary>
    /// Closing a state, as lua_close: runs the __gc of every proxy, garbage or still alive. Errors in __gc
    /// are ignored here (there is nobody left to report them to).
    /// </summary>
    public static void RunAll(LuaState state)
    {
        if (!States.TryGetValue(state, out var s)) return;
        var thread = state.MainThread;
        var alive = new List<(LuaUserdata Proxy, long Sequence)>();
        foreach (var (proxy, watcher) in s.Watched)
        {
            watcher.Finalized = true;
            alive.Add((proxy, watcher.Sequence));
        }
        s.Watched.Clear();
        while (s.Due.TryDequeue(out var entry)) alive.Add(entry);
        // Newest first, as LuaJIT finalizes the most recently created userdata first.
        alive.Sort((a, b) => b.Sequence.CompareTo(a.Sequence));
        foreach (var (proxy, _) in alive)
        {
            try
            {
                Finalize(thread, proxy);
            }
            catch (LuaException)
            {
            }
        }
    }

    private static void Finalize(LuaThread thread, LuaUserdata proxy)
    {
        var handler = proxy.Metatable?.Get(MetaMethodNames.Gc) ?? LuaValue.Nil;
        if (handler.IsNil) return;
        int top = thread.Top;
        thread.EnsureStack(top + 2);
        thread.Stack[top] = proxy;
        thread.Call(handler, top, 1);
    }
}
