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

    /// <summary>
    /// Parks the running code until <paramref name="work"/> completes; its result resumes the code. The
    /// coroutine the server drives (entry thread, light thread or timer) is what parks, also when the
    /// call comes from a coroutine the Lua code made (see Threads/CoroutineRoot).
    /// </summary>
    public static int Park(in LuaCall call, LuaRequest? request, Func<ValueTask<LuaValue[]>> work)
    {
        var root = Threads.CoroutineRoot.Current ?? throw new LuaException("no coroutine to park in this context");
        return root.Park(call, work);
    }

    public static void Set(LuaTable table, string name, HostFunctionBody body) =>
        table[name] = new HostFunction(name, body);

    public static LuaString Str(string text) => LuaString.FromLatin1(text);
}
