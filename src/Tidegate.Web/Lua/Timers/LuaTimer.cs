using Tidegate.Lua.Runtime;
using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua.Timers;

/// <summary>
/// One ngx.timer.at / ngx.timer.every timer: the function and its extra arguments, the delay,
/// and while it runs its coroutine and what that coroutine parked on (ngx.sleep). A timer has
/// no request; its log lines carry the client and server of the request that created it, as
/// ngx_lua's fake timer connection does, and its cosockets read the configuration in effect where
/// it was created (the creating request's location; the http level for init_worker_by_lua).
/// </summary>
public sealed class LuaTimer
{
    public LuaTimer(LuaFunction function, LuaValue[] args, double delaySeconds, bool every, RequestLogContext? creator, LocationSettings settings)
    {
        Settings = settings;
        SocketOwner = new TimerCosocketOwner(this);
        Function = function;
        Args = args;
        DelaySeconds = delaySeconds;
        Every = every;
        Creator = creator;
    }

    public LuaFunction Function { get; }
    public LuaValue[] Args { get; }
    public double DelaySeconds { get; }
    /// <summary>ngx.timer.every: scheduled again each time it fires.</summary>
    public bool Every { get; }
    /// <summary>Where the timer was created (client and server for its log lines), null outside requests.</summary>
    public RequestLogContext? Creator { get; }
    /// <summary>The configuration in effect where the timer was created (lua_socket_*, lua_ssl_*, resolver, error_log).</summary>
    public LocationSettings Settings { get; }
    /// <summary>What the timer's cosockets belong to (closed when its callback returns).</summary>
    public TimerCosocketOwner SocketOwner { get; }

    /// <summary>The coroutine running the timer's function (set while it runs), driven as a <see cref="Threads.CoroutineRoot"/>.</summary>
    public Threads.CoroutineRoot? Root { get; set; }
    /// <summary>The light threads the timer's code spawned (null until the first).</summary>
    public Threads.RequestThreads? Threads { get; set; }
    /// <summary>ngx.exit was called in the timer: its coroutine ends here.</summary>
    public bool Exited { get; set; }

    public int DelayMilliseconds => (int)Math.Clamp(DelaySeconds * 1000, 0, int.MaxValue);
}
