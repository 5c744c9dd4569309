using Tidegate.Lua.Runtime;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Threads;

/// <summary>
/// The <c>coroutine</c> table as ngx_lua replaces it. In the request phases that may yield and in
/// timers, create/resume/wrap/status/yield are ngx_lua's: a coroutine the handler made may park
/// (ngx.sleep, a cosocket, a semaphore wait) and the park travels up through every resume to the
/// coroutine the server drives (<see cref="CoroutineRoot"/>), which is resumed later and re-enters the
/// chain; an error in a coroutine.wrap'd function aborts that whole thread, even under pcall. In the
/// other request contexts (set, log, balancer, init_worker) they raise "API disabled in the context
/// of ...", header and body filters and init_by_lua get the standard functions, as in ngx_lua.
/// coroutine.isyieldable is not there, as it is not in ngx_lua's table.
/// </summary>
public static class NgxCoroutineApi
{
    private const PhaseMask Ours = PhaseMask.Yieldable | PhaseMask.Timer;

    public static void Install(LuaState state)
    {
        if (state.Globals["coroutine"].AsTable is not { } table) return;
        var std = new Standard(
            Get(table, "create"), Get(table, "resume"), Get(table, "wrap"), Get(table, "status"), Get(table, "yield"));
        HostFunction? resume = null;
        resume = new HostFunction("resume", call => Resume(call, std, resume!));
        table["create"] = new HostFunction("create", call => Create(call, std));
        table["resume"] = resume;
        table["wrap"] = new HostFunction("wrap", call => Wrap(call, std));
        table["status"] = new HostFunction("status", call => Status(call, std));
        table["yield"] = new HostFunction("yield", call => Yield(call, std));
        table["isyieldable"] = LuaValue.Nil;
    }

    private sealed record Standard(LuaFunction Create, LuaFunction Resume, LuaFunction Wrap, LuaFunction Status, LuaFunction Yield);

    private static LuaFunction Get(LuaTable table, string name) =>
        table[name].AsFunction ?? throw new InvalidOperationException("coroutine." + name + " missing");

    /// <summary>Whether ngx_lua's versions apply here: a request (or timer) context other than the filters.</summary>
    private static bool UseOurs(out LuaWorker? worker)
    {
        worker = LuaWorker.Current;
        if (worker is null) return false;
        if (worker.Phase is LuaPhase.HeaderFilter or LuaPhase.BodyFilter or LuaPhase.Init) return false;
        return worker.Request is not null || worker.Phase is LuaPhase.Timer or LuaPhase.InitWorker;
    }

    private static void CheckContext(LuaWorker worker)
    {
        if ((Ours & (PhaseMask)(1 << (int)worker.Phase)) == 0)
            throw new LuaException("API disabled in the context of " + LuaPhases.Directive(worker.Phase));
    }

    private static int Create(LuaCall call, Standard std)
    {
        if (!UseOurs(out var worker)) return std.Create.Invoke(call.Thread, call.Base, call.Count);
        if (call[0].AsFunction is not LuaFunction function) throw new LuaException("bad argument #1 to '?' (Lua function expected)");
        CheckContext(worker!);
        return call.Return(call.State.NewThread(function));
    }

    private static int Status(LuaCall call, Standard std)
    {
        if (!UseOurs(out var worker)) return std.Status.Invoke(call.Thread, call.Base, call.Count);
        if (call[0].Ref is not LuaThread) throw new LuaException("bad argument #1 to '?' (coroutine expected)");
        CheckContext(worker!);
        return std.Status.Invoke(call.Thread, call.Base, call.Count);
    }

    private static int Yield(LuaCall call, Standard std)
    {
        if (UseOurs(out var worker)) CheckContext(worker!);
        return std.Yield.Invoke(call.Thread, call.Base, call.Count);
    }

    private static int Resume(LuaCall call, Standard std, HostFunction self)
    {
        if (!UseOurs(out var worker)) return std.Resume.Invoke(call.Thread, call.Base, call.Count);
        if (call[0].Ref is not LuaThread co) throw new LuaException("bad argument #1 to '?' (coroutine expected)");
        CheckContext(worker!);
        return ResumeChild(call.Thread, call.Base, call.Count, co, std, self, wrapped: false);
    }

    private static int Wrap(LuaCall call, Standard std)
    {
        if (!UseOurs(out var worker)) return std.Wrap.Invoke(call.Thread, call.Base, call.Count);
        if (call[0].AsFunction is not LuaFunction function) throw new LuaException("bad argument #1 to '?' (Lua function expected)");
        CheckContext(worker!);
        var co = call.State.NewThread(function);
        HostFunction? runner = null;
        runner = new HostFunction("wrap", inner =>
        {
            // The arguments move up one slot: the standard resume takes the coroutine first.
            var thread = inner.Thread;
            thread.EnsureStack(inner.Base + inner.Count + 2);
            Array.Copy(thread.Stack, inner.Base, thread.Stack, inner.Base + 1, inner.Count);
            thread.Stack[inner.Base] = co;
            return ResumeChild(thread, inner.Base, inner.Count + 1, co, std, runner!, wrapped: true);
        });
        return call.Return(runner);
    }

    /// <summary>
    /// Resumes <paramref name="co"/> with the standard resume (the coroutine and its arguments are
    /// at <c>Stack[at..at+count)</c>; results land at <paramref name="at"/>). If the coroutine parked
    /// rather than yielded, the caller suspends too, and continues the child once resumed itself.
    /// </summary>
    private static int ResumeChild(LuaThread thread, int at, int count, LuaThread co, Standard std, HostFunction self, bool wrapped)
    {
        // A coroutine that cannot be resumed (dead, running) answers false and the reason, also through wrap.
        if (co.Status != CoroutineStatus.Suspended) wrapped = false;
        int n = std.Resume.Invoke(thread, at, count);
        var root = CoroutineRoot.Current;
        if (root is { Unwinding: true } && co.Status == CoroutineStatus.Suspended)
        {
            return thread.Suspend(new LuaCall(thread, at, 0, self), (t, resumed) =>
            {
                // Resumed with the park's results: hand them to the child where it parked.
                t.EnsureStack(at + resumed + 2);
                Array.Copy(t.Stack, at, t.Stack, at + 1, resumed);
                t.Stack[at] = co;
                return ResumeChild(t, at, resumed + 1, co, std, self, wrapped);
            });
        }
        if (!wrapped) return n;
        if (thread.Stack[at].IsTruthy)
        {
            Array.Copy(thread.Stack, at + 1, thread.Stack, at, n - 1);
            return n - 1;
        }
        var error = new LuaException(thread.Stack[at + 1]) { LuaStackTrace = co.Traceback(null, 1) };
        // ngx_lua aborts the thread running the wrap (entry, user thread or timer), past any pcall.
        if (root is not null && thread.IsYieldable) return root.Abort(new LuaCall(thread, at, 0, self), error);
        throw error;
    }
}
