namespace Tidegate.Web.Runtime;

/// <summary>
/// Keeps the process's threads other than bound workers (the .NET runtime's tiered-compilation worker,
/// timer, thread-pool and finalizer threads, the main thread) off the workers' CPUs once
/// <c>worker_cpu_affinity</c> has bound a worker: on the CPUs the process had at start that no worker is
/// bound to, or on all of them when the workers took every one. Without it, a helper thread created
/// by a worker inherits the worker's single CPU and stops it there for as long as it runs (a tier-1
/// compilation: 1-5 ms). A background thread, started before any worker is bound so it keeps the
/// process's CPUs, re-applies the mask every <see cref="SweepMs"/> to threads started since.
/// </summary>
internal static class RuntimeThreadKeeper
{
    private const int SweepMs = 200;
    private const int MaskWords = WorkerCpuAffinity.CpuSetWords;
    private static readonly object gate = new();
    private static ulong[]? processCpus;
    private static readonly Dictionary<int, ulong[]> workers = new();
    private static Thread? sweeper;

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
    }

    /// <summary>A worker whose binding failed: an ordinary thread again.</summary>
    public static void RemoveWorker(int tid)
    {
        lock (gate) workers.Remove(tid);
    }

    /// <summary>The CPUs for every other thread: the process's, less the bound workers' when any remain.</summary>
    private static ulong[]? OthersMask(HashSet<int> alive)
    {
        lock (gate)
        {
            if (processCpus is null) return null;
            // Workers of an earlier configuration (a reload) are gone: their CPUs are free again.
            foreach (int tid in workers.Keys.Where(t => !alive.Contains(t)).ToList()) workers.Remove(tid);
            var rest = (ulong[])processCpus.Clone();
            foreach (var cpus in workers.Values)
                for (int i = 0; i < MaskWords; i++) rest[i] &= ~cpus[i];
            return rest.Any(w => w != 0) ? rest : processCpus;
        }
    }

    private static void Sweep()
    {
        while (true)
        {
            try { SweepOnce(); }
            catch (IOException) { } // a thread ended while its directory was read
            catch (UnauthorizedAccessException) { }
            Thread.Sleep(SweepMs);
        }
    }

    private static void SweepOnce()
    {
        var alive = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
            if (int.TryParse(Path.GetFileName(dir), out int tid)) alive.Add(tid);
        var others = OthersMask(alive);
        if (others is null) return;
        HashSet<int> bound;
        lock (gate) bound = new HashSet<int>(workers.Keys);
        foreach (int tid in alive)
        {
            if (bound.Contains(tid)) continue;
            // A thread that ended meanwhile fails with ESRCH: nothing to do.
            WorkerCpuAffinity.SetAffinity(tid, MaskWords * sizeof(ulong), others);
        }
    }
}
