namespace Tidegate.Web.Runtime;

/// <summary>
/// The wait behind <c>ngx.sleep</c>. On a worker's thread it is an entry in the worker's own timeout list
/// (<see cref="WorkerDeadlines"/>, nginx's timer tree): sleeps end on the worker in the order of their due times,
/// without a thread-pool hop. <see cref="Task.Delay(int)"/> ended them on the runtime's timer thread, which runs the
/// first of several timers that came due together and queues the others to the thread pool, so under load a 20 ms
/// sleep could resume before a 10 ms one started at the same moment (nginx never does that). Off a worker (no
/// timeout list to use) it is <see cref="Task.Delay(int)"/>.
/// </summary>
public static class WorkerSleep
{
    public static async Task For(int milliseconds)
    {
        if (SynchronizationContext.Current is not WorkerLoop { IsCurrent: true } loop)
        {
            await Task.Delay(milliseconds);
            return;
        }
        // The list counts from the clock its turn read when the poll returned (whole milliseconds); the work done
        // since (a first request compiles its Lua) would make the sleep end early as measured from this call.
        // Counting from now, plus the millisecond the list's clock rounds away, a sleep lasts at least its time,
        // as Task.Delay's did; sleeps started in one turn keep their order.
        long behind = loop.Deadlines.MillisecondsSinceNow();
        using var deadline = new WorkerDeadline(loop);
        // Continuations go through the worker's queue, in the order the deadlines fire, never inside the list's
        // expiry pass.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (deadline.Arm(TimeSpan.FromMilliseconds(milliseconds + behind + 1)).Register(static state => ((TaskCompletionSource)state!).TrySetResult(), done))
            await done.Task;
    }
}
