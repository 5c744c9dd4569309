using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Threads;

/// <summary>
/// One ngx.thread.spawn user thread of a request: its coroutine, the work it parked on (its own
/// ngx.sleep etc.), and how it ended (values, or the error), which ngx.thread.wait hands back.
/// </summary>
public sealed class LightThread
{
    public LightThread(LuaThread coroutine) { Coroutine = coroutine; }

    public LuaThread Coroutine { get; }
    /// <summary>Set by an API function that parked this thread.</summary>
    public Func<ValueTask<LuaValue[]>>? Pending { get; set; }
    /// <summary>The running park, awaited by the request's runner.</summary>
    public Task<LuaValue[]>? Parked { get; set; }
    public bool Done { get; private set; }
    /// <summary>Waited for or killed: a second wait/kill answers "already waited or killed".</summary>
    public bool Reaped { get; set; }
    public LuaValue[] Results { get; private set; } = Array.Empty<LuaValue>();
    public LuaValue? Error { get; private set; }
    /// <summary>Completes when the thread ends (ngx.thread.wait parks on it).</summary>
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Finish(LuaValue[] results, LuaValue? error)
    {
        Done = true;
        Results = results;
        Error = error;
        Pending = null;
        Parked = null;
        Finished.TrySetResult();
    }
}
