using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Emit;

/// <summary>
/// Has the .NET JIT compile a permanent chunk's loop methods on a background thread while the chunk's main function
/// starts running, so their compilation overlaps with the main function's own instead of waiting for their first
/// call. Those methods are the expensive ones (AggressiveOptimization, see FunctionCompiler.Tiering.cs: a method with
/// a number-loop copy takes 70-250 ms to compile) and a program usually calls them soon after its set-up lines
/// (nbody's advance and energy, heapsort's siftDown: -3% and -7% wall time, user time unchanged). The main function
/// is not queued (its caller compiles it at once), nor tiered methods (compiling them ahead would only make their
/// quick tier-0 code), nor collectible chunks (code made without bound, e.g. load in a loop, would keep the thread
/// busy with code that may never run).
///
/// <para>One thread for the process, started at the first method queued, waiting for more when idle. If the main
/// thread calls a method the background thread is compiling, the runtime makes it wait for that compilation rather
/// than compile it twice. A method whose compilation fails is left alone here: its first call reports the error.</para>
/// </summary>
internal static class BackgroundPrecompiler
{
    private static readonly BlockingCollection<RuntimeMethodHandle> Queue = new(new ConcurrentQueue<RuntimeMethodHandle>());
    private static int _started;
    private static int _compiled;

    /// <summary>How many methods the background thread has compiled (tests wait on it).</summary>
    public static int CompiledCount => Volatile.Read(ref _compiled);

    public static void Enqueue(IEnumerable<MethodInfo> methods)
    {
        foreach (var m in methods) Queue.Add(m.MethodHandle);
        if (Interlocked.Exchange(ref _started, 1) == 0)
            new Thread(Run) { IsBackground = true, Name = "Lua precompiler" }.Start();
    }

    private static void Run()
    {
        foreach (var handle in Queue.GetConsumingEnumerable())
        {
            try
            {
                RuntimeHelpers.PrepareMethod(handle);
                Interlocked.Increment(ref _compiled);
            }
            catch (Exception)
            {
                // Invalid code or a JIT limit: the method's first call meets the same error and reports it there.
            }
        }
    }
}
