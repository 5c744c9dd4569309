using System.Text;
using Tidegate.Web.Shared;

namespace Tidegate.Web.Tests.Shared;

/// <summary>
/// The dictionary's .NET API below the Lua binding: each operation, expiry on a manual clock,
/// eviction, and hostile input. (Behaviour matching nginx is proven by the Lua cases; these pin
/// the component's own contract.)
/// </summary>
public class SharedDictionaryTests
{
    private readonly ManualSharedDictClock _clock = new();

    private SharedDictionary Dict(long size = 1 << 20, string name = "d") => new(name, size, _clock);

    private static byte[] B(string s) => Encoding.Latin1.GetBytes(s);
    private static SharedDictValue S(string s) => SharedDictValue.FromBytes(B(s));
    private static SharedDictValue N(double d) => SharedDictValue.FromNumber(d);

    [Fact]
    public void SetGetDeleteEveryValueKind()
    {
        var d = Dict();
        Assert.True(d.Store(B("s"), S("v"), flags: 9).Ok);
        Assert.True(d.Store(B("n"), N(2.5)).Ok);
        Assert.True(d.Store(B("t"), SharedDictValue.FromBoolean(true)).Ok);
        Assert.True(d.Store(B("f"), SharedDictValue.FromBoolean(false)).Ok);
        Assert.True(d.Store(B("e"), S("")).Ok);
        var s = d.Get(B("s"));
        Assert.Equal("v", s.Value.ToString());
        Assert.Equal(9, s.Flags);
        Assert.Equal(2.5, d.Get(B("n")).Value.Number);
        Assert.True(d.Get(B("t")).Value.Boolean);
        Assert.Equal(SharedDictValueKind.Boolean, d.Get(B("f")).Value.Kind);
        Assert.False(d.Get(B("f")).Value.Boolean);
        Assert.Empty(d.Get(B("e")).Value.Bytes!);
        Assert.True(d.Delete(B("s")).Ok);
        Assert.True(d.Get(B("s")).Value.IsNil);
        Assert.True(d.Delete(B("never")).Ok);
        Assert.Equal(4, d.Count);
    }

    [Fact]
    public void AddReplaceAndTheirErrors()
    {
        var d = Dict();
        Assert.Equal(new SharedDictStoreResult(false, "not found", false), d.Store(B("k"), N(1), SharedDictStoreMode.Replace));
        Assert.True(d.Store(B("k"), N(1), SharedDictStoreMode.Add).Ok);
        Assert.Equal(new SharedDictStoreResult(false, "exists", false), d.Store(B("k"), N(2), SharedDictStoreMode.Add));
        Assert.True(d.Store(B("k"), S("longer value"), SharedDictStoreMode.Replace).Ok);
        Assert.Equal("longer value", d.Get(B("k")).Value.ToString());
        Assert.Equal("attempt to add or replace nil values", d.Store(B("k"), SharedDictValue.Nil, SharedDictStoreMode.Replace).Error);
        Assert.Equal("attempt to add or replace nil values", d.Store(B("new"), SharedDictValue.Nil, SharedDictStoreMode.Add).Error);
    }

    [Fact]
    public void KeysAreBytes()
    {
        var d = Dict();
        d.Store(B("a\0b"), S("1"));
        d.Store(B("a"), S("2"));
        d.Store(new byte[] { 0xff, 0xfe }, S("3"));
        Assert.Equal("1", d.Get(B("a\0b")).Value.ToString());
        Assert.Equal("2", d.Get(B("a")).Value.ToString());
        Assert.Equal("3", d.Get(new byte[] { 0xff, 0xfe }).Value.ToString());
        Assert.True(d.Get(B("a\0")).Value.IsNil);
        Assert.True(d.Get(new byte[] { 0xff }).Value.IsNil);
    }

    [Fact]
    public void RefusesEmptyAndOverlongKeysEverywhere()
    {
        var d = Dict();
        var longKey = new byte[65536];
        var maxKey = new byte[65535];
        Assert.Equal("empty key", d.Store(ReadOnlySpan<byte>.Empty, N(1)).Error);
        Assert.Equal("key too long", d.Store(longKey, N(1)).Error);
        Assert.Equal("key too long", d.Get(longKey).Error);
        Assert.Equal("empty key", d.Get(ReadOnlySpan<byte>.Empty, stale: true).Error);
        Assert.Equal("key too long", d.Increment(longKey, 1, 0).Error);
        Assert.Equal("key too long", d.Push(longKey, N(1), left: true).Error);
        Assert.Equal("empty key", d.Pop(ReadOnlySpan<byte>.Empty, left: false).Error);
        Assert.Equal("empty key", d.Length(ReadOnlySpan<byte>.Empty).Error);
        Assert.Null(d.TimeToLive(longKey));
        Assert.False(d.SetExpiry(longKey, 1));
        Assert.True(d.Store(maxKey, N(1)).Ok);
        Assert.Equal(1.0, d.Get(maxKey).Value.Number);
    }

    [Fact]
    public void ValuesLargerThanTheZoneAreNoMemoryNotACrash()
    {
        var d = Dict(12288);
        var r = d.Store(B("big"), SharedDictValue.FromBytes(new byte[10 << 20]));
        Assert.Equal(new SharedDictStoreResult(false, "no memory", false), r);
        Assert.Equal("no memory", d.Push(B("l"), SharedDictValue.FromBytes(new byte[1 << 20]), left: true).Error);
        Assert.Equal(0, d.Count); // the empty list created for the push is not left behind
        var big = Dict(64 << 20);
        Assert.True(big.Store(B("v"), SharedDictValue.FromBytes(new byte[32 << 20])).Ok);
        Assert.Equal(32 << 20, big.Get(B("v")).Value.Bytes!.Length);
    }

    [Fact]
    public void ExpiryFollowsTheClock()
    {
        var d = Dict();
        d.Store(B("k"), N(1), exptimeMs: 1000);
        Assert.Equal(1000, d.TimeToLive(B("k")));
        _clock.Advance(999);
        Assert.Equal(1.0, d.Get(B("k")).Value.Number);
        _clock.Advance(1);
        // At the very millisecond: lookups still see it (nginx: expired once strictly past) ...
        Assert.False(d.Get(B("k"), stale: true).Stale);
        _clock.Advance(1);
        var stale = d.Get(B("k"), stale: true);
        Assert.True(stale.Stale);
        Assert.Equal(1.0, stale.Value.Number);
        Assert.Equal(-1, d.TimeToLive(B("k")));
        Assert.True(d.Get(B("k")).Value.IsNil); // a plain get removes expired entries at the tail
        Assert.Equal(0, d.Count);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(long.MinValue)]
    public void NonPositiveExptimeMeansNever(long exptime)
    {
        var d = Dict();
        d.Store(B("k"), N(1), exptimeMs: exptime);
        Assert.Equal(0, d.TimeToLive(B("k")));
        d.Store(B("k"), N(1), exptimeMs: 10);
        Assert.True(d.SetExpiry(B("k"), exptime));
        Assert.Equal(0, d.TimeToLive(B("k")));
    }

    [Fact]
    public void AHugeExptimeSaturates()
    {
        var d = Dict();
        d.Store(B("k"), N(1), exptimeMs: long.MaxValue);
        Assert.Equal(long.MaxValue - _clock.NowMilliseconds, d.TimeToLive(B("k")));
        _clock.Advance(1_000_000_000);
        Assert.Equal(1.0, d.Get(B("k")).Value.Number);
    }

    [Fact]
    public void IncrementWithAndWithoutInit()
    {
        var d = Dict();
        Assert.Equal("not found", d.Increment(B("c"), 1).Error);
        Assert.Equal(new SharedDictIncrResult(11, null, false), d.Increment(B("c"), 1, init: 10));
        Assert.Equal(10.5, d.Increment(B("c"), -0.5).Value);
        d.Store(B("s"), S("12"));
        Assert.Equal("not a number", d.Increment(B("s"), 1).Error);
        d.Push(B("l"), N(1), left: true);
        Assert.Equal("not a number", d.Increment(B("l"), 1).Error);
        Assert.Equal(3, d.Increment(B("t"), 1, init: 2, initTtlMs: 500).Value);
        Assert.Equal(500, d.TimeToLive(B("t")));
        Assert.Equal(4, d.Increment(B("t"), 1, init: 100, initTtlMs: 9000).Value);
        Assert.Equal(500, d.TimeToLive(B("t")));
    }

    [Fact]
    public void IncrementOverflowsToInfinityAndNaNAsDoublesDo()
    {
        var d = Dict();
        d.Store(B("m"), N(double.MaxValue));
        Assert.Equal(double.PositiveInfinity, d.Increment(B("m"), double.MaxValue).Value);
        Assert.True(double.IsNaN(d.Increment(B("m"), double.NegativeInfinity).Value));
        d.Store(B("i"), N(9007199254740992));
        Assert.Equal(9007199254740992, d.Increment(B("i"), 1).Value); // 2^53 + 1 rounds back
    }

    [Fact]
    public void ListsPushPopLength()
    {
        var d = Dict();
        Assert.Equal(1, d.Push(B("l"), N(1), left: true).Length);
        Assert.Equal(2, d.Push(B("l"), S("two"), left: false).Length);
        Assert.Equal(3, d.Push(B("l"), S("zero"), left: true).Length);
        Assert.Equal("bad value type", d.Push(B("l"), SharedDictValue.FromBoolean(true), left: true).Error);
        Assert.Equal("bad value type", d.Push(B("l"), SharedDictValue.Nil, left: true).Error);
        Assert.Equal(3, d.Length(B("l")).Length);
        Assert.Equal("value is a list", d.Get(B("l")).Error);
        Assert.Equal("zero", d.Pop(B("l"), left: true).Value.ToString());
        Assert.Equal("two", d.Pop(B("l"), left: false).Value.ToString());
        Assert.Equal(1.0, d.Pop(B("l"), left: false).Value.Number);
        Assert.True(d.Pop(B("l"), left: false).Value.IsNil);
        Assert.Equal(0, d.Count);
        d.Store(B("s"), S("x"));
        Assert.Equal("value not a list", d.Push(B("s"), N(1), left: true).Error);
        Assert.Equal("value not a list", d.Pop(B("s"), left: true).Error);
        Assert.Equal("value not a list", d.Length(B("s")).Error);
        Assert.Equal(0, d.Length(B("none")).Length);
    }

    [Fact]
    public void FullDictionaryEvictsLeastRecentlyUsedAndSaysForcible()
    {
        var d = Dict(12288);
        int n = 0;
        while (d.Store(B("k" + n), N(n), safe: true).Ok) n++;
        Assert.Equal(31, n);
        Assert.Equal(new SharedDictStoreResult(false, "no memory", false), d.Store(B("x"), N(1), safe: true));
        d.Get(B("k0")); // k0 becomes the most recently used
        Assert.Equal(new SharedDictStoreResult(true, null, true), d.Store(B("x"), N(1)));
        Assert.False(d.Get(B("k0")).Value.IsNil);
        Assert.True(d.Get(B("k1")).Value.IsNil);
        Assert.Equal(31, d.Count);
        var inc = d.Increment(B("y"), 1, init: 0);
        Assert.True(inc.Forcible);
        Assert.True(d.Get(B("k2")).Value.IsNil);
    }

    [Fact]
    public void FlushAllExpiresEverythingAndFreesThree()
    {
        var d = Dict();
        for (int i = 0; i < 10; i++) d.Store(B("k" + i), N(i));
        d.FlushAll();
        Assert.Equal(7, d.Count);
        Assert.Empty(d.GetKeys(0));
        Assert.True(d.Get(B("k9"), stale: true).Stale);
        Assert.Equal(2, d.FlushExpired(2));
        Assert.Equal(5, d.FlushExpired());
        Assert.Equal(0, d.Count);
        Assert.Equal(1032192, d.FreeSpace);
    }

    [Fact]
    public void GetKeysOldestFirstWithALimit()
    {
        var d = Dict();
        foreach (var k in new[] { "a", "b", "c" }) d.Store(B(k), N(1));
        d.Get(B("a"));
        Assert.Equal(new[] { "b", "c", "a" }, d.GetKeys().Select(k => Encoding.Latin1.GetString(k)));
        Assert.Equal(new[] { "b" }, d.GetKeys(1).Select(k => Encoding.Latin1.GetString(k)));
        Assert.Equal(3, d.GetKeys(-1).Count);
        Assert.Equal(3, d.GetKeys(0).Count);
    }

    [Fact]
    public void FreeSpaceAndCapacity()
    {
        var d = Dict(65536);
        Assert.Equal(65536, d.Capacity);
        Assert.Equal(53248, d.FreeSpace);
        d.Store(B("big"), SharedDictValue.FromBytes(new byte[5000]));
        Assert.Equal(53248 - 2 * 4096, d.FreeSpace);
        d.Delete(B("big"));
        Assert.Equal(53248, d.FreeSpace);
    }
}
