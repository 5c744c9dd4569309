using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Tests.Runtime;

/// <summary>
/// <see cref="WorkerTaskBuilder"/>: a method that finishes without waiting costs no box; one that waits
/// reuses its box on the next call; finishing on the thread whose context its awaiter captured resumes
/// the awaiter at once (no Post), finishing elsewhere Posts to that context; results and exceptions
/// reach the awaiter as with the runtime's builders.
/// </summary>
public class WorkerTaskBuilderTests
{
    [Fact]
    public async Task AMethodThatDoesNotWaitGivesACompletedResultOrItsException()
    {
        var done = Immediate(7);
        Assert.True(done.IsCompletedSuccessfully);
        Assert.Equal(7, await done);
        var failed = ImmediateFailure();
        Assert.True(failed.IsFaulted);
        var e = await Assert.ThrowsAsync<InvalidDataException>(async () => await failed);
        Assert.Equal("early", e.Message);
    }

    [Fact]
    public void WaitingMethodsReuseTheirBoxesEvenWhenManyWaitAtOnce()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            // 64 calls waiting at once, as 64 requests on their upstreams: the runtime's pooled builder keeps
            // one idle box per thread and one per core, so most of them would allocate a box each round.
            var sources = Enumerable.Range(0, 64).Select(_ => new ManualSource()).ToArray();
            var waiting = new ValueTask<int>[sources.Length];
            long sum = 0, waited = 0;
            for (int round = 0; round < 10; round++) Round(sources, waiting, ref sum, ref waited); // the pool fills
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 100; round++) Round(sources, waiting, ref sum, ref waited);
            long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (100 * sources.Length);
            Assert.Equal(110 * 64, waited);
            Assert.Equal(110 * (64 * 63 / 2 + 64), sum);
            Assert.True(perCall < 8, $"{perCall} bytes per call");
        }
        finally { SynchronizationContext.SetSynchronizationContext(previous); }

        // No assertion inside: xUnit's own allocations would count.
        static void Round(ManualSource[] sources, ValueTask<int>[] waiting, ref long sum, ref long waited)
        {
            for (int i = 0; i < sources.Length; i++)
            {
                waiting[i] = AddOneAfter(sources[i]);
                if (!waiting[i].IsCompleted) waited++;
            }
            for (int i = 0; i < sources.Length; i++) sources[i].Complete(i);
            for (int i = 0; i < sources.Length; i++) sum += waiting[i].Result;
        }
    }

    [Fact]
    public async Task FinishingOnTheAwaitersContextResumesItThereWithoutAPost()
    {
        using var context = new CountingContext();
        var source = new ManualSource();
        var trace = new List<string>();
        int postsBefore = 0, postsAfter = 0;
        var completed = new TaskCompletionSource();
        await context.Run(async () =>
        {
            var outer = Outer(source, trace);
            trace.Add("outer waits");
            postsBefore = context.Posts;
            context.Post(_ =>
            {
                source.Complete(41);
                postsAfter = context.Posts;
                trace.Add("completed");
                completed.SetResult();
            }, null);
            Assert.Equal(42, await outer);
        });
        await completed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // The inner method finished on the context's thread: the outer one went on inside Complete.
        Assert.Equal(["outer waits", "outer resumed 42", "completed"], trace);
        Assert.Equal(postsBefore + 1, postsAfter); // only the test's own Post
    }

    [Fact]
    public async Task FinishingOnAnotherThreadPostsToTheAwaitersContext()
    {
        using var context = new CountingContext();
        var source = new ManualSource();
        var trace = new List<string>();
        await context.Run(async () =>
        {
            var outer = Outer(source, trace);
            int postsBefore = context.Posts;
            await Task.Run(() => source.Complete(1)); // the inner method finishes on a pool thread
            Assert.Equal(2, await outer);
            Assert.True(context.Posts > postsBefore, "the outer method was not resumed through its context");
            Assert.Equal(context.ThreadId, Environment.CurrentManagedThreadId);
        });
    }

    [Fact]
    public async Task AnExceptionAfterWaitingReachesTheAwaiterAndCancellationReadsAsCanceled()
    {
        var source = new ManualSource();
        var failing = ThrowAfter(source, new InvalidDataException("late"));
        source.Complete(0);
        var e = await Assert.ThrowsAsync<InvalidDataException>(async () => await failing);
        Assert.Equal("late", e.Message);

        var canceling = ThrowAfter(source, new OperationCanceledException());
        source.Complete(0);
        Assert.True(canceling.IsCanceled);
        await Assert.ThrowsAsync<OperationCanceledException>(async () => await canceling);
    }

    [Fact]
    public async Task AResultTakenOnceCannotBeTakenAgain()
    {
        var source = new ManualSource();
        var waiting = AddOneAfter(source);
        source.Complete(1);
        Assert.Equal(2, await waiting);
        // The box went back to its pool: the stale ValueTask refuses, it does not read another call's result.
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await waiting);
    }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
    private static async ValueTask<int> Immediate(int value)
    {
        await Task.CompletedTask;
        return value;
    }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
    private static async ValueTask ImmediateFailure()
    {
        await Task.CompletedTask;
        throw new InvalidDataException("early");
    }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
    private static async ValueTask<int> AddOneAfter(ManualSource source) => await source.Wait() + 1;

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
    private static async ValueTask ThrowAfter(ManualSource source, Exception e)
    {
        await source.Wait();
        throw e;
    }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
    private static async ValueTask<int> Outer(ManualSource source, List<string> trace)
    {
        int value = await AddOneAfter(source);
        trace.Add($"outer resumed {value}");
        return value;
    }

    /// <summary>A reusable wait completed by hand; it resumes its awaiter on the completing thread, as PendingIo does.</summary>
    private sealed class ManualSource : IValueTaskSource<int>
    {
        private ManualResetValueTaskSourceCore<int> core;

        public ValueTask<int> Wait()
        {
            core.Reset();
            return new ValueTask<int>(this, core.Version);
        }

        public void Complete(int value) => core.SetResult(value);

        public int GetResult(short token) => core.GetResult(token);
        public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);
        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            core.OnCompleted(continuation, state, token, flags & ~ValueTaskSourceOnCompletedFlags.UseSchedulingContext);
    }

    /// <summary>A single-threaded SynchronizationContext that counts its Posts.</summary>
    private sealed class CountingContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback, object?)> queue = new();
        private readonly Thread thread;
        private int posts;

        public CountingContext()
        {
            thread = new Thread(() =>
            {
                SetSynchronizationContext(this);
                foreach (var (callback, state) in queue.GetConsumingEnumerable()) callback(state);
            }) { IsBackground = true };
            thread.Start();
        }

        public int Posts => Volatile.Read(ref posts);
        public int ThreadId => thread.ManagedThreadId;

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref posts);
            queue.Add((d, state));
        }

        /// <summary>Runs <paramref name="work"/> on the context's thread; completes when it has.</summary>
        public Task Run(Func<Task> work)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(async _ =>
            {
                try { await work(); done.SetResult(); }
                catch (Exception e) { done.SetException(e); }
            }, null);
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        public void Dispose() => queue.CompleteAdding();
    }
}
