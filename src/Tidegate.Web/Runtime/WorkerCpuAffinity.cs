using System.Runtime.InteropServices;
using Tidegate.Web.Config;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Runtime;

/// <summary>
/// nginx's <c>worker_cpu_affinity</c>: the CPUs each worker may run on. A worker here is a thread, so
/// only the worker thread is bound; the runtime's own threads (tiered compilation, timers, the thread
/// pool, the finalizer) keep the process's affinity and run on whichever core is free, as nginx's master
/// process does. Binding the whole process to the worker's core instead (<c>taskset</c>) puts every one of
/// them in the worker's way: a tier-1 compilation on the worker's core stops every request in flight for
/// its 1-5 ms (docs/benchmarks.md, the "p99" round).
///
/// A thread inherits the affinity of the thread that creates it, and the runtime creates its helper threads on
/// demand from whichever thread needs one first: often the worker (a method it calls is due for tier 1, a
/// timer it arms needs the timer thread). <see cref="RuntimeThreadKeeper"/> therefore puts every other thread
/// of the process back on the CPUs no worker is bound to, a few times a second.
///
/// Masks are read as nginx reads them, the last character being CPU 0 ("01" is CPU 0, "10" CPU 1); worker
/// n takes the n-th mask, the last one when there are fewer masks than workers. "auto [mask]" gives
/// worker n the n-th CPU of the mask (every CPU when none is given), wrapping around.
/// </summary>
public sealed partial class WorkerCpuAffinity
{
    private readonly bool auto;
    /// <summary>Each mask's CPU numbers, ascending; for "auto", one mask (empty: no binding).</summary>
    private readonly IReadOnlyList<int[]> masks;

    private WorkerCpuAffinity(bool auto, IReadOnlyList<int[]> masks)
    {
        this.auto = auto;
        this.masks = masks;
    }

    /// <summary>Parses the directive's arguments, failing with nginx's messages.</summary>
    public static WorkerCpuAffinity Parse(ConfigDirective d)
    {
        var arguments = d.Arguments;
        bool auto = arguments[0] == "auto";
        if (auto && arguments.Count > 2) throw ConfigException.At("invalid number of arguments in \"worker_cpu_affinity\" directive", d);
        var masks = new List<int[]>();
        for (int i = auto ? 1 : 0; i < arguments.Count; i++) masks.Add(ParseMask(arguments[i], d));
        if (auto && masks.Count == 0) masks.Add(Enumerable.Range(0, Environment.ProcessorCount).ToArray());
        return new WorkerCpuAffinity(auto, masks);
    }

    /// <summary>nginx's start-up warning (once the main block is read) when the masks do not match the workers one to one; null when they do.</summary>
    public string? WarningFor(int workers) => auto || masks.Count == workers ? null
        : "the number of \"worker_processes\" is not equal to the number of \"worker_cpu_affinity\" masks, using last mask for remaining worker processes";

    /// <summary>A mask of '0' and '1', CPU 0 last; nginx names the first bad character counting from the end.</summary>
    private static int[] ParseMask(string mask, ConfigDirective d)
    {
        var cpus = new List<int>();
        for (int i = mask.Length - 1, cpu = 0; i >= 0; i--, cpu++)
        {
            char c = mask[i];
            if (c == '1') cpus.Add(cpu);
            else if (c != '0') throw ConfigException.At($"invalid character \"{c}\" in \"worker_cpu_affinity\"", d);
        }
        return cpus.ToArray();
    }

    /// <summary>The CPUs of worker <paramref name="index"/>; empty: leave it unbound.</summary>
    public int[] CpusOf(int index)
    {
        if (!auto) return masks[Math.Min(index, masks.Count - 1)];
        var all = masks[0];
        return all.Length == 0 ? all : [all[index % all.Length]];
    }

    /// <summary>
    /// Binds the calling thread (a worker's, at its start) to worker <paramref name="index"/>'s CPUs, logging as
    /// nginx does. With <paramref name="keepOthersAway"/> (the server's workers) the process's other threads are
    /// then kept off the bound CPUs (<see cref="RuntimeThreadKeeper"/>); must be called before the thread is bound.
    /// </summary>
    public void Apply(int index, ErrorLog log, bool keepOthersAway = false)
    {
        if (!OperatingSystem.IsLinux()) return;
        var cpus = CpusOf(index);
        if (cpus.Length == 0 && auto) return;
        // A CPU beyond cpu_set_t cannot be named (nginx's limit too).
        var set = new ulong[CpuSetWords];
        foreach (int cpu in cpus)
        {
            if (cpu >= set.Length * 64) continue;
            log.Write(LogLevel.Notice, $"sched_setaffinity(): using cpu #{cpu}");
            set[cpu / 64] |= 1UL << (cpu % 64);
        }
        // The process's CPUs are read here, before this thread is bound (the keeper's thread starts from
        // here too), and the worker is known to the keeper before it is bound, so no sweep undoes the binding.
        int tid = GetThreadId();
        if (keepOthersAway)
        {
            RuntimeThreadKeeper.NoteProcessCpus();
            RuntimeThreadKeeper.AddWorker(tid, set);
        }
        if (SetAffinity(0, set.Length * sizeof(ulong), set) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            log.Write(LogLevel.Alert, $"sched_setaffinity() failed ({errno}: {Marshal.GetPInvokeErrorMessage(errno)})");
            if (keepOthersAway) RuntimeThreadKeeper.RemoveWorker(tid);
        }
    }

    /// <summary>glibc's cpu_set_t in 64-bit words: 1024 CPUs.</summary>
    internal const int CpuSetWords = 16;

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    // pid 0: the calling thread (sched_setaffinity takes a thread id on Linux).
    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    internal static partial int SetAffinity(int pid, nint size, ulong[] mask);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    internal static partial int GetAffinity(int pid, nint size, ulong[] mask);
}
