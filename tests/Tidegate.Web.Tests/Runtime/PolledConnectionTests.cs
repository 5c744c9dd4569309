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
    // check reports it. (The watch used to end at the first bytes, and missed the close.) Each watch case runs
    // with both kinds of watch: the wait (WaitReadableAsync) and the callback (WatchClose, a proxied request's).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWatchOutlastsBytesThatAreReadAndReportsTheCloseAfterThem(bool callback)
    {
        var (seen, tcp) = await OnWorker(async connection =>
        {
            var buffer = new byte[64];
            await connection.ReadAsync(buffer, CancellationToken.None);
            var watch = Watch(connection, callback);
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
        // The portable transport (TIDEGATE_TRANSPORT=sockets) ends its watch at the first readable bytes, and has no callback watch.
        if (seen.Type == "PolledConnection") Assert.Equal("waiting, then Closed", seen.Kind);
    }

    /// <summary>
    /// A watch of either kind, as text: the wait's <see cref="PeerState"/>, or what the callback heard
    /// ("silent" when it heard nothing within <paramref name="silence"/>: bytes ended it).
    /// </summary>
    private static Task<string> Watch(IConnection connection, bool callback, TimeSpan? silence = null)
    {
        if (!callback) return WaitAsText(connection);
        var listener = new HeardClose();
        if (!connection.WatchClose(listener)) return Task.FromResult("no callback watch");
        return silence is { } quiet ? listener.Heard.Task.WaitAsync(quiet).ContinueWith(t => t.IsFaulted ? "silent" : t.Result) : listener.Heard.Task;

        static async Task<string> WaitAsText(IConnection connection) => (await connection.WaitReadableAsync(CancellationToken.None)).ToString();
    }

    private sealed class HeardClose : IPeerCloseListener
    {
        public TaskCompletionSource<string> Heard { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public void PeerClosed(PeerState state)
        {
            // Told once, on the worker.
            if (!Heard.TrySetResult(state.ToString())) Heard.TrySetException(new InvalidOperationException("told twice"));
        }
    }

    /// <summary>
    /// One exchange ("request" read, "ok" answered, the watch started before the answer), then what the
    /// client does next; the watch's result.
    /// </summary>
    private static async Task<(Observed Result, TcpClient Client)> WatchAfterOneExchange(bool callback, Action<TcpClient> thenTheClient) =>
        await OnWorker(async connection =>
        {
            await connection.ReadAsync(new byte[64], CancellationToken.None);
            var watch = Watch(connection, callback, silence: TimeSpan.FromSeconds(1));
            await connection.WriteAsync("ok"u8.ToArray(), CancellationToken.None);
            return await watch.WaitAsync(TimeSpan.FromSeconds(10));
        }, client =>
        {
            var stream = client.GetStream();
            stream.Write("request"u8);
            stream.ReadExactly(new byte[2]);
            thenTheClient(client);
        });

    // Bytes nobody has read hide the close behind them (nginx does not notice such an abort either): the wait
    // says so, the callback hears nothing.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BytesNobodyReadsHideTheClientsCloseFromTheWatch(bool callback)
    {
        var (seen, tcp) = await WatchAfterOneExchange(callback, client =>
        {
            client.GetStream().Write("unread body"u8);
            client.Client.Shutdown(SocketShutdown.Send);
        });
        using var clientSide = tcp;
        if (callback && seen.Type != "PolledConnection") return;
        Assert.Equal(callback ? "silent" : nameof(PeerState.DataPending), seen.Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWatchReportsTheClientsReset(bool callback)
    {
        var (seen, tcp) = await WatchAfterOneExchange(callback, client =>
        {
            client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        });
        using var clientSide = tcp;
        if (callback && seen.Type != "PolledConnection") return;
        Assert.Equal(nameof(PeerState.Reset), seen.Kind);
    }

    // A close the poll reported before any watch began gets no further event: a watch started afterwards
    // must look at once.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWatchStartedAfterTheCloseWasReportedSeesItAtOnce(bool callback)
    {
        var (seen, tcp) = await OnWorker(async connection =>
        {
            await connection.ReadAsync(new byte[64], CancellationToken.None);
            await connection.WriteAsync("ok"u8.ToArray(), CancellationToken.None);
            await Task.Delay(300);
            return await Watch(connection, callback).WaitAsync(TimeSpan.FromSeconds(10));
        }, RequestAnswerThenClose);
        using var clientSide = tcp;
        if (callback && seen.Type != "PolledConnection") return;
        Assert.Equal(nameof(PeerState.Closed), seen.Kind);
    }

    // A callback watch ended before the client's close hears nothing (a proxied request's watch ends with it).
    [Fact]
    public async Task AStoppedCallbackWatchHearsNothing()
    {
        var (seen, tcp) = await OnWorker(async connection =>
        {
            await connection.ReadAsync(new byte[64], CancellationToken.None);
            var listener = new HeardClose();
            if (!connection.WatchClose(listener)) return "no callback watch";
            connection.StopWatchingClose();
            await connection.WriteAsync("ok"u8.ToArray(), CancellationToken.None);
            try { return await listener.Heard.Task.WaitAsync(TimeSpan.FromSeconds(1)); }
            catch (TimeoutException) { return "silent"; }
        }, RequestAnswerThenClose);
        using var clientSide = tcp;
        if (seen.Type == "PolledConnection") Assert.Equal("silent", seen.Kind);
    }

    /// <summary>The client's side of one exchange ("request", then the two-byte answer), then its orderly close.</summary>
    private static void RequestAnswerThenClose(TcpClient client)
    {
        var stream = client.GetStream();
        stream.Write("request"u8);
        stream.ReadExactly(new byte[2]);
        client.Client.Shutdown(SocketShutdown.Send);
    }
}
