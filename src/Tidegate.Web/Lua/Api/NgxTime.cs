using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// The time functions of the ngx table, reading a worker's <see cref="NgxClock"/>: ngx.time, now,
/// update_time, today, localtime, utctime, and the HTTP date functions with resty.core's argument
/// checks.
/// </summary>
public static class NgxTime
{
    public static void Register(LuaTable ngx, NgxClock clock)
    {
        NgxArgs.Register(ngx, "time", call => call.Return((double)clock.UnixSeconds));
        NgxArgs.Register(ngx, "now", call => call.Return(clock.UnixMilliseconds / 1000.0));
        NgxArgs.Register(ngx, "update_time", call =>
        {
            clock.Update();
            return 0;
        });
        NgxArgs.Register(ngx, "today", call => call.Return(Text(clock.LocalNow.ToString("yyyy-MM-dd"))));
        NgxArgs.Register(ngx, "localtime", call => call.Return(Text(clock.LocalNow.ToString("yyyy-MM-dd HH:mm:ss"))));
        NgxArgs.Register(ngx, "utctime", call => call.Return(Text(clock.UtcNow.ToString("yyyy-MM-dd HH:mm:ss"))));
        NgxArgs.Register(ngx, "http_time", call => call.Return(Text(HttpTime.Format(HttpTime.ToTimeT(Seconds(call))))));
        NgxArgs.Register(ngx, "cookie_time", call => call.Return(Text(HttpTime.FormatCookie(HttpTime.ToTimeT(Seconds(call))))));
        NgxArgs.Register(ngx, "parse_http_time", ParseHttpTime);
    }

    private static LuaString Text(string s) => LuaString.FromLatin1(s);

    private static double Seconds(LuaCall call) =>
        call[0].IsNumber ? call[0].Number : throw NgxArgs.Error(call, "number argument only", 2);

    private static int ParseHttpTime(LuaCall call)
    {
        if (call[0].Ref is not LuaString s) throw NgxArgs.Error(call, "string argument only", 2);
        long? t = HttpTime.Parse(s.Span);
        // resty.core reads -1 (NGX_ERROR) as failure, so "Wed, 31 Dec 1969 23:59:59 GMT" is nil too.
        return call.Return(t is null or -1 ? LuaValue.Nil : (double)t.Value);
    }
}
