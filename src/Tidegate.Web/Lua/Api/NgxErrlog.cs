using Tidegate.Lua.Runtime;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// <c>require "ngx.errlog"</c>: raw_log (a message as given, at a level, with the running context's
/// log suffix but no "[lua] file:line:" prefix) and get_sys_filter_level (the error log's level where
/// the code runs), with lua-resty-core's messages. set_filter_level and get_logs read the error log
/// lua_capture_error_log keeps, which tidegate does not build (the directive stops start-up as not
/// supported yet): they answer nil and an error naming
/// the directive, as OpenResty does when it is not set (Debian's nginx, lacking OpenResty's patch,
/// answers "missing the capture error log patch for nginx").
/// </summary>
public static class NgxErrlog
{
    private const string NotCaptured = "directive \"lua_capture_error_log\" is not set";

    public static LuaTable Open()
    {
        var module = new LuaTable();
        module["version"] = NgxApi.Str("0.1.25");
        NgxApi.Set(module, "raw_log", RawLog);
        NgxApi.Set(module, "get_sys_filter_level", GetSysFilterLevel);
        NgxApi.Set(module, "set_filter_level", call =>
            call[0].IsFalsy ? call.Return(LuaValue.Nil, NgxApi.Str("missing \"level\" argument")) : call.Return(LuaValue.Nil, NgxApi.Str(NotCaptured)));
        NgxApi.Set(module, "get_logs", call => call.Return(LuaValue.Nil, NgxApi.Str(NotCaptured)));
        return module;
    }

    private static int RawLog(LuaCall call)
    {
        if (!call[0].IsNumber) throw call.Thread.RuntimeError("bad argument #1 to 'raw_log' (must be a number)");
        if (call[1].Ref is not LuaString message) throw call.Thread.RuntimeError("bad argument #2 to 'raw_log' (must be a string)");
        double level = call[0].Number;
        // The FFI passes an int: the fraction goes; outside STDERR..DEBUG nginx refuses the level.
        if (!(level > -1 && level < 9)) throw call.Thread.RuntimeError("bad log level");
        var worker = NgxApi.Worker;
        var logLevel = (LogLevel)(int)level;
        if (worker.LogEnabled(logLevel)) worker.Log(logLevel, message.ToLatin1());
        return call.Return();
    }

    private static int GetSysFilterLevel(LuaCall call)
    {
        var worker = NgxApi.Worker;
        var log = worker.Request is { } request ? worker.Runtime.ErrorLogFor(request.Context.Settings) : worker.Runtime.ErrorLog;
        return call.Return((int)log.MostVerbose);
    }
}
