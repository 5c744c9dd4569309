using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Tests.Lua.Api;

public class NgxTimeTests
{
    [Fact]
    public void CachedTimeStaysUntilUpdate()
    {
        var now = new DateTimeOffset(2010, 11, 18, 11, 27, 35, 250, TimeSpan.Zero);
        var clock = new NgxClock(() => now);
        var runner = new NgxLuaRunner(clock);
        Assert.Equal("1290079655.25 1290079655 2010-11-18 11:27:35\n", runner.Run("ngx.say(ngx.now(), ' ', ngx.time(), ' ', ngx.utctime())"));
        now = now.AddSeconds(2.5);
        Assert.Equal("1290079655.25\n", runner.Run("ngx.say(ngx.now())"));
        Assert.Equal("1290079657.75 1290079657\n", runner.Run("ngx.update_time() ngx.say(ngx.now(), ' ', ngx.time())"));
    }

    [Fact]
    public void LocalTimeAndTodayFollowTheLocalZone()
    {
        var clock = new NgxClock(() => new DateTimeOffset(2010, 11, 18, 23, 59, 59, TimeSpan.Zero));
        var local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(2010, 11, 18, 23, 59, 59, DateTimeKind.Utc), TimeZoneInfo.Local);
        var output = new NgxLuaRunner(clock).Run("ngx.say(ngx.localtime(), '|', ngx.today())");
        Assert.Equal(local.ToString("yyyy-MM-dd HH:mm:ss") + "|" + local.ToString("yyyy-MM-dd") + "\n", output);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0")]
    [InlineData(", 99 Xxx 9999 99:99:99 GMT")]
    [InlineData("Thu Nov 18")]
    [InlineData("Thu Nov 18 11:27:35 20")]
    [InlineData("Thu, 18-Nov-1")]
    public void GarbageHttpTimesAreNil(string text)
    {
        Assert.Null(HttpTimeParse(text));
    }

    private static long? HttpTimeParse(string text) => HttpTime.Parse(System.Text.Encoding.Latin1.GetBytes(text));
}
