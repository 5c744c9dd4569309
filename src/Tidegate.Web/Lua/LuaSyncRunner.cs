using Tidegate.Lua.Runtime;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua;

/// <summary>
/// Runs the handlers that cannot park (set_by_lua, header_filter_by_lua, body_filter_by_lua,
/// log_by_lua) as plain calls on the worker's state, with the request and phase set for the API.
/// A failure is logged as ngx_lua logs it ("failed to run header_filter_by_lua*: ...").
/// </summary>
public static class LuaSyncRunner
{
    /// <returns>the chunk's results, or null when it failed (already logged).</returns>
    public static LuaValue[]? Run(RequestContext ctx, LuaChunkSpec spec, LuaPhase phase, LuaValue[]? args = null)
    {
        if (LuaWorker.ForRequest(ctx) is not { } worker) return null;
        var request = LuaRequest.Of(ctx);
        var previous = (worker.Request, worker.Phase, request.Args);
        var outer = LuaWorker.Enter(worker);
        worker.Request = request;
        worker.Phase = phase;
        if (args is not null) request.Args = args;
        try
        {
            var chunk = worker.Load(spec, ctx);
            worker.Clock.Update();
            return worker.State.Call(chunk);
        }
        catch (LuaException e)
        {
            string detail = e is LuaCompileException or LuaFileMissingException ? e.Message : LuaErrors.Describe(e);
            worker.Log(LogLevel.Error, $"failed to run {LuaPhases.Directive(phase)}: {detail}");
            return null;
        }
        finally
        {
            (worker.Request, worker.Phase, request.Args) = previous;
            LuaWorker.Leave(outer);
        }
    }
}
