using System.Diagnostics;

namespace Tidegate.Web.Runtime;

/// <summary>
/// One worker's timeouts, kept the way nginx keeps its timer tree: a list ordered by due time, read
/// against a clock the worker refreshes once per turn of its loop (nginx's <c>ngx_current_msec</c>),
/// and expired by the worker itself between polls, whose wait ends at the earliest due time.
///
/// This replaces a <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> per read and per write:
/// each of those re-armed a runtime timer (a process-wide lock and a clock read) and fired on a timer
/// thread, from which the cancellation had to be posted back to the worker.
///
/// The list is a binary min-heap with nginx's lazy re-arming: a timeout moved later (every keepalive
/// request moves its connection's) only records its new due time, and is put back in order when the
/// heap's top reaches it; one moved earlier is sifted up at once. Used only on the worker's thread.
/// </summary>
public sealed class WorkerDeadlines
{
    private WorkerDeadline[] heap = new WorkerDeadline[64];
    private int count;
    /// <summary>A test's clock; null: the monotonic clock.</summary>
    private readonly Func<long>? clock;
    private long now;

    public WorkerDeadlines() : this(null) { }

    /// <param name="clock">Milliseconds on a monotonic clock (tests give their own); null: the system's.</param>
    public WorkerDeadlines(Func<long>? clock)
    {
        this.clock = clock;
        UpdateClock();
    }

    /// <summary>The worker's clock in milliseconds, as of the last <see cref="UpdateClock"/>.</summary>
    public long Now => now;

    /// <summary>How many timeouts are armed (for tests).</summary>
    public int Count => count;

    private static long ReadClock() => WorkerClock.Timestamp / (Stopwatch.Frequency / 1000);

    /// <summary>
    /// How far the clock has moved since the turn read it into <see cref="Now"/> (whole milliseconds, at least 0): a
    /// wait that must last its time from the moment it starts (ngx.sleep) adds this to its timeout.
    /// </summary>
    public long MillisecondsSinceNow() =>
        Math.Max(0, (clock is null ? Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1000) : clock()) - now);

    /// <summary>Reads the clock (once per turn of the worker's loop, after its poll and <see cref="WorkerClock.Update"/>).</summary>
    public void UpdateClock() => now = clock is null ? ReadClock() : clock();

    /// <summary>Milliseconds the poll may sleep before the earliest timeout is due; -1 when none is armed.</summary>
    public int MillisecondsUntilNext()
    {
        if (count == 0) return -1;
        long wait = heap[0].Key - now;
        return wait <= 0 ? 0 : wait >= int.MaxValue ? int.MaxValue : (int)wait;
    }

    /// <summary>Arms (or re-arms) <paramref name="deadline"/> to fire <paramref name="milliseconds"/> from now.</summary>
    public void Schedule(WorkerDeadline deadline, long milliseconds)
    {
        long due = now + milliseconds;
        deadline.Due = due;
        if (deadline.HeapIndex < 0)
        {
            if (count == heap.Length) Array.Resize(ref heap, count * 2);
            deadline.Key = due;
            deadline.HeapIndex = count;
            heap[count++] = deadline;
            SiftUp(deadline.HeapIndex);
        }
        else if (due < deadline.Key)
        {
            deadline.Key = due;
            SiftUp(deadline.HeapIndex);
        }
        // Later than its place in the heap: left there; ExpireDue puts it back in order when it comes up.
    }

    /// <summary>Takes <paramref name="deadline"/> out of the list (it will not fire).</summary>
    public void Remove(WorkerDeadline deadline)
    {
        int at = deadline.HeapIndex;
        if (at < 0) return;
        deadline.HeapIndex = -1;
        var last = heap[--count];
        heap[count] = null!;
        if (at == count) return;
        heap[at] = last;
        last.HeapIndex = at;
        SiftDown(at);
        SiftUp(last.HeapIndex);
    }

    /// <summary>Fires every timeout due by <see cref="Now"/>; returns how many fired.</summary>
    public int ExpireDue()
    {
        int fired = 0;
        while (count > 0 && heap[0].Key <= now)
        {
            var top = heap[0];
            if (top.Due > now)
            {
                // Re-armed later since it was placed: back in order at its real due time.
                top.Key = top.Due;
                SiftDown(0);
                continue;
            }
            Remove(top);
            top.Fire();
            fired++;
        }
        return fired;
    }

    private void SiftUp(int at)
    {
        var item = heap[at];
        while (at > 0)
        {
            int parent = (at - 1) >> 1;
            var above = heap[parent];
            if (above.Key <= item.Key) break;
            heap[at] = above;
            above.HeapIndex = at;
            at = parent;
        }
        heap[at] = item;
        item.HeapIndex = at;
    }

    private void SiftDown(int at)
    {
        var item = heap[at];
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= count) break;
            if (child + 1 < count && heap[child + 1].Key < heap[child].Key) child++;
            var below = heap[child];
            if (below.Key >= item.Key) break;
            heap[at] = below;
            below.HeapIndex = at;
            at = child;
        }
        heap[at] = item;
        item.HeapIndex = at;
    }
}

/// <summary>
/// One timeout of a connection (its reads, or its writes), re-armed for each operation: <see cref="Arm"/>
/// gives the token the operation waits with, cancelled when the timeout passes first. On its worker's
/// thread it lives in the worker's <see cref="WorkerDeadlines"/>; anywhere else (no worker, or a call
/// from another thread) it falls back to the runtime's timer (<see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>).
/// A timeout that passes while nothing waits cancels a token nobody holds: the next Arm starts a fresh one.
/// </summary>
public sealed class WorkerDeadline : IDisposable
{
    private readonly WorkerLoop? loop;
    private CancellationTokenSource source = new();
    /// <summary>A CancelAfter may be pending on <see cref="source"/> (the fallback was used).</summary>
    private bool runtimeTimer;
    private bool disposed;
    // The list's bookkeeping: the real due time, the due time it is ordered by (≤ Due), its place.
    internal long Due, Key;
    internal int HeapIndex = -1;

    /// <param name="loop">The worker whose thread arms this timeout; null: always the runtime's timer.</param>
    public WorkerDeadline(WorkerLoop? loop) { this.loop = loop; }

    /// <summary>The worker's timeout list, when this is armed on that worker's thread.</summary>
    private WorkerDeadlines? List => loop is { IsCurrent: true } ? loop.Deadlines : null;

    /// <summary>Starts (or restarts) the timeout; the token is cancelled once it passes.</summary>
    public CancellationToken Arm(TimeSpan timeout)
    {
        if (source.IsCancellationRequested)
        {
            source.Dispose();
            source = new CancellationTokenSource();
            runtimeTimer = false;
        }
        var list = List;
        // Off the worker, and for Timeout.InfiniteTimeSpan (never) or a negative timeout (CancelAfter's own error).
        if (list is null || timeout < TimeSpan.Zero)
        {
            list?.Remove(this);
            source.CancelAfter(timeout);
            runtimeTimer = true;
            return source.Token;
        }
        if (runtimeTimer)
        {
            // Stop the runtime's timer armed off the worker; a fired one leaves the source cancelled: start afresh.
            if (!source.TryReset())
            {
                source.Dispose();
                source = new CancellationTokenSource();
            }
            runtimeTimer = false;
        }
        if (timeout == TimeSpan.Zero)
        {
            // As CancelAfter(0): the operation starts already timed out.
            list.Remove(this);
            source.Cancel();
            return source.Token;
        }
        list.Schedule(this, (long)Math.Ceiling(timeout.TotalMilliseconds));
        return source.Token;
    }

    /// <summary>The token of the current arming (for tests).</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Cancels what waits now (a graceful stop closing an idle connection); any thread.</summary>
    public void CancelNow()
    {
        try { source.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    /// <summary>Called by the list when the due time passed.</summary>
    internal void Fire()
    {
        if (disposed) return;
        try { source.Cancel(); }
        catch (AggregateException e) { Console.Error.WriteLine($"tidegate worker: a timeout's callback failed: {e.InnerException}"); }
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        // Off the worker (not the usual case) the entry stays until it comes due, and then does nothing.
        List?.Remove(this);
        source.Dispose();
    }
}
