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
}
