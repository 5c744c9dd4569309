using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Sources;

namespace Tidegate.Web.Runtime;

/// <summary>
/// The heap half of a <see cref="WorkerTaskBuilder"/> method that had to wait: its state machine, moved
/// off the stack at the first wait, and the ValueTask source its caller awaits.
///
/// <para>It differs from the runtime's pooled box in the two ways a worker needs. A box is reused from
/// a pool per thread and method that holds as many boxes as were ever waiting at once (the runtime keeps
/// one per thread and one per core, so with 64 requests waiting on their upstreams nearly every wait
/// allocated one box per method of the chain). And when it completes on the thread whose
/// SynchronizationContext its awaiter captured, it resumes the awaiter right there, as
/// <see cref="PendingIo"/> does, where the runtime's source Posts to that context even when it is
/// already current: a queue round trip and a callback allocation per method per request.</para>
///
/// <para>No ExecutionContext flows into a resumed method (the worker's code sets no AsyncLocal), unless
/// an awaiter asks for it through the safe OnCompleted.</para>
/// </summary>
internal abstract class WorkerTaskBox<TResult> : IValueTaskSource<TResult>, IValueTaskSource
{
    /// <summary>Takes the continuation's place once the box completed before anyone awaited it.</summary>
    private static readonly Action<object?> CompletedSentinel = static _ => { };

    private Action<object?>? continuation;
    private object? continuationState;
    /// <summary>The SynchronizationContext or TaskScheduler the awaiter asked to resume on; null: anywhere.</summary>
    private object? resumeOn;
    private ExecutionContext? flowed;
    private TResult? result;
    private ExceptionDispatchInfo? error;
    private bool completed;
    private short version;

    protected WorkerTaskBox() { MoveNextAction = MoveNext; }

    /// <summary>What an awaiter calls to resume the method: made once per box, not per wait.</summary>
    public Action MoveNextAction { get; }

    /// <summary>The token of the box's current use; it changes when the result is taken.</summary>
    public short Version => version;

    protected abstract void MoveNext();

    /// <summary>Drops the finished state machine (and what it referenced) and offers the box for reuse.</summary>
    protected abstract void Recycle();

    public void SetResult(TResult value)
    {
        result = value;
        SignalCompletion();
    }

    public void SetException(Exception e)
    {
        error = ExceptionDispatchInfo.Capture(e);
        SignalCompletion();
    }

    private void SignalCompletion()
    {
        completed = true;
        // The awaiter may register from another thread at the same moment: the sentinel settles who runs it.
        var next = Volatile.Read(ref continuation) ?? Interlocked.CompareExchange(ref continuation, CompletedSentinel, null);
        if (next is null) return;
        Resume(next, alreadyOnStack: true);
    }

    /// <param name="alreadyOnStack">False when the awaiter registered after completion: it is resumed
    /// asynchronously then, as the runtime's sources do, so a loop of such awaits cannot dive the stack.</param>
    private void Resume(Action<object?> next, bool alreadyOnStack)
    {
        object? state = continuationState, target = resumeOn;
        var context = flowed;
        continuationState = null;
        resumeOn = null;
        flowed = null;
        if (context is not null) next = InContext(context, next);
        switch (target)
        {
            case null when alreadyOnStack:
                next(state);
                break;
            case null:
                ThreadPool.UnsafeQueueUserWorkItem(next, state, preferLocal: true);
                break;
            case SynchronizationContext sync when alreadyOnStack && sync == SynchronizationContext.Current:
                next(state);
                break;
            case SynchronizationContext sync:
                sync.Post(static p => { var (n, s) = ((Action<object?>, object?))p!; n(s); }, (next, state));
                break;
            case TaskScheduler scheduler:
                Task.Factory.StartNew(next, state, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);
                break;
        }
    }

    /// <summary>The continuation run inside <paramref name="context"/> (its own method: a lambda in Resume would allocate its closure on every call).</summary>
    private static Action<object?> InContext(ExecutionContext context, Action<object?> next) =>
        state => ExecutionContext.Run(context, static p => { var (n, s) = ((Action<object?>, object?))p!; n(s); }, (next, state));

    public ValueTaskSourceStatus GetStatus(short token)
    {
        Check(token);
        if (!completed) return ValueTaskSourceStatus.Pending;
        if (error is null) return ValueTaskSourceStatus.Succeeded;
        return error.SourceException is OperationCanceledException ? ValueTaskSourceStatus.Canceled : ValueTaskSourceStatus.Faulted;
    }

    public void OnCompleted(Action<object?> next, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        Check(token);
        if ((flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0) flowed = ExecutionContext.Capture();
        if ((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0)
        {
            if (SynchronizationContext.Current is { } sync && sync.GetType() != typeof(SynchronizationContext)) resumeOn = sync;
            else if (TaskScheduler.Current != TaskScheduler.Default) resumeOn = TaskScheduler.Current;
        }
        continuationState = state;
        var previous = Interlocked.CompareExchange(ref continuation, next, null);
        if (previous is null) return;
        if (!ReferenceEquals(previous, CompletedSentinel)) throw new InvalidOperationException("a worker task was awaited twice");
        Resume(next, alreadyOnStack: false);
    }

    public TResult GetResult(short token)
    {
        Check(token);
        if (!completed) throw new InvalidOperationException("a worker task's result was read before it completed");
        var failure = error;
        var value = result;
        Reset();
        Recycle();
        failure?.Throw();
        return value!;
    }

    void IValueTaskSource.GetResult(short token) => GetResult(token);

    private void Check(short token)
    {
        if (token != version) throw new InvalidOperationException("a worker task was awaited after its result was taken");
    }

    private void Reset()
    {
        version++;
        completed = false;
        continuation = null;
        continuationState = null;
        resumeOn = null;
        flowed = null;
        result = default;
        error = null;
    }
}

/// <summary>The box of one method (its state machine type); the pool is per thread, so it takes no lock.</summary>
internal sealed class WorkerTaskBox<TResult, TStateMachine> : WorkerTaskBox<TResult> where TStateMachine : IAsyncStateMachine
{
    /// <summary>At most this many idle boxes per method and thread: as many as usually wait at once, with a bound for spikes.</summary>
    private const int PoolLimit = 1024;
    /// <summary>This method's place in the thread's pools (<see cref="WorkerTaskPools"/>).</summary>
    private static readonly int poolIndex = WorkerTaskPools.NewIndex();

    public TStateMachine StateMachine = default!;

    public static WorkerTaskBox<TResult, TStateMachine> Rent()
    {
        if (WorkerTaskPools.Of(poolIndex) is Pool { Count: > 0 } pool)
        {
            var box = pool.Items[--pool.Count];
            pool.Items[pool.Count] = null!;
            return box;
        }
        return new WorkerTaskBox<TResult, TStateMachine>();
    }

    protected override void MoveNext() => StateMachine.MoveNext();

    protected override void Recycle()
    {
        StateMachine = default!;
        ref object? slot = ref WorkerTaskPools.Of(poolIndex);
        var pool = slot as Pool ?? (Pool)(slot = new Pool());
        if (pool.Count == pool.Items.Length)
        {
            if (pool.Items.Length >= PoolLimit) return;
            Array.Resize(ref pool.Items, pool.Items.Length * 2);
        }
        pool.Items[pool.Count++] = this;
    }

    private sealed class Pool
    {
        public WorkerTaskBox<TResult, TStateMachine>[] Items = new WorkerTaskBox<TResult, TStateMachine>[16];
        public int Count;
    }
}

/// <summary>
/// Each thread's pools of <see cref="WorkerTaskBox{TResult, TStateMachine}"/>, one slot per method. A
/// thread-static field of the generic box class itself would be read through the runtime's lookup helper
/// on every rent and return (a generic type's thread statics are not inlined); this one non-generic
/// thread-static array is.
/// </summary>
internal static class WorkerTaskPools
{
    [ThreadStatic] private static object?[]? pools;
    private static int methods;

    /// <summary>A new method's slot number (once per box type).</summary>
    public static int NewIndex() => Interlocked.Increment(ref methods) - 1;

    /// <summary>The calling thread's slot <paramref name="index"/>: null, or that method's pool.</summary>
    public static ref object? Of(int index)
    {
        var slots = pools;
        if (slots is null || index >= slots.Length) slots = Grow(index);
        return ref slots[index];
    }

    private static object?[] Grow(int index)
    {
        var grown = new object?[Math.Max(64, (index + 1) * 2)];
        pools?.CopyTo(grown, 0);
        pools = grown;
        return grown;
    }
}
