using Tidegate.Lua.Runtime;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Threads;

/// <summary>ngx.thread: spawn, wait, kill, with ngx_lua's results and argument errors.</summary>
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

    private static int Spawn(LuaCall call)
    {
        var worker = NgxApi.Worker;
        var request = NgxApi.Request(PhaseMask.Yieldable);
        if (call.Count < 1 || call[0].AsFunction is not LuaFunction function)
            throw new LuaException("bad argument #1 to '?' (Lua function expected)");
        var args = new LuaValue[call.Count - 1];
        for (int i = 1; i < call.Count; i++) args[i - 1] = call[i];
        request.Threads ??= new RequestThreads();
        var thread = request.Threads.Add(worker.State.NewThread(function));
        // The new thread runs at once until it parks or ends; then its parent goes on.
        RequestThreads.Resume(worker, request, worker.Phase, thread, args);
        // ngx.exit in the new thread ends the whole request: the parent stops here too.
        if (request.ExitKind != LuaExitKind.None) return call.Thread.Suspend(call);
        return call.Return(thread.Coroutine);
    }

    private static LightThread? Known(LuaRequest request, LuaValue value) =>
        value.Ref is LuaThread co ? request.Threads?.Find(co) : null;

    private static int Wait(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable);
        if (call.Count < 1) throw new LuaException("at least one coroutine should be specified");
        var targets = new List<LightThread>();
        for (int i = 0; i < call.Count; i++)
        {
            if (call[i].Ref is not LuaThread) throw new LuaException($"bad argument #{i + 1} to '?' (lua thread expected)");
            var t = Known(request, call[i]) ?? throw new LuaException("only the parent coroutine can wait on the thread");
            if (t.Reaped) return call.Return(LuaValue.Nil, NgxApi.Str("already waited or killed"));
            targets.Add(t);
        }
        foreach (var t in targets)
            if (t.Done) return call.Return(Outcome(t));
        return ParkCaller(call, request, async () =>
        {
            await Task.WhenAny(targets.Select(t => t.Finished.Task));
            foreach (var t in targets) if (t.Done) return Outcome(t);
            return Array.Empty<LuaValue>();
        });
    }

    /// <summary>true and the values it returned, or false and its error; the thread is reaped.</summary>
    private static LuaValue[] Outcome(LightThread t)
    {
        t.Reaped = true;
        if (t.Error is { } error) return new[] { LuaValue.False, error };
        var values = new LuaValue[t.Results.Length + 1];
        values[0] = LuaValue.True;
        t.Results.CopyTo(values, 1);
        return values;
    }

    private static int Kill(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable);
        if (call.Count < 1 || call[0].Ref is not LuaThread) throw new LuaException("bad argument #1 to '?' (lua thread expected)");
        var t = Known(request, call[0]) ?? throw new LuaException("only the parent coroutine can kill the thread");
        if (t.Reaped) return call.Return(LuaValue.Nil, NgxApi.Str("already waited or killed"));
        if (t.Done) return call.Return(LuaValue.Nil, NgxApi.Str("already terminated"));
        t.Reaped = true;
        t.Finish(Array.Empty<LuaValue>(), null);
        return call.Return(1);
    }

    /// <summary>Parks the calling coroutine (the entry thread or a user thread).</summary>
    private static int ParkCaller(in LuaCall call, LuaRequest request, Func<ValueTask<LuaValue[]>> work) =>
        NgxApi.Park(call, request, work);
}
