using Tidegate.Lua.Runtime;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Threads;

/// <summary>ngx.thread: spawn, wait, kill (in request handlers and timers), with ngx_lua's results and argument errors.</summary>
public static class NgxThreadApi
{
    public static LuaTable Create()
    {
        var table = new LuaTable();
        NgxApi.Set(table, "spawn", Spawn);
        NgxApi.Set(table, "wait", Wait);
        NgxApi.Set(table, "kill", Kill);
        return table;
    }

    /// <summary>The user threads of the running handler or timer (made on first use by spawn).</summary>
    private static RequestThreads? Group(LuaWorker worker, bool create)
    {
        if (worker is { Phase: LuaPhase.Timer, Timer: { } timer })
            return create ? timer.Threads ??= new RequestThreads(null, timer, LuaPhase.Timer) : timer.Threads;
        var request = NgxApi.Request(PhaseMask.Yieldable);
        return create ? request.Threads ??= new RequestThreads(request, null, worker.Phase) : request.Threads;
    }

    private static int Spawn(LuaCall call)
    {
        var worker = NgxApi.Worker;
        var group = Group(worker, create: false);
        if (call.Count < 1 || call[0].AsFunction is not LuaFunction function)
            throw new LuaException("bad argument #1 to '?' (Lua function expected)");
        var args = new LuaValue[call.Count - 1];
        for (int i = 1; i < call.Count; i++) args[i - 1] = call[i];
        group ??= Group(worker, create: true)!;
        var thread = group.Add(worker.State.NewThread(function), call.Thread);
        // The new thread runs at once until it parks or ends; then its parent goes on.
        group.Resume(worker, thread, args);
        // ngx.exit in the new thread ends the whole request (or timer): the parent stops here too.
        if (group.Ended) return CoroutineRoot.Current is { } root ? root.Park(call, null) : call.Thread.Suspend(call);
        return call.Return(thread.Coroutine);
    }

    private static int Wait(LuaCall call)
    {
        var group = Group(NgxApi.Worker, create: false);
        if (call.Count < 1) throw new LuaException("at least one coroutine should be specified");
        // Each argument in turn, as ngx_lua: one that already ended answers at once, before later arguments are looked at.
        var targets = new List<LightThread>();
        for (int i = 0; i < call.Count; i++)
        {
            if (call[i].Ref is not LuaThread co) throw new LuaException($"bad argument #{i + 1} to '?' (lua thread expected)");
            var t = group?.Find(co) ?? throw new LuaException("attempt to wait on a coroutine that is not a user thread");
            if (t.Parent != call.Thread) throw new LuaException("only the parent coroutine can wait on the thread");
            if (t.Reaped) return call.Return(LuaValue.Nil, NgxApi.Str("already waited or killed"));
            if (t.Done) return call.Return(Outcome(t));
            targets.Add(t);
        }
        return NgxApi.Park(call, null, async () =>
        {
            await Task.WhenAny(targets.Select(t => t.Finished.Task));
            foreach (var t in targets) if (t.Done) return Outcome(t);
            return Array.Empty<LuaValue>();
        });
    }

    /// <summary>true and the values it returned, or false and what its failed coroutine left (its error); the thread is reaped.</summary>
    private static LuaValue[] Outcome(LightThread t)
    {
        t.Reaped = true;
        if (t.Aborted) return new[] { LuaValue.False };
        if (t.Error is not null)
        {
            var failed = new LuaValue[t.LeftOnStack.Length + 1];
            failed[0] = LuaValue.False;
            t.LeftOnStack.CopyTo(failed, 1);
            return failed;
        }
        var values = new LuaValue[t.Results.Length + 1];
        values[0] = LuaValue.True;
        t.Results.CopyTo(values, 1);
        return values;
    }

    private static int Kill(LuaCall call)
    {
        var group = Group(NgxApi.Worker, create: false);
        if (call.Count < 1 || call[0].Ref is not LuaThread co) throw new LuaException("bad argument #1 to '?' (lua thread expected)");
        // ngx_lua answers (rather than raises) for a coroutine that is no user thread or not the killer's.
        if (group?.Find(co) is not { } t) return call.Return(LuaValue.Nil, NgxApi.Str("not user thread"));
        if (t.Parent != call.Thread) return call.Return(LuaValue.Nil, NgxApi.Str("killer not parent"));
        if (t.Reaped) return call.Return(LuaValue.Nil, NgxApi.Str("already waited or killed"));
        if (t.Done) return call.Return(LuaValue.Nil, NgxApi.Str("already terminated"));
        t.Reaped = true;
        t.Abandon();
        // ngx_lua kills the coroutine itself: coroutine.status says "dead" from now on (checked on nginx).
        t.Coroutine.Kill();
        return call.Return(1);
    }
}
