using System.Collections.Concurrent;

namespace Tidegate.Web.Runtime;

/// <summary>
/// One worker: a dedicated thread running its own event loop (DESIGN.md non-negotiable 5). It is
/// installed as the thread's <see cref="SynchronizationContext"/>, so every <c>await</c> started
/// on it (socket receives and sends capture the context) resumes on this same thread: a
/// connection accepted by a worker is handled start to end by that worker, and the Lua state the
/// worker will own needs no locks.
/// </summary>
public sealed class WorkerLoop : SynchronizationContext, IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> queue = new();
    private readonly Thread thread;

    public WorkerLoop(int index)
    {
        Index = index;
        thread = new Thread(Run) { IsBackground = true, Name = $"tidegate worker {index}" };
        thread.Start();
    }

    public int Index { get; }

    /// <summary>Connections this worker currently holds (for worker_connections and graceful stop).</summary>
    public int ActiveConnections;

    public bool IsCurrent => Thread.CurrentThread == thread;

    public override void Post(SendOrPostCallback d, object? state)
    {
        try { queue.Add((d, state)); }
        catch (InvalidOperationException) { /* the loop has stopped; late completions are dropped */ }
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (IsCurrent) { d(state); return; }
        using var done = new ManualResetEventSlim();
        Post(_ => { try { d(state); } finally { done.Set(); } }, null);
        done.Wait();
    }

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Starts an async operation on this worker's thread.</summary>
    public void Start(Func<Task> work) => Post(_ => _ = work(), null);

    private void Run()
    {
        SetSynchronizationContext(this);
        foreach (var (callback, state) in queue.GetConsumingEnumerable())
        {
            try { callback(state); }
            catch (Exception e) { Console.Error.WriteLine($"tidegate worker {Index}: unhandled {e}"); }
        }
    }

    /// <summary>Stops taking work once the queue drains; the thread then ends.</summary>
    public void Dispose() => queue.CompleteAdding();

    public void Join(TimeSpan timeout) => thread.Join(timeout);
}
