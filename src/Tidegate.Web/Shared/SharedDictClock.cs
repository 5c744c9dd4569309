namespace Tidegate.Web.Shared;

/// <summary>
/// The time shared dictionaries read for expiry, in milliseconds since the Unix epoch (nginx's
/// cached ngx_timeofday in ms). Tests substitute a clock they move by hand.
/// </summary>
public abstract class SharedDictClock
{
    public abstract long NowMilliseconds { get; }

    public static SharedDictClock System { get; } = new SystemClock();

    /// <summary>
    /// Wall-clock milliseconds read cheaply, as nginx reads its cached time rather than the system
    /// clock on every operation: DateTimeOffset.UtcNow costs ~45 ns on this kind of machine, about
    /// half of a whole dictionary operation, while Environment.TickCount64 (the coarse monotonic
    /// clock, a few ms resolution) costs ~4 ns. The wall-clock base is taken again every second, so
    /// a step of the system clock is followed within a second.
    /// </summary>
    private sealed class SystemClock : SharedDictClock
    {
        private sealed record Base(long Tick, long Epoch);
        private Base _base = Now();

        private static Base Now() => new(Environment.TickCount64, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        public override long NowMilliseconds
        {
            get
            {
                var b = Volatile.Read(ref _base);
                long elapsed = Environment.TickCount64 - b.Tick;
                if (elapsed is >= 0 and < 1000) return b.Epoch + elapsed;
                var fresh = Now();
                Volatile.Write(ref _base, fresh);
                return fresh.Epoch;
            }
        }
    }
}

/// <summary>A clock that stands still until moved: for tests of expiry without sleeping.</summary>
public sealed class ManualSharedDictClock : SharedDictClock
{
    private long _now;
    public ManualSharedDictClock(long startMilliseconds = 1_700_000_000_000) => _now = startMilliseconds;
    public override long NowMilliseconds => Interlocked.Read(ref _now);
    public void Advance(long milliseconds) => Interlocked.Add(ref _now, milliseconds);
}
