using System.Net;
using System.Net.Sockets;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Tests.Runtime;

/// <summary>
/// A worker's timeout list (nginx's timer tree against a per-turn clock): timeouts fire in due order,
/// at their latest arming's due time, never after being removed, and the poll is told how long it may
/// sleep. Then, on a real worker: a read armed with a connection's timeout fails on the worker when it
/// passes, and a re-armed one does not fire at its old time.
/// </summary>
public class WorkerDeadlinesTests
{
    private sealed class FakeClock { public long Now; }

    private static (WorkerDeadlines List, FakeClock Clock) NewList()
    {
        var clock = new FakeClock { Now = 1000 };
        return (new WorkerDeadlines(() => clock.Now), clock);
    }

    private static void Advance(WorkerDeadlines list, FakeClock clock, long ms)
    {
        clock.Now += ms;
        list.UpdateClock();
    }

    [Fact]
    public void TimeoutsFireInDueOrderAndOnlyWhenDue()
    {
        var (list, clock) = NewList();
        var a = new WorkerDeadline(null); var b = new WorkerDeadline(null); var c = new WorkerDeadline(null);
        list.Schedule(a, 300);
        list.Schedule(b, 100);
        list.Schedule(c, 200);
        Assert.Equal(100, list.MillisecondsUntilNext());
        Advance(list, clock, 99);
        Assert.Equal(0, list.ExpireDue());
        Assert.Equal(1, list.MillisecondsUntilNext());
        Advance(list, clock, 1);
        Assert.Equal(1, list.ExpireDue());
        Assert.True(b.Token.IsCancellationRequested);
        Assert.False(c.Token.IsCancellationRequested);
        Advance(list, clock, 200);
        Assert.Equal(2, list.ExpireDue());
        Assert.True(a.Token.IsCancellationRequested && c.Token.IsCancellationRequested);
        Assert.Equal(0, list.Count);
        Assert.Equal(-1, list.MillisecondsUntilNext());
    }

    [Fact]
    public void ARearmedTimeoutFiresAtItsNewDueTimeOnly()
    {
        var (list, clock) = NewList();
        var later = new WorkerDeadline(null);
        var earlier = new WorkerDeadline(null);
        list.Schedule(later, 100);
        list.Schedule(earlier, 500);
        Advance(list, clock, 50);
        list.Schedule(later, 100);   // moved later: due at 150 from the start, not 100
        list.Schedule(earlier, 20);  // moved earlier: due at 70
        Advance(list, clock, 20);
        Assert.Equal(1, list.ExpireDue());
        Assert.True(earlier.Token.IsCancellationRequested);
        Advance(list, clock, 30);    // 100: the later one's first due time passes
        Assert.Equal(0, list.ExpireDue());
        Assert.False(later.Token.IsCancellationRequested);
        Assert.Equal(50, list.MillisecondsUntilNext());
        Advance(list, clock, 50);
        Assert.Equal(1, list.ExpireDue());
        Assert.True(later.Token.IsCancellationRequested);
    }

    [Fact]
    public void ARemovedTimeoutNeverFires()
    {
        var (list, clock) = NewList();
        var items = Enumerable.Range(0, 40).Select(_ => new WorkerDeadline(null)).ToArray();
        for (int i = 0; i < items.Length; i++) list.Schedule(items[i], 10 + (i * 7919 % 97));
        for (int i = 0; i < items.Length; i += 3) list.Remove(items[i]);
        Advance(list, clock, 1000);
        int fired = list.ExpireDue();
        Assert.Equal(items.Length - (items.Length + 2) / 3, fired);
        for (int i = 0; i < items.Length; i++) Assert.Equal(i % 3 != 0, items[i].Token.IsCancellationRequested);
    }

    [Fact]
    public void ManyTimeoutsComeOutSorted()
    {
        var (list, clock) = NewList();
        var random = new Random(6);
        var order = new List<int>();
        var dues = new Dictionary<WorkerDeadline, int>();
        for (int i = 0; i < 200; i++)
        {
            var d = new WorkerDeadline(null);
            int due = random.Next(1, 2_000);
            dues[d] = due;
            list.Schedule(d, due);
        }
        // Re-arm a third of them, later or earlier.
        foreach (var d in dues.Keys.Where((_, i) => i % 3 == 0).ToList())
        {
            int due = random.Next(1, 2_000);
            dues[d] = due;
            list.Schedule(d, due);
        }
        for (int t = 1; t <= 2_000; t++)
        {
            Advance(list, clock, 1);
            list.ExpireDue();
            foreach (var (d, due) in dues) Assert.Equal(due <= t, d.Token.IsCancellationRequested);
        }
        Assert.Equal(0, list.Count);
    }

    [Fact]
    public async Task AReadArmedOnTheWorkerTimesOutThereAndARearmDelaysIt()
    {
        await using var listener = SocketListener.Bind(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false);
        int port = ((IPEndPoint)listener.LocalEndPoint).Port;
        using var worker = new WorkerLoop(5);
        var done = new TaskCompletionSource<(string Outcome, long Elapsed, int Armed, bool OnWorker)>(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Start(async () =>
        {
            int workerThread = Environment.CurrentManagedThreadId;
            using var connection = (await listener.AcceptAsync(CancellationToken.None))!;
            using var timeout = new WorkerDeadline(worker);
            var started = System.Diagnostics.Stopwatch.StartNew();
            timeout.Arm(TimeSpan.FromMilliseconds(150));
            // Re-armed before the first due time passes: the read must wait for the second one.
            await Task.Delay(100);
            var token = timeout.Arm(TimeSpan.FromMilliseconds(300));
            string outcome;
            try { await connection.ReadAsync(new byte[16], token); outcome = "read"; }
            catch (OperationCanceledException) { outcome = "timed out"; }
            done.SetResult((outcome, started.ElapsedMilliseconds, worker.Deadlines.Count, Environment.CurrentManagedThreadId == workerThread));
        });
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var (outcome, elapsed, armed, onWorker) = await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("timed out", outcome);
        Assert.InRange(elapsed, 390, 3000);
        Assert.Equal(0, armed);
        Assert.True(onWorker);
    }

    [Fact]
    public async Task ADisposedTimeoutLeavesTheList()
    {
        using var worker = new WorkerLoop(6);
        var done = new TaskCompletionSource<(int Armed, int AfterDispose)>(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Start(() =>
        {
            var timeout = new WorkerDeadline(worker);
            timeout.Arm(TimeSpan.FromSeconds(60));
            int armed = worker.Deadlines.Count;
            timeout.Dispose();
            done.SetResult((armed, worker.Deadlines.Count));
            return Task.CompletedTask;
        });
        var (armedCount, afterDispose) = await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, armedCount);
        Assert.Equal(0, afterDispose);
    }
}
