using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;
using Tidegate.Web.Lua.Sockets;

namespace Tidegate.Web.Lua.Timers;

/// <summary>
/// A timer as the owner of its cosockets (ngx_lua's fake timer request): the configuration in
/// effect where the timer was created, and the timer's log context ("context: ngx.timer").
/// Its sockets are closed when the timer's callback (with its light threads) has returned.
/// </summary>
public sealed class TimerCosocketOwner : CosocketOwner
{
    private readonly LuaTimer timer;

    public TimerCosocketOwner(LuaTimer timer) { this.timer = timer; }

    public override LocationSettings Settings => timer.Settings;

    public override void Log(LuaWorker worker, LuaPhase phase, LogLevel level, string message) =>
        worker.LogForTimer(timer, level, message);
}
