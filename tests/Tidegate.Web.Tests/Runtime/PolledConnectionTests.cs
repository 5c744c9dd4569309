using System.Net;
using System.Net.Sockets;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Tests.Runtime;

/// <summary>
/// Connections accepted on a worker are served through the worker's own epoll (Linux x64): reads
/// and writes that must wait complete on the worker's thread, timeouts and closes from other
/// threads end a wait there, and a write larger than the socket buffer goes out whole.
/// </summary>
public class PolledConnectionTests
{
    private sealed record Observed(string Kind, int Thread, int WorkerThread, string Type);

    /// <summary>Accepts one connection on a worker and runs <paramref name="body"/> on it there.</summary>
    private static async Task<(Observed Result, TcpClient Client)> OnWorker(Func<IConnection, Task<string>> body, Action<TcpClient>? client = null)
    {
        var listener = SocketListener.Bind(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false);
        int port = ((IPEndPoint)listener.LocalEndPoint).Port;
        var worker = new WorkerLoop(7);
        var done = new TaskCompletionSource<Observed>(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Start(async () =>
        {
            int workerThread = Environment.CurrentManagedThreadId;
            var connection = (await listener.AcceptAsync(CancellationToken.None))!;
            string kind;
            try { kind = await body(connection); }
            catch (Exception e) { kind = e.GetType().Name; }
            done.SetResult(new Observed(kind, Environment.CurrentManagedThreadId, workerThread, connection.GetType().Name));
            connection.Dispose();
        });
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        client?.Invoke(tcp);
        try
        {
            var result = await done.Task.WaitAsync(TimeSpan.FromSeconds(20));
            return (result, tcp);
        }
        finally
        {
            await listener.DisposeAsync();
            worker.Dispose();
        }
    }

    [Fact]
    public async Task AcceptedConnectionsUseTheWorkersPollerOnLinuxX64()
    {
        var (seen, tcp) = await OnWorker(_ => Task.FromResult("ok"));
        using var clientSide = tcp;
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64
            && Environment.GetEnvironmentVariable("TIDEGATE_TRANSPORT") != "sockets")
            Assert.Equal("PolledConnection", seen.Type);
    }

    [Fact]
    public async Task AReadThatTimesOutFailsOnTheWorker()
    {
        var (seen, tcp) = await OnWorker(async connection =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await connection.ReadAsync(new byte[16], timeout.Token);
            return "read completed";
        });
        using var clientSide = tcp;
        Assert.Equal(nameof(OperationCanceledException), seen.Kind);
        Assert.Equal(seen.WorkerThread, seen.Thread);
    }

    [Fact]
    public async Task ClosingFromAnotherThreadEndsAPendingRead()
    {
        var (seen, tcp) = await OnWorker(async connection =>
        {
            _ = Task.Run(async () => { await Task.Delay(100); connection.Dispose(); });
            int n = await connection.ReadAsync(new byte[16], CancellationToken.None);
            return $"read {n}";
        });
        using var clientSide = tcp;
        Assert.Equal(nameof(ObjectDisposedException), seen.Kind);
        Assert.Equal(seen.WorkerThread, seen.Thread);
    }

    [Fact]
    public async Task AWriteLargerThanTheSocketBufferGoesOutWhole()
    {
        var payload = new byte[8 * 1024 * 1024];
        new Random(5).NextBytes(payload);
        var received = new MemoryStream();
        Task? reader = null;
        var (seen, tcp) = await OnWorker(async connection =>
        {
            await connection.WriteAsync(payload, CancellationToken.None);
            connection.ShutdownSend();
            return "written";
        }, client => reader = Task.Run(async () =>
        {
            // A slow reader: the server's sends must wait for the socket to drain, several times.
            await Task.Delay(200);
            await client.GetStream().CopyToAsync(received);
        }));
        using var clientSide = tcp;
        await reader!.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("written", seen.Kind);
        Assert.Equal(seen.WorkerThread, seen.Thread);
        Assert.Equal(payload.Length, received.Length);
        Assert.True(payload.AsSpan().SequenceEqual(received.ToArray()));
    }

    [Fact]
    public async Task APeerThatClosesReadsAsZero()
    {
        var (seen, tcp) = await OnWorker(async connection =>
        {
            var buffer = new byte[16];
            int total = 0, n;
            while ((n = await connection.ReadAsync(buffer, CancellationToken.None)) > 0) total += n;
            return $"eof after {total}";
        }, client =>
        {
            client.GetStream().Write("hello"u8);
            client.Client.Shutdown(SocketShutdown.Send);
        });
        using var clientSide = tcp;
        Assert.Equal("eof after 5", seen.Kind);
        Assert.Equal(seen.WorkerThread, seen.Thread);
    }

    // After a read shorter than its buffer the connection waits for the socket's next event instead of
    // trying a receive at once (nginx's rev->ready): each later message must still be read.
    [Fact]
    public async Task AfterAShortReadTheNextMessageIsStillRead()
    {
        var (seen, tcp) = await OnWorker(async connection =>
        {
            var buffer = new byte[64];
            var got = new List<string>();
            for (int round = 0; round < 3; round++)
            {
                int n = await connection.ReadAsync(buffer, CancellationToken.None);
                got.Add(System.Text.Encoding.ASCII.GetString(buffer, 0, n));
                await connection.WriteAsync("ok"u8.ToArray(), CancellationToken.None);
            }
            return string.Join(",", got);
        }, client =>
        {
            var stream = client.GetStream();
            var answer = new byte[2];
            foreach (var message in new[] { "one", "two", "three" })
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(message));
                stream.ReadExactly(answer);
            }
        });
        using var clientSide = tcp;
        Assert.Equal("one,two,three", seen.Kind);
        Assert.Equal(seen.WorkerThread, seen.Thread);
    }

    // Bytes and the peer's close that arrive while nothing reads: the poll reports both at once, and no
    // event follows the close, so the short read of the bytes must not make the next read wait.
    [Fact]
    public async Task BytesAndCloseArrivingTogetherReadToTheEnd()
    {
        var (seen, tcp) = await OnWorker(async connection =>
        {
            await Task.Delay(300);
            var buffer = new byte[16];
            int total = 0, n;
            while ((n = await connection.ReadAsync(buffer, CancellationToken.None)) > 0) total += n;
            return $"eof after {total}";
        }, client =>
        {
            client.GetStream().Write("hello world"u8);
            client.Client.Shutdown(SocketShutdown.Send);
        });
        using var clientSide = tcp;
        Assert.Equal("eof after 11", seen.Kind);
    }

    // The client-close watch of a request that has read its input: bytes that come later and are read (a body,
    // the next request) leave it waiting, and the client's close after them is reported, as nginx's EPOLLRDHUP
    // check reports it. (The watch used to end at the first bytes, and missed the close.)
    [Fact]
    public async Task AWatchOutlastsBytesThatAreReadAndReportsTheCloseAfterThem()
    {
        var (seen, tcp) = await OnWorker(async connection =>
        {
            var buffer = new byte[64];
            await connection.ReadAsync(buffer, CancellationToken.None);
            var watch = connection.WaitReadableAsync(CancellationToken.None).AsTask();
            await connection.WriteAsync("ok"u8.ToArray(), CancellationToken.None);
            await connection.ReadAsync(buffer, CancellationToken.None);
            string afterBytes = watch.IsCompleted ? $"ended at the bytes ({watch.Result})" : "waiting";
            await connection.WriteAsync("ok"u8.ToArray(), CancellationToken.None);
            var state = await watch.WaitAsync(TimeSpan.FromSeconds(10));
            return $"{afterBytes}, then {state}";
        }, client =>
        {
            var stream = client.GetStream();
            var answer = new byte[2];
            stream.Write("request"u8);
            stream.ReadExactly(answer);
            stream.Write("more"u8);
            stream.ReadExactly(answer);
            client.Client.Shutdown(SocketShutdown.Send);
        });
        using var clientSide = tcp;
        // The portable transport (TIDEGATE_TRANSPORT=sockets) ends its watch at the first readable bytes.
        if (seen.Type == "PolledConnection") Assert.Equal("waiting, then Closed", seen.Kind);
    }

    /// <summary>
    /// One exchange ("request" read, "ok" answered, the watch started before the answer), then what the
    /// client does next; the watch's result.
    /// </summary>
    private static async Task<(Observed Result, TcpClient Client)> WatchAfterOneExchange(Action<TcpClient> thenTheClient) =>
        await OnWorker(async connection =>
        {
            await connection.ReadAsync(new byte[64], CancellationToken.None);
            var watch = connection.WaitReadableAsync(CancellationToken.None).AsTask();
            await connection.WriteAsync("ok"u8.ToArray(), CancellationToken.None);
            return (await watch.WaitAsync(TimeSpan.FromSeconds(10))).ToString();
        }, client =>
        {
            var stream = client.GetStream();
            stream.Write("request"u8);
            stream.ReadExactly(new byte[2]);
            thenTheClient(client);
        });

    // Bytes nobody has read hide the close behind them (nginx does not notice such an abort either).
    [Fact]
    public async Task BytesNobodyReadsHideTheClientsCloseFromTheWatch()
    {
        var (seen, tcp) = await WatchAfterOneExchange(client =>
        {
            client.GetStream().Write("unread body"u8);
            client.Client.Shutdown(SocketShutdown.Send);
        });
        using var clientSide = tcp;
        Assert.Equal(nameof(PeerState.DataPending), seen.Kind);
    }

    [Fact]
    public async Task AWatchReportsTheClientsReset()
    {
        var (seen, tcp) = await WatchAfterOneExchange(client =>
        {
            client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        });
        using var clientSide = tcp;
        Assert.Equal(nameof(PeerState.Reset), seen.Kind);
    }

    // A close the poll reported before any watch began gets no further event: a watch started afterwards
    // must look at once.
    [Fact]
    public async Task AWatchStartedAfterTheCloseWasReportedSeesItAtOnce()
    {
        var (seen, tcp) = await OnWorker(async connection =>
        {
            await connection.ReadAsync(new byte[64], CancellationToken.None);
            await connection.WriteAsync("ok"u8.ToArray(), CancellationToken.None);
            await Task.Delay(300);
            var watch = connection.WaitReadableAsync(CancellationToken.None).AsTask();
            return (await watch.WaitAsync(TimeSpan.FromSeconds(10))).ToString();
        }, client =>
        {
            var stream = client.GetStream();
            stream.Write("request"u8);
            stream.ReadExactly(new byte[2]);
            client.Client.Shutdown(SocketShutdown.Send);
        });
        using var clientSide = tcp;
        Assert.Equal(nameof(PeerState.Closed), seen.Kind);
    }
}
