using Tidegate.Lua.Runtime;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua.Timers;

/// <summary>
/// A worker's timers (ngx.timer.*): each waits on the worker's own event loop (the awaits resume
/// on the worker thread, DESIGN.md non-negotiable 5), then runs in a fresh coroutine of the
/// worker's state with no request. Counts pending and running timers against
/// lua_max_pending_timers / lua_max_running_timers; when the worker begins to exit, every
/// pending timer fires at once with premature = true, as in ngx_lua.
/// </summary>
public sealed class TimerScheduler
{
    private readonly LuaWorker worker;
    private readonly CancellationTokenSource exiting = new();

    public TimerScheduler(LuaWorker worker) { this.worker = worker; }

    public int PendingCount { get; private set; }
    public int RunningCount { get; private set; }

    private static int runningInProcess;

    /// <summary>
    /// Timers running now in all workers. nginx's exiting worker lives on until its running timers
    /// end (a timer parked in ngx.sleep or a cosocket read holds it; checked on nginx), so a
    /// graceful stop waits for these as for connections.
    /// </summary>
    public static int RunningInProcess => Volatile.Read(ref runningInProcess);

    /// <summary>Schedules a timer; false when lua_max_pending_timers is reached ("too many pending timers").</summary>
    public bool Schedule(LuaTimer timer)
    {
        if (PendingCount >= worker.Config.Lua.MaxPendingTimers) return false;
        // ngx_lua refuses new timers once the worker is exiting (ngx_exiting): they would only run prematurely.
        if (exiting.IsCancellationRequested) return false;
        PendingCount++;
        _ = WaitAndRunAsync(timer);
        return true;
    }

    /// <summary>The worker is exiting: pending timers fire now, prematurely.</summary>
    public void Expire() => exiting.Cancel();

    public bool IsExiting => exiting.IsCancellationRequested;

    private async Task WaitAndRunAsync(LuaTimer timer)
    {
        bool premature = exiting.IsCancellationRequested;
        // Even a zero delay runs later, from the event loop, never inside the code that made the timer.
        if (premature || timer.DelayMilliseconds == 0) await Task.Yield();
        else
        {
            try { await Task.Delay(timer.DelayMilliseconds, exiting.Token); }
            catch (OperationCanceledException) { premature = true; }
        }
        PendingCount--;
        // An every-timer is armed again before its function runs, as ngx_lua does.
        if (timer.Every && !premature)
            Schedule(new LuaTimer(timer.Function, timer.Args, timer.DelaySeconds, every: true, timer.Creator, timer.Settings));
        int maxRunning = worker.Config.Lua.MaxRunningTimers;
        if (RunningCount >= maxRunning)
        {
            worker.Runtime.ErrorLog.Write(LogLevel.Alert, maxRunning + " lua_max_running_timers are not enough");
            return;
        }
        RunningCount++;
        Interlocked.Increment(ref runningInProcess);
        try { await RunAsync(timer, premature); }
        finally
        {
            RunningCount--;
            Interlocked.Decrement(ref runningInProcess);
            // The callback returned: sockets it left open are closed, as ngx_lua's fake request's cleanup does.
            timer.SocketOwner.End();
        }
    }

    private async Task RunAsync(LuaTimer timer, bool premature)
    {
        var args = new LuaValue[timer.Args.Length + 1];
        args[0] = premature;
        timer.Args.CopyTo(args, 1);
        LuaValue[]? resumeValues = args;
        while (true)
        {
            var previous = (worker.Request, worker.Phase, worker.Timer);
            var outer = LuaWorker.Enter(worker);
            worker.Request = null;
            worker.Phase = LuaPhase.Timer;
            worker.Timer = timer;
            worker.Clock.Update();
            LuaException? failure = null;
            try
            {
                timer.Root ??= new Threads.CoroutineRoot(worker.State.NewThread(timer.Function));
                timer.Root.Resume(resumeValues);
                failure = timer.Root.AbortError;
            }
            catch (LuaException e) { failure = e; }
            finally
            {
                if (failure is not null)
                {
                    worker.Log(LogLevel.Error, "lua entry thread aborted: runtime error: " + LuaErrors.Describe(failure, coroutine: true));
                    timer.Threads?.AbandonPending();
                }
                (worker.Request, worker.Phase, worker.Timer) = previous;
                LuaWorker.Leave(outer);
            }
            if (failure is not null) return;
            var root = timer.Root!;
            if (timer.Exited) break;
            if (timer.Threads is { } threads)
            {
                // With light threads: the timer ends when its coroutine and all of them have ended.
                resumeValues = await threads.NextAsync(worker, root);
                if (resumeValues is null) break;
                continue;
            }
            if (root.Coroutine.Status == CoroutineStatus.Dead) return;
            // Parked (ngx.sleep, a cosocket, a semaphore), or a bare coroutine.yield(): resumed at once, as ngx_lua does.
            resumeValues = root.Pending is { } pending ? await pending() : Array.Empty<LuaValue>();
        }
        timer.Threads?.AbandonPending();
    }
}
