using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>Sets of phases an API function may run in (ngx_lua's context masks).</summary>
[Flags]
public enum PhaseMask
{
    None = 0,
    Init = 1 << (int)LuaPhase.Init, InitWorker = 1 << (int)LuaPhase.InitWorker, ExitWorker = 1 << (int)LuaPhase.ExitWorker,
    Set = 1 << (int)LuaPhase.Set, ServerRewrite = 1 << (int)LuaPhase.ServerRewrite, Rewrite = 1 << (int)LuaPhase.Rewrite,
    Access = 1 << (int)LuaPhase.Access, Precontent = 1 << (int)LuaPhase.Precontent, Content = 1 << (int)LuaPhase.Content,
    HeaderFilter = 1 << (int)LuaPhase.HeaderFilter, BodyFilter = 1 << (int)LuaPhase.BodyFilter, Log = 1 << (int)LuaPhase.Log,
    Timer = 1 << (int)LuaPhase.Timer, Balancer = 1 << (int)LuaPhase.Balancer,

    /// <summary>The phases that run in an entry coroutine and may park it.</summary>
    Yieldable = ServerRewrite | Rewrite | Access | Precontent | Content,
    Output = ServerRewrite | Rewrite | Access | Precontent | Content,
    AnyRequest = Set | ServerRewrite | Rewrite | Access | Precontent | Content | HeaderFilter | BodyFilter | Log | Balancer,
}

/// <summary>What every ngx API function does first: find its request and check the phase, with ngx_lua's messages.</summary>
public static class NgxApi
{
    public static LuaWorker Worker => LuaWorker.Current ?? throw new LuaException("no Lua worker state");

    /// <summary>The running request, or the Lua error ngx_lua raises ("no request object found", "API disabled in the context of ...").</summary>
    public static LuaRequest Request(PhaseMask allowed)
    {
        var worker = Worker;
        CheckPhase(worker, allowed);
        return worker.Request ?? throw new LuaException("no request object found");
    }

    public static void CheckPhase(LuaWorker worker, PhaseMask allowed)
    {
        if ((allowed & (PhaseMask)(1 << (int)worker.Phase)) != 0) return;
        // Outside any request (init, init_worker, exit_worker) ngx_lua first finds no request.
        if (worker.Request is null && worker.Phase != LuaPhase.Timer) throw new LuaException("no request object found");
        throw new LuaException("API disabled in the context of " + LuaPhases.Directive(worker.Phase));
    }

    /// <summary>Parks the request's entry coroutine until <paramref name="work"/> completes; its result resumes the code.</summary>
    public static int Park(in LuaCall call, LuaRequest request, Func<ValueTask<LuaValue[]>> work)
    {
        if (call.Thread != request.EntryThread && request.Threads?.Find(call.Thread) is { } user)
        {
            user.Pending = work;
            return call.Thread.Suspend(call);
        }
        if (call.Thread != request.EntryThread)
            throw new LuaException("tidegate does not support yielding (ngx.sleep, body reads, flushes) inside user coroutines yet");
        request.Pending = work;
        return call.Thread.Suspend(call);
    }

    public static void Set(LuaTable table, string name, HostFunctionBody body) =>
        table[name] = new HostFunction(name, body);

    public static LuaString Str(string text) => LuaString.FromLatin1(text);
}
