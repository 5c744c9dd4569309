using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tidegate.Web.Runtime;

/// <summary>
/// Keeps the process's threads other than bound workers (the .NET runtime's tiered-compilation worker,
/// timer, thread-pool and finalizer threads, the main thread) off the workers' CPUs once
/// <c>worker_cpu_affinity</c> has bound a worker: on the CPUs the process had at start that no worker is
/// bound to, or on all of them when the workers took every one. Without it, a helper thread created
/// by a worker inherits the worker's single CPU and stops it there for as long as it runs (a tier-1
/// compilation: 1-5 ms). A background thread, started before any worker is bound so it keeps the
/// process's CPUs, looks every <see cref="SweepMs"/> for threads started since and moves them.
/// <para>
/// The look is made to cost nothing a steady load would notice: the thread ids come from a
/// <see cref="ThreadIdList"/> (a directory descriptor kept open, buffers allocated once), and the sweep is
/// compiled fully optimized at once and calls no class-library method on its steady path. The first
/// version enumerated /proc/self/task through the class library (allocations and dozens of library calls
/// per sweep): at five sweeps a second those methods crossed the tiering thresholds 6 and 12 s into a run,
/// and the tiered-compilation thread compiled ~150 methods in the middle of a benchmark, on the client's
/// core (docs/benchmarks.md, "p99c" round). Threads seen before are not touched again; the mask is
/// recomputed, and applied to every thread, only when a worker is added or removed or a thread has ended.
/// </para>
/// </summary>
internal static unsafe partial class RuntimeThreadKeeper
{
    private const int SweepMs = 200;
    private const int MaskWords = WorkerCpuAffinity.CpuSetWords;
    private static readonly object gate = new();
    private static ulong[]? processCpus;
    private static readonly Dictionary<int, ulong[]> workers = new();
    private static Thread? sweeper;
    /// <summary>Set when the workers change: the next sweep recomputes the mask and applies it to every thread.</summary>
    private static volatile bool workersChanged;

    /// <summary>Records the process's CPUs (the calling worker's, before it is bound) and starts the sweeps; once per process.</summary>
    public static void NoteProcessCpus()
    {
        lock (gate)
        {
            if (processCpus is not null) return;
            var mask = new ulong[MaskWords];
            if (WorkerCpuAffinity.GetAffinity(0, MaskWords * sizeof(ulong), mask) != 0) return;
            processCpus = mask;
            // Created here, on a worker not yet bound: the sweeper itself runs on the process's CPUs.
            sweeper = new Thread(Sweep) { IsBackground = true, Name = "tidegate cpus" };
            sweeper.Start();
        }
    }

    /// <summary>A worker thread (Linux thread id) about to be bound to <paramref name="cpus"/>; the sweeps leave it alone.</summary>
    public static void AddWorker(int tid, ulong[] cpus)
    {
        lock (gate) workers[tid] = cpus;
        workersChanged = true;
    }

    /// <summary>A worker whose binding failed: an ordinary thread again.</summary>
    public static void RemoveWorker(int tid)
    {
        lock (gate) workers.Remove(tid);
        workersChanged = true;
    }

    /// <summary>
    /// The CPUs for every other thread into <paramref name="rest"/>: the process's, less the bound workers'
    /// when any remain; false before the process's CPUs are known. Workers no longer alive (an earlier
    /// configuration's, after a reload) are forgotten and their CPUs are free again.
    /// </summary>
    private static bool OthersMask(ReadOnlySpan<int> alive, ulong[] rest, List<int> deadScratch)
    {
        lock (gate)
        {
            if (processCpus is null) return false;
            deadScratch.Clear();
            foreach (int tid in workers.Keys)
                if (!ThreadIdList.Contains(alive, tid)) deadScratch.Add(tid);
            foreach (int tid in deadScratch) workers.Remove(tid);
            processCpus.CopyTo(rest, 0);
            foreach (var cpus in workers.Values)
                for (int i = 0; i < MaskWords; i++) rest[i] &= ~cpus[i];
            bool any = false;
            for (int i = 0; i < MaskWords; i++) any |= rest[i] != 0;
            if (!any) processCpus.CopyTo(rest, 0);
            return true;
        }
    }

    private static bool IsWorker(int tid)
    {
        lock (gate) return workers.ContainsKey(tid);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // its loop would otherwise be recompiled on stack mid-run
    private static void Sweep()
    {
        var threads = ThreadIdList.Open();
        if (threads is null) return; // no procfs: nothing can be kept apart
        var state = new SweepState();
        while (true)
        {
            SweepOnce(threads, state);
            // usleep, not Thread.Sleep: a library method called five times a second would be tiered up mid-run.
            SleepMicroseconds(SweepMs * 1000);
        }
    }

    /// <summary>The sweeper's buffers, allocated once.</summary>
    private sealed class SweepState
    {
        public int[] Seen = new int[64];
        public int SeenCount;
        public readonly ulong[] Others = new ulong[MaskWords];
        public readonly List<int> DeadScratch = new();
        public bool HaveMask;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SweepOnce(ThreadIdList threads, SweepState s)
    {
        if (!threads.Read()) return;
        var alive = threads.Ids;
        var seen = new ReadOnlySpan<int>(s.Seen, 0, s.SeenCount);
        // A thread that ended since the last sweep may have been a worker: its CPUs are free again.
        bool ended = false;
        foreach (int tid in seen)
            if (!ThreadIdList.Contains(alive, tid)) { ended = true; break; }
        bool everyThread = workersChanged || ended || !s.HaveMask;
        if (everyThread)
        {
            workersChanged = false;
            if (!OthersMask(alive, s.Others, s.DeadScratch)) return;
            s.HaveMask = true;
        }
        fixed (ulong* mask = s.Others)
        {
            foreach (int tid in alive)
            {
                if (!everyThread && ThreadIdList.Contains(seen, tid)) continue;
                if (IsWorker(tid)) continue;
                // A thread that ended meanwhile fails with ESRCH: nothing to do.
                SetAffinity(tid, MaskWords * sizeof(ulong), mask);
            }
        }
        if (s.Seen.Length < alive.Length) s.Seen = new int[alive.Length * 2];
        for (int i = 0; i < alive.Length; i++) s.Seen[i] = alive[i];
        s.SeenCount = alive.Length;
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int SleepMicroseconds(uint microseconds);

    // pid: a thread id (sched_setaffinity takes one on Linux).
    [LibraryImport("libc", EntryPoint = "sched_setaffinity")]
    private static partial int SetAffinity(int pid, nint size, ulong* mask);
}
