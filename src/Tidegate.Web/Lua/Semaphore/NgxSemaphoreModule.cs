using Tidegate.Lua.Runtime;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Semaphore;

/// <summary>
/// <c>require "ngx.semaphore"</c>: new, wait, post, count, with lua-resty-core's object shape (a table
/// holding the semaphore in its <c>sem</c> field, the module as <c>__index</c>), results and errors.
/// wait parks the calling thread (entry thread, light thread, timer, or a coroutine under them) on
/// the worker's event loop; it answers true, or nil, "timeout" at once for a zero timeout, or
/// false, "timeout" when its time ran out while parked.
/// </summary>
public static class NgxSemaphoreModule
{
    private const PhaseMask Yieldable = PhaseMask.Yieldable | PhaseMask.Timer;

    public static LuaTable Open()
    {
        var module = new LuaTable();
        var meta = new LuaTable();
        meta["__index"] = module;
        module["version"] = NgxApi.Str("0.1.25");
        NgxApi.Set(module, "new", call => New(call, meta));
        NgxApi.Set(module, "wait", Wait);
        NgxApi.Set(module, "post", Post);
        NgxApi.Set(module, "count", call => call.Return(Instance(call).Count));
        return module;
    }

    private static int New(LuaCall call, LuaTable meta)
    {
        double n = ToNumber(call[0]) ?? 0;
        if (n < 0) throw call.Thread.RuntimeError("no negative number");
        var instance = new LuaTable();
        instance["sem"] = new LuaUserdata(new LuaSemaphore(ToInt(n)));
        instance.Metatable = meta;
        return call.Return(instance);
    }

    private static LuaSemaphore Instance(in LuaCall call) =>
        call[0].Ref is LuaTable t && t.Get(NgxApi.Str("sem")).Ref is LuaUserdata { Value: LuaSemaphore semaphore }
            ? semaphore
            : throw call.Thread.RuntimeError("not a semaphore instance");

    private static int Wait(LuaCall call)
    {
        var semaphore = Instance(call);
        var worker = NgxApi.Worker;
        if (worker.Request is null && worker.Phase is not (LuaPhase.Timer or LuaPhase.InitWorker))
            throw new LuaException("no request found");
        double milliseconds = (ToNumber(call[1]) ?? throw call.Thread.RuntimeError("attempt to perform arithmetic on a nil value")) * 1000;
        if (milliseconds < 0) throw call.Thread.RuntimeError("no negative number");
        if ((Yieldable & (PhaseMask)(1 << (int)worker.Phase)) == 0)
            return call.Return(LuaValue.Nil, NgxApi.Str("API disabled in the context of " + LuaPhases.Directive(worker.Phase)));
        if (semaphore.TryTake()) return call.Return(LuaValue.True);
        int wait = ToInt(milliseconds);
        if (wait == 0) return call.Return(LuaValue.Nil, NgxApi.Str("timeout"));

        LuaSemaphore.Waiter? waiter = null;
        int status = NgxApi.Park(call, worker.Request, async () =>
        {
            var w = waiter!;
            using var timeout = new CancellationTokenSource();
            var timer = Task.Delay(wait, timeout.Token);
            await Task.WhenAny(w.Signal.Task, timer);
            timeout.Cancel();
            w.Delivered = true;
            if (w.Woken) return new[] { LuaValue.True, LuaValue.Nil };
            semaphore.Withdraw(w);
            return new LuaValue[] { LuaValue.False, NgxApi.Str("timeout") };
        });
        // Parked (a thread that cannot yield raised above): now the waiter joins the queue.
        waiter = semaphore.Enqueue();
        var parkedWaiter = waiter;
        if (Threads.CoroutineRoot.Current is { } root) root.ParkCleanup = () => semaphore.Withdraw(parkedWaiter);
        return status;
    }

    private static int Post(LuaCall call)
    {
        var semaphore = Instance(call);
        double n = call[1].IsTruthy ? ToNumber(call[1]) ?? 1 : 1;
        if (n < 1) throw call.Thread.RuntimeError("positive number required");
        semaphore.Post(ToInt(n));
        return call.Return(LuaValue.True);
    }

    /// <summary>Lua's tonumber: numbers, and strings that read as numbers.</summary>
    private static double? ToNumber(LuaValue v)
    {
        if (v.IsNumber) return v.Number;
        if (v.Ref is LuaString s && LuaNumber.TryParse(s.Span, out double d)) return d;
        return null;
    }

    /// <summary>The FFI's conversion to a C int (truncation toward zero), clamped where C would overflow.</summary>
    private static int ToInt(double d) => double.IsNaN(d) ? 0 : (int)Math.Clamp(Math.Truncate(d), int.MinValue, int.MaxValue);
}
