using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Tidegate.Web.Runtime;

/// <summary>
/// An instrument for the latency tail, off unless the environment variable <c>TIDEGATE_TAIL_PROBE</c> names
/// a file: the worker loop then records, per turn that dispatched events (a batch), its wall time and the
/// worker thread's CPU time over it (a batch whose wall time exceeds its CPU time was preempted, or waited
/// in the kernel), the events it held, and per dispatched event the worker's CPU time for it and the time from the poll's
/// return to the end of its handling (for a keepalive request served inline: readiness to response sent), plus the posted
/// callbacks the loop ran (work that took a second turn). Histograms are log-linear (8 steps per power of
/// two, in µs) in arrays allocated once; a background thread rewrites <c>FILE.w&lt;worker&gt;</c> every
/// second with the cumulative counts, so a measurement reads the file before and after a run and subtracts
/// (docs/benchmarks.md, "p99c" round, has the script). With the variable unset the worker holds no probe and
/// pays a null check per event.
/// </summary>
public sealed partial class WorkerTailProbe
{
    private const int Buckets = 16 + 26 * 8; // up to 2^30 µs
    private static readonly string? path = Environment.GetEnvironmentVariable("TIDEGATE_TAIL_PROBE") is { Length: > 0 } p ? p : null;
    private static readonly List<(int Index, WorkerTailProbe Probe)> probes = new();
    private static Thread? writer;

    private readonly long[] batchWall = new long[Buckets], batchCpu = new long[Buckets], batchOffCpu = new long[Buckets];
    private readonly long[] eventDone = new long[Buckets], batchEvents = new long[Buckets], eventCpu = new long[Buckets];
    private long batches, events, posted, offCpuOver1ms;
    private long batchStart, batchCpuStart;
    /// <summary>The worker's CPU time when the previous event of this batch finished (or the batch began).</summary>
    private long eventCpuStart;
    private int batchReady;

    /// <summary>The probe for worker <paramref name="index"/>, or null when the instrument is off.</summary>
    public static WorkerTailProbe? For(int index)
    {
        if (path is null) return null;
        var probe = new WorkerTailProbe();
        lock (probes)
        {
            probes.Add((index, probe));
            writer ??= new Thread(WriteLoop) { IsBackground = true, Name = "tidegate probe" };
            if (!writer.IsAlive) writer.Start();
        }
        return probe;
    }

    /// <summary>A poll returned <paramref name="ready"/> events, to be dispatched now (worker thread).</summary>
    public void BatchStart(int ready)
    {
        batchReady = ready;
        if (ready <= 0) return; // a poll that found nothing (a timeout, or the check between posted batches)
        batchStart = Stopwatch.GetTimestamp();
        batchCpuStart = eventCpuStart = ThreadCpuNanoseconds();
        batchEvents[Bucket(ready)]++;
    }

    /// <summary>One event's handling finished (worker thread).</summary>
    public void EventDone()
    {
        events++;
        eventDone[Bucket(Micros(Stopwatch.GetTimestamp() - batchStart))]++;
        // The event's own CPU time (its read, Lua, response), load-independent: a request that costs
        // more than the median shows here whatever else the machine runs.
        long cpu = ThreadCpuNanoseconds();
        eventCpu[Bucket((cpu - eventCpuStart) / 1000)]++;
        eventCpuStart = cpu;
    }

    /// <summary>Posted callbacks run in this turn.</summary>
    public void Posted(int count) => posted += count;

    /// <summary>The batch's work is done; the loop goes back to its queue and poll (worker thread).</summary>
    public void BatchEnd()
    {
        if (batchReady <= 0) return;
        batchReady = 0;
        long wall = Micros(Stopwatch.GetTimestamp() - batchStart);
        long cpu = (ThreadCpuNanoseconds() - batchCpuStart) / 1000;
        batches++;
        batchWall[Bucket(wall)]++;
        batchCpu[Bucket(cpu)]++;
        long off = Math.Max(0, wall - cpu);
        batchOffCpu[Bucket(off)]++;
        if (off >= 1000) offCpuOver1ms++;
    }

    private static long Micros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;

    /// <summary>Log-linear bucket of a value in µs: exact below 16, then 8 steps per power of two.</summary>
    public static int Bucket(long value)
    {
        if (value < 16) return (int)Math.Max(0, value);
        int exponent = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)value);
        int index = 16 + (exponent - 4) * 8 + (int)((value >> (exponent - 3)) & 7);
        return Math.Min(index, Buckets - 1);
    }

    /// <summary>The largest value (µs) bucket <paramref name="index"/> holds.</summary>
    public static long UpperBound(int index)
    {
        if (index < 16) return index;
        int exponent = (index - 16) / 8 + 4, step = (index - 16) % 8;
        return ((8L + step + 1) << (exponent - 3)) - 1;
    }

    private static void WriteLoop()
    {
        while (true)
        {
            Thread.Sleep(1000);
            List<(int, WorkerTailProbe)> all;
            lock (probes) all = new(probes);
            foreach (var (index, probe) in all)
            {
                try { File.WriteAllText($"{path}.w{index}", probe.Snapshot()); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>Cumulative counts: "counter NAME VALUE" lines, then "NAME UPPER_BOUND_US COUNT" per non-empty bucket.</summary>
    public string Snapshot()
    {
        var text = new StringBuilder();
        text.Append($"counter batches {batches}\ncounter events {events}\ncounter posted {posted}\ncounter off_cpu_over_1ms {offCpuOver1ms}\n");
        // Process-wide: what else could stop a worker (a collection) or keep the JIT's thread busy.
        text.Append($"counter allocated_bytes {GC.GetTotalAllocatedBytes(false)}\ncounter gc0 {GC.CollectionCount(0)}\ncounter gc1 {GC.CollectionCount(1)}\ncounter gc2 {GC.CollectionCount(2)}\n");
        text.Append($"counter gc_pause_us {(long)GC.GetTotalPauseDuration().TotalMicroseconds}\n");
        text.Append($"counter jit_methods {System.Runtime.JitInfo.GetCompiledMethodCount(false)}\n");
        void Histogram(string name, long[] counts)
        {
            for (int i = 0; i < counts.Length; i++)
                if (counts[i] != 0) text.Append($"{name} {UpperBound(i)} {counts[i]}\n");
        }
        Histogram("batch_wall_us", batchWall);
        Histogram("batch_cpu_us", batchCpu);
        Histogram("batch_off_cpu_us", batchOffCpu);
        Histogram("event_done_us", eventDone);
        Histogram("event_cpu_us", eventCpu);
        Histogram("batch_events", batchEvents);
        return text.ToString();
    }

    private static long ThreadCpuNanoseconds()
    {
        ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var now);
        return now.Seconds * 1_000_000_000 + now.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
