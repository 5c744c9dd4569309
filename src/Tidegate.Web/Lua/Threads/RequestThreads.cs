using Tidegate.Lua.Runtime;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua.Threads;

/// <summary>
/// The user threads (ngx.thread.spawn) of one handler run or one timer, and how they run: each runs
/// until it parks or ends; a parked one is resumed when its work completes. An error ends only that
/// thread ("lua user thread aborted"); the handler (or timer) ends when its entry coroutine and every
/// user thread have ended, or at once on ngx.exit in any of them.
/// </summary>
public sealed class RequestThreads
{
    private readonly List<LightThread> threads = new();

    /// <summary>Threads of a request handler (<paramref name="request"/> set) or of a timer (<paramref name="timer"/> set).</summary>
    public RequestThreads(LuaRequest? request, Timers.LuaTimer? timer, LuaPhase phase)
    {
        Request = request;
        Timer = timer;
        Phase = phase;
    }

    public LuaRequest? Request { get; }
    public Timers.LuaTimer? Timer { get; }
    public LuaPhase Phase { get; }

    public IReadOnlyList<LightThread> All => threads;

    /// <summary>ngx.exit (or exec, redirect) ended the request or the timer.</summary>
    public bool Ended => Request is { } r ? r.ExitKind != LuaExitKind.None : Timer!.Exited;

    public LightThread? Find(LuaThread coroutine)
    {
        foreach (var t in threads) if (t.Coroutine == coroutine) return t;
        return null;
    }

    public bool AllDone
    {
        get { foreach (var t in threads) if (!t.Done && !t.Reaped) return false; return true; }
    }

    public LightThread Add(LuaThread coroutine, LuaThread parent)
    {
        var thread = new LightThread(coroutine, parent);
        threads.Add(thread);
        return thread;
    }

    /// <summary>Resumes a user thread with <paramref name="values"/> in its request's (or timer's) context and records how it stopped.</summary>
    public void Resume(LuaWorker worker, LightThread thread, LuaValue[] values)
    {
        thread.Parked = null;
        var previous = (worker.Request, worker.Phase, worker.Timer);
        var outer = LuaWorker.Enter(worker);
        worker.Request = Request;
        worker.Phase = Phase;
        worker.Timer = Timer;
        try
        {
            var root = thread.Root;
            LuaValue[] results;
            try { results = root.Resume(values); }
            catch (LuaException e)
            {
                worker.Log(LogLevel.Error, "lua user thread aborted: runtime error: " + LuaErrors.Describe(e, coroutine: true) + ParentTraces(thread, e));
                thread.Finish(Array.Empty<LuaValue>(), e.Value, leftOnStack: e.LeftOnStack);
                return;
            }
            if (root.AbortError is { } abort)
            {
                worker.Log(LogLevel.Error, "lua user thread aborted: runtime error: " + LuaErrors.Describe(abort, coroutine: true) + ParentTraces(thread, abort));
                thread.Finish(Array.Empty<LuaValue>(), abort.Value, aborted: true);
                return;
            }
            if (thread.Coroutine.Status == CoroutineStatus.Dead) { thread.Finish(results, null); return; }
            if (Ended) return;
            // Parked on some work, or a bare coroutine.yield (resumed at once, as ngx_lua does).
            thread.Parked = root.Pending is { } pending ? pending().AsTask() : Task.FromResult(Array.Empty<LuaValue>());
        }
        finally
        {
            (worker.Request, worker.Phase, worker.Timer) = previous;
            LuaWorker.Leave(outer);
        }
    }

    /// <summary>
    /// ngx_lua's traceback of a failed user thread goes on with the coroutines that spawned it, each as
    /// "coroutine N:" with where it is now (in 'spawn' when the failure came while starting it, else
    /// where it is parked), up to the first one that has ended.
    /// </summary>
    private string ParentTraces(LightThread thread, LuaException error)
    {
        if (error.LuaStackTrace is null) return "";
        var text = new System.Text.StringBuilder();
        int number = 1;
        for (var parent = thread.Parent; parent.Status != CoroutineStatus.Dead; parent = Find(parent)!.Parent)
        {
            const string Header = "stack traceback:";
            string trace = parent.Traceback(null, parent.Status == CoroutineStatus.Suspended ? 0 : 1);
            text.Append("\ncoroutine ").Append(number++).Append(':');
            // A parent that is running is inside ngx.thread.spawn, which is no Lua frame of its own.
            if (parent.Status != CoroutineStatus.Suspended) text.Append("\n\t[C]: in function 'spawn'");
            text.Append(trace.StartsWith(Header, StringComparison.Ordinal) ? trace[Header.Length..] : "\n" + trace);
            if (Find(parent) is null) break;
        }
        return text.ToString();
    }

    /// <summary>
    /// Drives the user threads until the entry coroutine's own work completes (its resume values are
    /// returned), or until the run ends: every thread done, or ngx.exit in one (null).
    /// <paramref name="entryWork"/> is the entry coroutine's park when it is already being awaited;
    /// with a <paramref name="watch"/> (lua_check_client_abort) the client going away is acted on too,
    /// and when that ends the request <see cref="LuaRequest.ClientClosed"/> is set.
    /// </summary>
    public async ValueTask<LuaValue[]?> NextAsync(LuaWorker worker, CoroutineRoot entry, Task<LuaValue[]>? entryWork = null,
        ClientAbortWatch? watch = null, Http.RequestPipeline? pipeline = null)
    {
        Task<LuaValue[]>? entryTask = entryWork ?? (entry.Coroutine.Status == CoroutineStatus.Dead ? null
            : entry.Pending is { } pending ? pending().AsTask() : Task.FromResult(Array.Empty<LuaValue>()));
        var waiting = new List<Task>();
        while (true)
        {
            if (Ended) return null;
            if (entryTask is null && AllDone) return null;
            waiting.Clear();
            if (entryTask is not null) waiting.Add(entryTask);
            foreach (var t in threads) if (!t.Done && !t.Reaped && t.Parked is { } parked) waiting.Add(parked);
            if (waiting.Count == 0) return null;
            if (watch is { Fired: false }) waiting.Add(watch.Gone);
            var done = await Task.WhenAny(waiting);
            if (done == entryTask) return await entryTask;
            if (watch is not null && done == watch.Gone)
            {
                if (!watch.Fire(worker, Request!, Phase, pipeline!))
                {
                    Request!.ClientClosed = true;
                    return null;
                }
                continue;
            }
            foreach (var t in threads)
                if (t.Parked == done && !t.Done && !t.Reaped)
                {
                    Resume(worker, t, await t.Parked);
                    break;
                }
        }
    }

    /// <summary>The run ended (ngx.exit, an error, or its end) with threads still parked: they are never resumed.</summary>
    public void AbandonPending()
    {
        foreach (var t in threads) if (!t.Done) t.Abandon();
    }
}
