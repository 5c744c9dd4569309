using System.Runtime.CompilerServices;

namespace Tidegate.Web.Runtime;

/// <summary>
/// The async method builder of the methods a request awaits through on its worker (the request
/// pipeline, the connection's request loop, the proxy exchange): <c>[AsyncMethodBuilder(typeof(WorkerTaskBuilder))]</c>
/// on an <c>async ValueTask</c> method. A method that finishes without waiting costs nothing; one that
/// waits moves its state machine into a <see cref="WorkerTaskBox{TResult}"/> reused from a per-thread
/// pool, and when it finishes on the worker it resumes its awaiter at once instead of through the
/// worker's queue. Its ValueTask, like any, may be awaited once.
/// </summary>
public struct WorkerTaskBuilder
{
    // The generic builder with no result does the work (as the runtime's ValueTask builder wraps its generic one).
    private WorkerTaskBuilder<NoResult> core;

    public static WorkerTaskBuilder Create() => default;

    public ValueTask Task => core.VoidTask;

    // Runs the first step directly. The runtime's Start also saves the thread's ExecutionContext and
    // SynchronizationContext and puts them back after the step (reading the current thread from thread-local
    // storage through a runtime helper, for every call of every method); a worker's methods change neither.
    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine =>
        stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine) { }

    public void SetResult() => core.SetResult(default);

    public void SetException(Exception exception) => core.SetException(exception);

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine =>
        core.AwaitOnCompleted(ref awaiter, ref stateMachine);

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine =>
        core.AwaitUnsafeOnCompleted(ref awaiter, ref stateMachine);
}

/// <summary><see cref="WorkerTaskBuilder"/> for <c>async ValueTask&lt;TResult&gt;</c> methods.</summary>
public struct WorkerTaskBuilder<TResult>
{
    private WorkerTaskBox<TResult>? box;
    private Exception? early;
    /// <summary>The result of a method that finished without waiting.</summary>
    private TResult? result;

    public static WorkerTaskBuilder<TResult> Create() => default;

    public ValueTask<TResult> Task =>
        box is { } b ? new ValueTask<TResult>(b, b.Version)
        : early is { } e ? ValueTask.FromException<TResult>(e)
        : new ValueTask<TResult>(result!);

    /// <summary>The same as a ValueTask without a result (for <see cref="WorkerTaskBuilder"/>).</summary>
    internal ValueTask VoidTask =>
        box is { } b ? new ValueTask(b, b.Version) : early is { } e ? ValueTask.FromException(e) : default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine =>
        stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine) { }

    public void SetResult(TResult value)
    {
        if (box is { } b) b.SetResult(value);
        else result = value;
    }

    public void SetException(Exception exception)
    {
        if (box is { } b) b.SetException(exception);
        else early = exception;
    }

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine =>
        awaiter.OnCompleted(BoxFor(ref stateMachine).MoveNextAction);

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine =>
        awaiter.UnsafeOnCompleted(BoxFor(ref stateMachine).MoveNextAction);

    private WorkerTaskBox<TResult> BoxFor<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        if (box is { } existing) return existing;
        var created = WorkerTaskBox<TResult, TStateMachine>.Rent();
        box = created;
        created.StateMachine = stateMachine;
        return created;
    }
}

/// <summary>The result type of a <see cref="WorkerTaskBuilder"/> box (a method with none).</summary>
internal readonly struct NoResult;
