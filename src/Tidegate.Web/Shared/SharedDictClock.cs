namespace Tidegate.Web.Shared;

/// <summary>
/// The time shared dictionaries read for expiry, in milliseconds since the Unix epoch (nginx's
/// cached ngx_timeofday in ms). Tests substitute a clock they move by hand.
/// </summary>
public abstract class SharedDictClock
{
    public abstract long NowMilliseconds { get; }

    public static SharedDictClock System { get; } = new SystemClock();

    private sealed class SystemClock : SharedDictClock
    {
        public override long NowMilliseconds => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
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
