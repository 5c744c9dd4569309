namespace Tidegate.Web.Lua.Semaphore;

/// <summary>
/// One ngx.semaphore of a worker: its resources and the queue of parked waiters, as ngx_lua keeps
/// them. A post does not run waiters at once: it schedules a wake on the worker's event loop (nginx's
/// posted event), which hands resources to the waiters in the order they came while there are any.
/// Lives on one worker thread only (semaphores are Lua objects of one worker's state), so no locks.
/// </summary>
public sealed class LuaSemaphore
{
    private readonly LinkedList<Waiter> waiters = new();
    private bool wakeScheduled;

    public LuaSemaphore(int resources) { Resources = resources; }

    /// <summary>Resources not yet handed out (ngx_lua's resource_count).</summary>
    public int Resources { get; private set; }

    /// <summary>count(): the resources minus the waiters (negative while threads wait).</summary>
    public int Count => Resources - waiters.Count;

    /// <summary>A thread parked in wait(): woken with a resource, or timed out.</summary>
    public sealed class Waiter
    {
        internal LinkedListNode<Waiter>? Node;
        /// <summary>Took a resource; the parked thread has not run yet.</summary>
        public bool Woken { get; internal set; }
        /// <summary>The parked thread ran on (woken or timed out): nothing left to undo.</summary>
        public bool Delivered { get; set; }
        /// <summary>
        /// Completed on the worker thread by the wake; its continuations run right there, in queue order
        /// (as nginx resumes each waiter inside its posted event), never hopping through the thread pool.
        /// </summary>
        public TaskCompletionSource Signal { get; } = new();
    }

    /// <summary>wait() without parking: takes a resource when one is free and nobody waits before us.</summary>
    public bool TryTake()
    {
        if (waiters.Count > 0 || Resources <= 0) return false;
        Resources--;
        return true;
    }

    public Waiter Enqueue()
    {
        var waiter = new Waiter();
        waiter.Node = waiters.AddLast(waiter);
        return waiter;
    }

    /// <summary>A waiter's time ran out, or its thread was killed or its request ended: it leaves the queue.</summary>
    public void Withdraw(Waiter waiter)
    {
        if (waiter.Node is { } node)
        {
            waiters.Remove(node);
            waiter.Node = null;
            return;
        }
        // Woken but never run (killed in between): the resource goes back to the others.
        if (waiter.Woken && !waiter.Delivered)
        {
            waiter.Delivered = true;
            Post(1);
        }
    }

    public void Post(int n)
    {
        Resources += n;
        if (waiters.Count == 0 || wakeScheduled) return;
        wakeScheduled = true;
        _ = WakeLaterAsync();
    }

    private async Task WakeLaterAsync()
    {
        // Runs from the worker's event loop after the code that posted has stopped, as nginx's posted event.
        await Task.Yield();
        wakeScheduled = false;
        while (waiters.First is { } first && Resources > 0)
        {
            waiters.RemoveFirst();
            var waiter = first.Value;
            waiter.Node = null;
            Resources--;
            waiter.Woken = true;
            waiter.Signal.TrySetResult();
        }
    }
}
