using System.Diagnostics;
using System.Text;
using Tidegate.Web.Shared;
using Xunit.Abstractions;

namespace Tidegate.Web.Tests.Shared;

/// <summary>
/// Several threads (standing in for workers) on one dictionary: every operation is atomic, so
/// totals come out exact; and a measurement of what the one lock costs under two threads.
/// </summary>
public class SharedDictConcurrencyTests
{
    private readonly ITestOutputHelper _output;
    public SharedDictConcurrencyTests(ITestOutputHelper output) => _output = output;

    private static byte[] Key(string prefix, int i) => Encoding.ASCII.GetBytes(prefix + i);

    [Fact]
    public void HammerIncrAddSetFromFourThreadsWithExactTotals()
    {
        const int threads = 4, rounds = 20_000, keys = 16;
        var d = new SharedDictionary("hammer", 8 << 20); // room for the 80,000 list items
        int addWins = 0;
        var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < rounds; i++)
            {
                // Overlapping counters: every thread increments every key in turn; init makes the
                // first increment of each key race with the others.
                var r = d.Increment(Key("c", i % keys), 1, init: 0);
                Assert.Null(r.Error);
                // add succeeds exactly once per key across all threads.
                if (d.Store(Key("a", i % 1000), SharedDictValue.FromNumber(t), SharedDictStoreMode.Add).Ok) Interlocked.Increment(ref addWins);
                // set with a value of the thread's own length: a reader never sees a torn value.
                d.Store(Key("s", i % keys), SharedDictValue.FromBytes(Encoding.ASCII.GetBytes(new string((char)('a' + t), t + 1))));
                var seen = d.Get(Key("s", (i + 7) % keys)).Value;
                if (!seen.IsNil)
                {
                    var bytes = seen.Bytes!;
                    Assert.All(bytes, b => Assert.Equal(bytes[0], b));
                    Assert.Equal(bytes[0] - 'a' + 1, bytes.Length);
                }
                d.Push(Key("l", i % 4), SharedDictValue.FromNumber(1), left: (i & 1) == 0);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        double total = 0;
        for (int k = 0; k < keys; k++) total += d.Get(Key("c", k)).Value.Number;
        Assert.Equal((double)threads * rounds, total);
        for (int k = 0; k < keys; k++) Assert.Equal((double)threads * rounds / keys, d.Get(Key("c", k)).Value.Number);
        Assert.Equal(1000, addWins);
        long items = 0;
        for (int k = 0; k < 4; k++) items += d.Length(Key("l", k)).Length;
        Assert.Equal((long)threads * rounds, items);
    }

    [Fact]
    public void EvictionUnderConcurrentWritersKeepsTheAccountingConsistent()
    {
        var d = new SharedDictionary("small", 65536);
        var workers = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            var rnd = new Random(t);
            for (int i = 0; i < 20_000; i++)
            {
                var key = Key("k", rnd.Next(3000));
                switch (rnd.Next(5))
                {
                    case 0: d.Store(key, SharedDictValue.FromBytes(new byte[rnd.Next(0, 3000)])); break;
                    case 1: d.Increment(key, 1, init: 0); break;
                    case 2: d.Push(key, SharedDictValue.FromNumber(i), left: true); break;
                    case 3: d.Pop(key, left: false); break;
                    default: d.Delete(key); break;
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        // Emptying the dictionary gives back every page: nothing leaked in the model.
        d.FlushAll();
        d.FlushExpired();
        Assert.Equal(0, d.Count);
        Assert.Equal(53248, d.FreeSpace);
    }

    [Fact]
    public void LockContentionWithTwoThreads()
    {
        var d = new SharedDictionary("bench", 1 << 20);
        for (int i = 0; i < 1000; i++) d.Store(Key("k", i), SharedDictValue.FromNumber(i));
        double Measure(int threads)
        {
            const int ops = 400_000;
            var sw = Stopwatch.StartNew();
            var ts = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                var keys = Enumerable.Range(0, 1000).Select(i => Key("k", i)).ToArray();
                for (int i = 0; i < ops; i++)
                {
                    if ((i & 3) == 0) d.Increment(keys[i % 1000], 1);
                    else d.Get(keys[(i * 7) % 1000]);
                }
            })).ToList();
            ts.ForEach(t => t.Start());
            ts.ForEach(t => t.Join());
            return threads * ops / sw.Elapsed.TotalSeconds;
        }
        Measure(1); // warm up
        double one = Measure(1), two = Measure(2);
        _output.WriteLine($"1 thread: {one / 1e6:F2}M ops/s; 2 threads: {two / 1e6:F2}M ops/s in total ({two / one:F2}x)");
        Assert.True(one > 0 && two > 0);
    }
}
