using System.Runtime.CompilerServices;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// The harness blocks thread-pool threads on purpose (synchronous requests, log waits) while the
/// fake backends, DNS and UDP peers it started answer through async code on the same pool. With
/// the pool at its default floor (one thread per core) two cases running side by side can hold
/// every thread, and a backend's reply then waits for the pool to grow (~0.5 s a thread) — longer
/// than the 300 ms upstream timeouts some cases test, which then fail at random. A higher floor
/// lets the pool hand out threads at once.
/// </summary>
internal static class ThreadPoolFloor
{
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
