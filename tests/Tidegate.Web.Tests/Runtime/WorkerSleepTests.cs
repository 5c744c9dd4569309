using Tidegate.Web.Runtime;

namespace Tidegate.Web.Tests.Runtime;

/// <summary>
/// <see cref="WorkerSleep"/> (ngx.sleep's wait): on a worker, sleeps end on the worker's thread in the order of their
/// due times, even when the worker was busy past all of them (they then come due in the same expiry pass).
/// </summary>
public class WorkerSleepTests
{
    [Fact]
    public async Task SleepsThatCameDueTogetherEndInTheOrderOfTheirDueTimesOnTheWorker()
    {
        using var worker = new WorkerLoop(3);
        var ended = new List<(int Milliseconds, int Thread)>();
        var all = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        int workerThread = 0, armed = 0;
        worker.Start(async () =>
        {
            workerThread = Environment.CurrentManagedThreadId;
            var sleeps = new[] { 30, 10, 20, 40, 15 }.Select(async ms =>
            {
                await WorkerSleep.For(ms);
                ended.Add((ms, Environment.CurrentManagedThreadId));
            }).ToList();
            armed = worker.Deadlines.Count; // on the worker's own list, not the runtime's timer
            Thread.Sleep(80); // the worker busy past every due time
            await Task.WhenAll(sleeps);
            all.SetResult(0);
        });
        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, armed);
        Assert.Equal([10, 15, 20, 30, 40], ended.Select(e => e.Milliseconds));
        Assert.All(ended, e => Assert.Equal(workerThread, e.Thread));
    }

    [Fact]
    public async Task OffAWorkerASleepStillEnds()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await WorkerSleep.For(20).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(started.ElapsedMilliseconds >= 15, $"ended after {started.ElapsedMilliseconds} ms");
    }
}
