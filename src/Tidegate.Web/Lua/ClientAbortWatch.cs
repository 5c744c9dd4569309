using Tidegate.Web.Http;
using Tidegate.Web.Logging;
using Tidegate.Web.Lua.Threads;

namespace Tidegate.Web.Lua;

/// <summary>
/// lua_check_client_abort for one handler run (ngx_lua's rd_check_broken_connection): while the
/// handler is parked (ngx.sleep, a cosocket, a thread wait) the client closing or resetting its
/// connection is noticed. nginx then logs "client prematurely closed connection" at info and
/// either runs the ngx.on_abort function as a user thread (once) or, without one, finalizes the
/// request with 499 and the handler's Lua code stops where it is.
/// </summary>
public sealed class ClientAbortWatch
{
    private ClientAbortWatch(Task<ClientClose> gone) { Gone = gone; }

    /// <summary>Completes when the client went away.</summary>
    public Task<ClientClose> Gone { get; }
    /// <summary>The abort was acted on: nginx reacts once per handler.</summary>
    public bool Fired { get; private set; }

    /// <summary>The watch for a handler of <paramref name="phase"/>; null when lua_check_client_abort is off there.</summary>
    public static ClientAbortWatch? For(RequestContext ctx, LuaPhase phase)
    {
        if (!ctx.Settings.LuaCheckClientAbort) return null;
        if (phase is not (LuaPhase.ServerRewrite or LuaPhase.Rewrite or LuaPhase.Access or LuaPhase.Content)) return null;
        return ctx.Channel.ClientGone is { } gone ? new ClientAbortWatch(gone) : null;
    }

    /// <summary>Acts on the abort: false when there is no on_abort handler (the request ends with 499).</summary>
    public bool Fire(LuaWorker worker, LuaRequest request, LuaPhase phase, RequestPipeline pipeline)
    {
        Fired = true;
        var ctx = request.Context;
        pipeline.Log(ctx, LogLevel.Info, Gone.Result.Describe());
        if (request.OnAbort is not { } handler) return false;
        request.Threads ??= new RequestThreads(request, null, phase);
        var thread = request.Threads.Add(worker.State.NewThread(handler), request.EntryThread!);
        request.Threads.Resume(worker, thread, Array.Empty<Tidegate.Lua.Runtime.LuaValue>());
        return true;
    }
}
