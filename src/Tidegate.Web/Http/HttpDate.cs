using System.Globalization;

namespace Tidegate.Web.Http;

/// <summary>The Date header's value, formatted once per second (nginx caches its time strings too).</summary>
public static class HttpDate
{
    private static Cached cachedLocal = new(-1, "");

    /// <summary>$time_local: "21/Nov/2026:10:00:00 +0000", cached per second like nginx's cached log time.</summary>
    public static string LocalLogTime
    {
        get
        {
            long second = Runtime.WorkerClock.UtcNow.ToUnixTimeSeconds();
            var current = cachedLocal;
            if (current.Second == second) return current.Text;
            var now = DateTimeOffset.Now;
            string text = now.ToString("dd/MMM/yyyy:HH:mm:ss ", CultureInfo.InvariantCulture) + now.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "");
            cachedLocal = new Cached(second, text);
            return text;
        }
    }

    private sealed record Cached(long Second, string Text)
    {
        /// <summary>The whole header line, "Date: ...\r\n", as the response head writes it.</summary>
        public byte[] HeaderLine { get; } = System.Text.Encoding.ASCII.GetBytes("Date: " + Text + "\r\n");
    }
    private static Cached cached = new(-1, "");

    public static string Now => Current().Text;

    /// <summary>"Date: Sat, 21 Nov 2026 10:00:00 GMT\r\n" as bytes, made once per second.</summary>
    public static byte[] HeaderLine => Current().HeaderLine;

    private static Cached Current()
    {
        // On a worker, the time of its loop's turn (nginx's cached time strings are updated per pass too).
        var now = Runtime.WorkerClock.UtcNow;
        long second = now.ToUnixTimeSeconds();
        var current = cached;
        if (current.Second == second) return current;
        var fresh = new Cached(second, now.ToString("r", CultureInfo.InvariantCulture));
        cached = fresh;
        return fresh;
    }
}
