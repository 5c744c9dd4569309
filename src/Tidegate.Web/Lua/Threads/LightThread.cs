using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Threads;

/// <summary>
/// One ngx.thread.spawn user thread: its coroutine (a <see cref="CoroutineRoot"/> the runner drives),
/// the coroutine that spawned it (the only one that may wait on or kill it), the work it parked on,
/// and how it ended (values, or the error), which ngx.thread.wait hands back.
/// </summary>
public sealed class LightThread
{
    public LightThread(LuaThread coroutine, LuaThread parent)
    {
        Root = new CoroutineRoot(coroutine);
        Parent = parent;
    }

    public CoroutineRoot Root { get; }
    public LuaThread Coroutine => Root.Coroutine;
    /// <summary>The coroutine that called ngx.thread.spawn.</summary>
    public LuaThread Parent { get; }
    /// <summary>The running park, awaited by the runner.</summary>
    public Task<LuaValue[]>? Parked { get; set; }
    public bool Done { get; private set; }
    /// <summary>Waited for or killed: a second wait/kill answers "already waited or killed".</summary>
    public bool Reaped { get; set; }
    public LuaValue[] Results { get; private set; } = Array.Empty<LuaValue>();
    public LuaValue? Error { get; private set; }
    /// <summary>Aborted by a failing coroutine.wrap'd function: ngx.thread.wait gives false alone.</summary>
    public bool Aborted { get; private set; }
    /// <summary>
    /// Completes when the thread ends (ngx.thread.wait parks on it). Its continuations run at once on the
    /// worker thread, so a waiting parent is due before any later event (no hop through the thread pool).
    /// </summary>
    public TaskCompletionSource Finished { get; } = new();

    /// <summary>
    /// What a failed thread's coroutine holds when it dies, which ngx.thread.wait returns after false:
    /// what error() left (its argument, then the positioned message), else the error value alone.
    /// </summary>
    public LuaValue[] LeftOnStack { get; private set; } = Array.Empty<LuaValue>();

    public void Finish(LuaValue[] results, LuaValue? error, bool aborted = false, LuaValue[]? leftOnStack = null)
    {
        Done = true;
        Results = results;
        Error = error;
        LeftOnStack = leftOnStack ?? (error is { } value ? new[] { value } : Array.Empty<LuaValue>());
        Aborted = aborted;
        Parked = null;
        Finished.TrySetResult();
    }

    /// <summary>Killed, or its request or timer ended first: it is never resumed again.</summary>
    public void Abandon()
    {
        Root.Abandon();
        Finish(Array.Empty<LuaValue>(), null);
    }
}
