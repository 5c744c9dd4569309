using Tidegate.Lua.Runtime;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// <c>require "ngx.errlog"</c>: raw_log (a message as given, at a level, with the running context's
/// log suffix but no "[lua] file:line:" prefix), get_sys_filter_level (the error log's level where
/// the code runs), and set_filter_level/get_logs on the worker's lua_capture_error_log ring
/// (<see cref="ErrorLogRing"/>), as lua-resty-core's errlog.lua drives OpenResty's: get_logs fills a
/// flat table {level1, time1, line1, level2, ...} with up to max (10) of the oldest lines, removing
/// them. Without the directive both answer nil and "directive "lua_capture_error_log" is not set", as
/// OpenResty does (Debian's nginx, lacking OpenResty's patch, answers "missing the capture error log
/// patch for nginx"). Argument errors are those errlog.lua and LuaJIT's FFI raise, without the
/// errlog.lua position nginx's carry.
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
        NgxApi.Set(module, "set_filter_level", SetFilterLevel);
        NgxApi.Set(module, "get_logs", GetLogs);
        return module;
    }

    private static int SetFilterLevel(LuaCall call)
    {
        var level = call[0];
        if (level.IsFalsy) return call.Return(LuaValue.Nil, NgxApi.Str("missing \"level\" argument"));
        // The level goes to C through the FFI as an int: a number converts, and true (as 1); nothing else.
        if (!level.IsNumber && !level.IsBoolean)
            throw new LuaException($"bad argument #1 to 'ngx_lua_ffi_errlog_set_filter_level' (cannot convert '{level.TypeName}' to 'int')");
        int value = level.IsBoolean ? 1 : FfiInt(level.Number);
        if (ErrorLogRing.Current is not { } ring) return call.Return(LuaValue.Nil, NgxApi.Str(NotCaptured));
        if (value > (int)LogLevel.Debug || value < (int)LogLevel.Stderr)
            return call.Return(LuaValue.Nil, NgxApi.Str("bad log level: " + value));
        ring.FilterLevel = (LogLevel)value;
        return call.Return(true);
    }

    /// <summary>A double converted to a C int as x86-64 does: truncated; NaN and out-of-range values become INT_MIN.</summary>
    private static int FfiInt(double number) =>
        number is > -2147483649.0 and < 2147483648.0 ? (int)Math.Truncate(number) : int.MinValue;

    /// <summary>get_logs([max [, logs]]): errlog.lua's loop, step for step, so its edge cases answer alike.</summary>
    private static int GetLogs(LuaCall call)
    {
        var max = call[0].IsFalsy ? (LuaValue)10.0 : call[0];
        var logs = call[1];
        double limit;
        if (logs.IsFalsy)
        {
            // errlog.lua sizes the new table with max * 3 + 1: max must be a number or a numeric string.
            if (!TryNumber(max, out limit))
                throw new LuaException($"attempt to perform arithmetic on local 'max' (a {max.TypeName} value)");
            logs = new LuaTable();
        }
        else if (!TryNumber(max, out limit))
        {
            throw new LuaException("'for' limit must be a number");
        }
        var ring = ErrorLogRing.Current;
        int count = 0;
        for (double i = 1; i <= limit; i++)
        {
            if (ring is null) return call.Return(LuaValue.Nil, NgxApi.Str(NotCaptured));
            if (!ring.TryRead(out var level, out double time, out byte[] line))
            {
                Store(logs, count + 1, LuaValue.Nil);
                break;
            }
            Store(logs, count + 1, (int)level);
            Store(logs, count + 2, time);
            Store(logs, count + 3, LuaString.FromBytes(line));
            count += 3;
            if (i == limit)
            {
                Store(logs, count + 1, LuaValue.Nil);
                break;
            }
        }
        return call.Return(logs);
    }

    private static bool TryNumber(LuaValue value, out double number)
    {
        number = 0;
        if (value.IsNumber) { number = value.Number; return true; }
        return value.Ref is LuaString text && LuaNumber.TryParse(text.Span, out number);
    }

    private static void Store(LuaValue logs, int index, LuaValue value)
    {
        if (logs.Ref is not LuaTable table) throw new LuaException($"attempt to index local 'logs' (a {logs.TypeName} value)");
        table[index] = value;
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
