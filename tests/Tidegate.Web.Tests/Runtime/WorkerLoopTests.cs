using System.Net;
using System.Net.Sockets;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Tests.Runtime;

/// <summary>
/// DESIGN.md non-negotiable 5: a connection is handled start to end by the worker that accepted
/// it. Every socket await started on a worker must resume on that worker's thread.
/// </summary>
public class WorkerLoopTests
{
    [Fact]
    public async Task SocketAwaitsResumeOnTheAcceptingWorker()
    {
        await using var listener = SocketListener.Bind(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false);
        int port = ((IPEndPoint)listener.LocalEndPoint).Port;
        using var worker = new WorkerLoop(0);
        var threads = new List<int>();
        var done = new TaskCompletionSource<List<int>>();

        worker.Start(async () =>
        {
            try
            {
                threads.Add(Environment.CurrentManagedThreadId);
                using var connection = (await listener.AcceptAsync(CancellationToken.None))!;
                threads.Add(Environment.CurrentManagedThreadId);
                var buffer = new byte[16];
                for (int i = 0; i < 5; i++)
                {
                    int n = await connection.ReadAsync(buffer, CancellationToken.None);
                    threads.Add(Environment.CurrentManagedThreadId);
                    await connection.WriteAsync(buffer.AsMemory(0, n), CancellationToken.None);
                    threads.Add(Environment.CurrentManagedThreadId);
                }
                done.SetResult(threads);
            }
            catch (Exception e) { done.SetException(e); }
        });

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        var echo = new byte[1];
        for (int i = 0; i < 5; i++)
        {
            await Task.Delay(10); // make every server read actually wait, so it completes asynchronously
            await stream.WriteAsync(new[] { (byte)('a' + i) });
            Assert.Equal(1, await stream.ReadAsync(echo));
            Assert.Equal((byte)('a' + i), echo[0]);
        }

        var seen = await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(12, seen.Count);
        Assert.All(seen, id => Assert.Equal(seen[0], id));
    }

    [Fact]
    public void WorkItemsRunInOrderOnOneThread()
    {
        using var worker = new WorkerLoop(1);
        var order = new List<int>();
        var ids = new HashSet<int>();
        using var finished = new ManualResetEventSlim();
        for (int i = 0; i < 100; i++)
        {
            int n = i;
            worker.Post(_ => { order.Add(n); ids.Add(Environment.CurrentManagedThreadId); if (n == 99) finished.Set(); }, null);
        }
        Assert.True(finished.Wait(5000));
        Assert.Equal(Enumerable.Range(0, 100), order);
        Assert.Single(ids);
    }
}
