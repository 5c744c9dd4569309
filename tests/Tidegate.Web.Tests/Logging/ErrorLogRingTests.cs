using System.Text;
using Tidegate.Web.Logging;
using Xunit;

namespace Tidegate.Web.Tests.Logging;

/// <summary>
/// lua_capture_error_log's ring on small sizes, where ngx_lua's arithmetic is easy to follow by hand:
/// each entry takes 16 header bytes plus its line.
/// </summary>
public class ErrorLogRingTests
{
    private static byte[] Line(char c, int length) => Encoding.ASCII.GetBytes(new string(c, length));

    private static List<string> ReadAll(ErrorLogRing ring)
    {
        var lines = new List<string>();
        while (ring.TryRead(out _, out _, out var line)) lines.Add(Encoding.ASCII.GetString(line));
        return lines;
    }

    [Fact]
    public void Wraps_at_the_end_and_throws_the_oldest_away()
    {
        var ring = new ErrorLogRing(100);
        ring.Capture(LogLevel.Error, Line('a', 20), 1);   // 0..36
        ring.Capture(LogLevel.Error, Line('b', 20), 2);   // 36..72
        // 28 bytes left at the end: the tail wraps (sentinel at 72) and 'a' at the head makes room.
        ring.Capture(LogLevel.Error, Line('c', 20), 3);
        Assert.Equal(2, ring.Count);
        Assert.True(ring.TryRead(out var level, out double time, out var first));
        Assert.Equal((LogLevel.Error, 2.0, 'b'), (level, time, (char)first[0]));
        Assert.Equal(new[] { new string('c', 20) }, ReadAll(ring));
        Assert.Equal(0, ring.Count);
    }

    [Fact]
    public void A_line_larger_than_the_ring_with_its_header_is_not_kept()
    {
        var ring = new ErrorLogRing(100);
        ring.Capture(LogLevel.Error, Line('x', 85), 1);
        Assert.Equal(0, ring.Count);
        ring.Capture(LogLevel.Error, Line('y', 84), 1);
        Assert.Equal(new[] { new string('y', 84) }, ReadAll(ring));
    }

    [Fact]
    public void Lines_are_cut_to_nginx_error_buffer_and_filtered_by_level()
    {
        var ring = new ErrorLogRing(8192) { FilterLevel = LogLevel.Warn };
        ring.Capture(LogLevel.Info, Line('i', 10), 1);
        ring.Capture(LogLevel.Warn, Line('w', 5000), 1);
        var lines = ReadAll(ring);
        Assert.Single(lines);
        Assert.Equal(ErrorLogRing.MaxLine, lines[0].Length);
    }

    [Fact]
    public void Reading_everything_resets_and_many_writes_keep_the_newest_in_order()
    {
        var ring = new ErrorLogRing(2048);
        for (int i = 0; i < 1000; i++) ring.Capture(LogLevel.Error, Encoding.ASCII.GetBytes($"line {i:D4} " + new string('z', i % 50)), i);
        var lines = ReadAll(ring);
        Assert.NotEmpty(lines);
        Assert.EndsWith("line 0999 " + new string('z', 999 % 50), lines[^1]);
        for (int k = 1; k < lines.Count; k++)
            Assert.Equal(int.Parse(lines[k - 1].Substring(5, 4)) + 1, int.Parse(lines[k].Substring(5, 4)));
        int used = lines.Sum(l => l.Length + 16);
        Assert.True(used <= 2048 && used > 2048 - 2 * (16 + 60), $"{used} bytes kept");
        ring.Capture(LogLevel.Error, Line('n', 10), 1);
        Assert.Equal(new[] { new string('n', 10) }, ReadAll(ring));
    }
}
