namespace Tidegate.Web.Lua.Api;

/// <summary>
/// A worker's cached time, as nginx's ngx_cached_time: read by ngx.now/time/today/localtime/utctime
/// and refreshed only by <see cref="Update"/> (the worker's event loop calls it once per iteration,
/// and ngx.update_time from Lua), so the time stays constant inside a handler until then.
/// </summary>
public sealed class NgxClock
{
    private readonly Func<DateTimeOffset> _source;

    /// <summary>Unix time in milliseconds at the last update.</summary>
    public long UnixMilliseconds { get; private set; }

    public NgxClock() : this(() => DateTimeOffset.UtcNow) { }

    /// <summary>A clock reading <paramref name="source"/> (tests pass a fixed time).</summary>
    public NgxClock(Func<DateTimeOffset> source)
    {
        _source = source;
        Update();
    }

    public void Update() => UnixMilliseconds = _source().ToUnixTimeMilliseconds();

    /// <summary>
    /// Moves the cached time up to <paramref name="turn"/>, the worker loop's time for its current turn
    /// (Runtime.WorkerClock), without a clock read of its own; never back, so an ngx.update_time earlier
    /// in the same turn keeps its later reading.
    /// </summary>
    public void CatchUp(DateTimeOffset turn)
    {
        long ms = turn.ToUnixTimeMilliseconds();
        if (ms > UnixMilliseconds) UnixMilliseconds = ms;
    }

    public long UnixSeconds => Math.DivRem(UnixMilliseconds, 1000L, out long ms) - (ms < 0 ? 1 : 0);

    public DateTime UtcNow => DateTime.UnixEpoch.AddSeconds(UnixSeconds);

    public DateTime LocalNow => TimeZoneInfo.ConvertTimeFromUtc(UtcNow, TimeZoneInfo.Local);
}
