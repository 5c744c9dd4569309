using Tidegate.Lua.Runtime;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua.Threads;

/// <summary>
/// A request's user threads (ngx.thread.spawn) and how they run: each runs until it parks or
/// ends; a parked one is resumed by the entry runner when its work completes. An error ends only
/// that thread ("lua user thread aborted"); the request ends when the entry thread and every user
/// thread have ended, or at once on ngx.exit in any of them.
/// </summary>
public sealed class RequestThreads
{
    private readonly List<LightThread> threads = new();

    public IReadOnlyList<LightThread> All => threads;

    public LightThread? Find(LuaThread coroutine)
    {
        foreach (var t in threads) if (t.Coroutine == coroutine) return t;
        return null;
    }

    public bool AllDone
    {
        get { foreach (var t in threads) if (!t.Done && !t.Reaped) return false; return true; }
    }

    public LightThread Add(LuaThread coroutine)
    {
        var thread = new LightThread(coroutine);
        threads.Add(thread);
        return thread;
    }

    /// <summary>Resumes a user thread with <paramref name="values"/> in the request's context and records how it stopped.</summary>
    public static void Resume(LuaWorker worker, LuaRequest request, LuaPhase phase, LightThread thread, LuaValue[] values)
    {
        thread.Pending = null;
        thread.Parked = null;
        var previous = (worker.Request, worker.Phase);
        var outer = LuaWorker.Enter(worker);
        worker.Request = request;
        worker.Phase = phase;
        try
        {
            LuaValue[] results;
            try { results = thread.Coroutine.Resume(values); }
            catch (LuaException e)
            {
                worker.Log(LogLevel.Error, "lua user thread aborted: runtime error: " + LuaErrors.Describe(e, coroutine: true));
                thread.Finish(Array.Empty<LuaValue>(), e.Value);
                return;
            }
            if (thread.Coroutine.Status == CoroutineStatus.Dead) { thread.Finish(results, null); return; }
            if (request.ExitKind != LuaExitKind.None) return;
            // Parked on some work, or a bare coroutine.yield (resumed at once, as ngx_lua does).
            thread.Parked = thread.Pending is { } pending ? pending().AsTask() : Task.FromResult(Array.Empty<LuaValue>());
        }
        finally
        {
            (worker.Request, worker.Phase) = previous;
            LuaWorker.Leave(outer);
        }
    }
}
