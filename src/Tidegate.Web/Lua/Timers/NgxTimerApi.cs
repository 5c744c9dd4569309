using Tidegate.Lua.Runtime;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Timers;

/// <summary>ngx.timer: at, every, running_count, pending_count, with ngx_lua's argument errors.</summary>
public static class NgxTimerApi
{
    public static LuaTable Create()
    {
        var timer = new LuaTable();
        NgxApi.Set(timer, "at", call => Create(call, every: false));
        NgxApi.Set(timer, "every", call => Create(call, every: true));
        NgxApi.Set(timer, "running_count", call => call.Return(NgxApi.Worker.Timers.RunningCount));
        NgxApi.Set(timer, "pending_count", call => call.Return(NgxApi.Worker.Timers.PendingCount));
        return timer;
    }

    private static int Create(LuaCall call, bool every)
    {
        var worker = NgxApi.Worker;
        if (call.Count < 2) throw new LuaException("expecting at least 2 arguments but got " + call.Count);
        if (!Delay(call[0], out double delay))
            throw new LuaException("bad argument #1 to '?' (number expected, got " + call[0].TypeName + ")");
        if (call[1].AsFunction is not LuaFunction function)
            throw new LuaException("bad argument #2 to '?' (Lua function expected)");
        if (every && delay == 0) throw new LuaException("delay cannot be zero");
        var args = new LuaValue[call.Count - 2];
        for (int i = 2; i < call.Count; i++) args[i - 2] = call[i];
        var creator = worker.Request?.Context.LogContext ?? worker.Timer?.Creator;
        if (creator is not null) creator = creator with { RequestLine = null, Host = null };
        // The configuration the timer's cosockets read: where it was created (ngx_lua copies the
        // creating request's main/server/location conf into the timer; init_worker has the http level's).
        var settings = worker.Request?.Context.Settings ?? worker.Timer?.Settings ?? worker.Config.Lua.HttpSettings ?? DefaultSettings;
        var timer = new LuaTimer(function, args, double.IsNaN(delay) ? 0 : delay, every, creator, settings);
        if (worker.Timers.IsExiting) return call.Return(LuaValue.Nil, NgxApi.Str("process exiting"));
        if (!worker.Timers.Schedule(timer)) return call.Return(LuaValue.Nil, NgxApi.Str("too many pending timers"));
        return call.Return(1);
    }

    private static readonly Hosting.LocationSettings DefaultSettings = new();

    /// <summary>luaL_checknumber's view of the delay: a number, or a string that reads as one.</summary>
    private static bool Delay(LuaValue value, out double delay)
    {
        delay = 0;
        if (value.IsNumber) { delay = value.Number; return true; }
        return value.Ref is LuaString s && double.TryParse(s.ToLatin1().Trim(), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out delay);
    }
}
