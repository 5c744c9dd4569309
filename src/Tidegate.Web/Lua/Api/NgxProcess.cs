using Tidegate.Lua.Runtime;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// <c>require "ngx.process"</c>: type, get_master_pid, enable_privileged_agent and
/// signal_graceful_exit as lua-resty-core's process.lua answers them. tidegate is one process whose
/// workers are threads, so its type is nginx's for the configured master_process.
/// </summary>
public static class NgxProcess
{
    public static LuaTable Open()
    {
        var module = new LuaTable();
        // "single" without a master process, as nginx's process type says.
        NgxApi.Set(module, "type", call => call.Return(NgxApi.Str(NgxApi.Worker.Config.MasterProcess ? "worker" : "single")));
        NgxApi.Set(module, "get_master_pid", call => call.Return(Environment.ProcessId));
        // ngx_lua allows it in init_by_lua only; elsewhere it answers, as nginx does.
        NgxApi.Set(module, "enable_privileged_agent", call => NgxApi.Worker.Phase == LuaPhase.Init
            ? throw new LuaException("ngx.process.enable_privileged_agent is not supported by tidegate (it has no privileged agent process)")
            : call.Return(LuaValue.Nil, NgxApi.Str("API disabled in the current context")));
        NgxApi.Set(module, "signal_graceful_exit", SignalGracefulExit);
        return module;
    }

    /// <summary>
    /// ngx_lua sets the calling process's quit flag. Without a master process (checked on nginx) that
    /// process is the server, which exits: tidegate shuts down as on SIGQUIT (requests being served
    /// finish; nginx's single process leaves at its next event-loop turn). With a master process only the
    /// worker quits and the master starts a new one; tidegate cannot restart one worker thread, so it
    /// refuses rather than stop the whole server. Returns nothing, as process.lua.
    /// </summary>
    private static int SignalGracefulExit(LuaCall call)
    {
        if (NgxApi.Worker.Config.MasterProcess)
            throw new LuaException("ngx.process.signal_graceful_exit is not supported by tidegate with master_process on "
                + "(nginx would restart the calling worker process; tidegate's workers are threads of one process)");
        GracefulExitRequest.Send();
        return call.Return();
    }
}
