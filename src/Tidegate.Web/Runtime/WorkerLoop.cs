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
    // Posted work: other threads add under the lock; the worker swaps the whole queue out and runs
    // it without the lock. A plain lock and Monitor.Pulse (only when the worker sleeps) cost less
    // per completion than BlockingCollection's semaphore and cancellation plumbing.
    private Queue<(SendOrPostCallback Callback, object? State)> pending = new();
    private Queue<(SendOrPostCallback Callback, object? State)> running = new();
    private readonly object gate = new();
    private bool sleeping, stopped;
    private readonly Thread thread;
    /// <summary>The worker's own epoll (Linux x64): client connections complete on this thread; null elsewhere.</summary>
    private readonly WorkerPoller? poller;
    /// <summary>The tail instrument (<see cref="WorkerTailProbe"/>): null unless TIDEGATE_TAIL_PROBE is set.</summary>
    private readonly WorkerTailProbe? probe;

    public WorkerLoop(int index)
    {
        Index = index;
        if (LinuxEpoll.IsSupported) poller = new WorkerPoller();
        probe = WorkerTailProbe.For(index);
        thread = new Thread(Run) { IsBackground = true, Name = $"tidegate worker {index}" };
        thread.Start();
    }

    public int Index { get; }

    /// <summary>Connections this worker currently holds (for worker_connections and graceful stop).</summary>
    public int ActiveConnections;

    public bool IsCurrent => Thread.CurrentThread == thread;

    /// <summary>The worker's poller, when it has one (see <see cref="PolledConnection"/>).</summary>
    internal WorkerPoller? Poller => poller;

    /// <summary>The worker's timeouts (connections' read and write timeouts), expired by this loop; worker thread only.</summary>
    public WorkerDeadlines Deadlines { get; } = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (gate)
        {
            if (stopped) return; // the loop has stopped; late completions are dropped
            pending.Enqueue((d, state));
            if (sleeping)
            {
                if (poller is not null) poller.Wake();
                else Monitor.Pulse(gate);
            }
        }
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
        var deadlines = Deadlines;
        try
        {
            while (true)
            {
                bool wait;
                lock (gate)
                {
                    wait = pending.Count == 0;
                    if (wait)
                    {
                        if (stopped) return;
                        sleeping = true;
                        if (poller is null)
                        {
                            Monitor.Wait(gate, deadlines.MillisecondsUntilNext());
                            sleeping = false;
                        }
                    }
                    else (pending, running) = (running, pending);
                }
                if (wait)
                {
                    if (poller is not null)
                    {
                        // Nothing queued: sleep in epoll until a connection is ready, Post wakes us, or a timeout is due.
                        int ready = poller.Wait(deadlines.MillisecondsUntilNext());
                        lock (gate) sleeping = false;
                        Tick(deadlines);
                        probe?.BatchStart(ready);
                        poller.Dispatch(ready, probe);
                    }
                    else Tick(deadlines);
                    Expire(deadlines);
                    probe?.BatchEnd();
                    continue;
                }
                probe?.Posted(running.Count);
                while (running.TryDequeue(out var work))
                {
                    try { work.Callback(work.State); }
                    catch (Exception e) { Console.Error.WriteLine($"tidegate worker {Index}: unhandled {e}"); }
                }
                // Ready connections are served between batches of posted work, without sleeping.
                if (poller is not null)
                {
                    int ready = poller.Wait(0);
                    Tick(deadlines);
                    probe?.BatchStart(ready);
                    poller.Dispatch(ready, probe);
                }
                else Tick(deadlines);
                Expire(deadlines);
                probe?.BatchEnd();
            }
        }
        finally
        {
            lock (gate) poller?.Dispose();
        }
    }

    /// <summary>The turn's time, read once (nginx's ngx_time_update): the worker's clock, then the timeout list's.</summary>
    private static void Tick(WorkerDeadlines deadlines)
    {
        WorkerClock.Update();
        deadlines.UpdateClock();
    }

    /// <summary>Fires the timeouts that are due (their cancellations run the waits' failure on this thread).</summary>
    private void Expire(WorkerDeadlines deadlines)
    {
        try { deadlines.ExpireDue(); }
        catch (Exception e) { Console.Error.WriteLine($"tidegate worker {Index}: unhandled {e}"); }
    }

    /// <summary>Stops taking work once the queue drains; the thread then ends.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            stopped = true;
            if (poller is not null) poller.Wake();
            else Monitor.Pulse(gate);
        }
    }

    public void Join(TimeSpan timeout) => thread.Join(timeout);
}
