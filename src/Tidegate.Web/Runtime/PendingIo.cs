using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Sources;

namespace Tidegate.Web.Runtime;

/// <summary>
/// One direction (read or write) of a <see cref="PolledConnection"/> waiting for its socket, as a
/// reusable ValueTask source: no allocation per wait. It completes only on the owning worker's
/// thread (readiness comes from the worker's poll; a cancellation is posted there), and then runs
/// the awaiting code directly: the continuation belongs on this thread anyway, so going through
/// the captured SynchronizationContext would only queue it behind a Post.
/// </summary>
internal sealed class PendingIo : IValueTaskSource<int>, IValueTaskSource
{
    private readonly WorkerLoop loop;
    private short version;
    private bool pending, completed;
    private int result;
    private ExceptionDispatchInfo? error;
    private Action<object?>? continuation;
    private object? continuationState;
    private CancellationTokenRegistration cancelRegistration;
    private CancellationToken waitingOn;

    public PendingIo(WorkerLoop loop) { this.loop = loop; }

    public bool IsPending => pending;

    /// <summary>Starts a wait; returns the ValueTask token.</summary>
    public short Begin(CancellationToken cancellation)
    {
        version++;
        pending = true;
        completed = false;
        error = null;
        result = 0;
        continuation = null;
        continuationState = null;
        waitingOn = cancellation;
        // Timeouts fire on a timer thread: the cancellation is carried over to the worker.
        if (cancellation.CanBeCanceled)
            cancelRegistration = cancellation.UnsafeRegister(static (state, token) => ((PendingIo)state!).CancelOnWorker(token), this);
        return version;
    }

    private void CancelOnWorker(CancellationToken token) =>
        loop.Post(static state =>
        {
            var (self, fired) = ((PendingIo, CancellationToken))state!;
            // A cancellation that lost the race to a completion must not end the next wait: that one has its own token.
            if (self.pending && self.waitingOn == fired) self.Fail(new OperationCanceledException(fired));
        }, (this, token));

    public void Complete(int value) => Finish(value, null);

    public void Fail(Exception e) => Finish(0, ExceptionDispatchInfo.Capture(e));

    private void Finish(int value, ExceptionDispatchInfo? failure)
    {
        if (!pending) return;
        pending = false;
        cancelRegistration.Unregister();
        cancelRegistration = default;
        waitingOn = default;
        result = value;
        error = failure;
        completed = true;
        var next = continuation;
        if (next is null) return;
        var state = continuationState;
        continuation = null;
        continuationState = null;
        next(state);
    }

    public ValueTaskSourceStatus GetStatus(short token)
    {
        if (token != version || !completed) return ValueTaskSourceStatus.Pending;
        if (error is null) return ValueTaskSourceStatus.Succeeded;
        return error.SourceException is OperationCanceledException ? ValueTaskSourceStatus.Canceled : ValueTaskSourceStatus.Faulted;
    }

    public void OnCompleted(Action<object?> next, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        if (token != version) throw new InvalidOperationException("a stale wait on a connection was awaited");
        if (completed)
        {
            next(state);
            return;
        }
        continuation = next;
        continuationState = state;
    }

    public int GetResult(short token)
    {
        if (token != version || !completed) throw new InvalidOperationException("a connection's wait was read before it completed");
        completed = false;
        error?.Throw();
        return result;
    }

    void IValueTaskSource.GetResult(short token) => GetResult(token);
}
