using System.Diagnostics;

namespace Tidegate.Web.Runtime;

/// <summary>
/// The time as a worker saw it at the start of its loop's current turn, as nginx's <c>ngx_time_update</c>
/// caches it once per pass of its event loop: a request's start time, the Date header's second and the
/// timeout list all read it, instead of two or three clock reads per request. On any thread that is not
/// a worker (start-up, tests, the runtime's threads) it reads the clocks each time.
/// </summary>
public static class WorkerClock
{
    [ThreadStatic] private static bool cached;
    [ThreadStatic] private static DateTimeOffset utcNow;
    [ThreadStatic] private static long timestamp;

    /// <summary>Reads both clocks for this worker's turn (the worker loop calls it after each poll).</summary>
    public static void Update()
    {
        timestamp = Stopwatch.GetTimestamp();
        utcNow = DateTimeOffset.UtcNow;
        cached = true;
    }

    /// <summary>Wall-clock time: this worker turn's, or now off a worker.</summary>
    public static DateTimeOffset UtcNow => cached ? utcNow : DateTimeOffset.UtcNow;

    /// <summary>A <see cref="Stopwatch"/> timestamp: this worker turn's, or now off a worker.</summary>
    public static long Timestamp => cached ? timestamp : Stopwatch.GetTimestamp();
}
