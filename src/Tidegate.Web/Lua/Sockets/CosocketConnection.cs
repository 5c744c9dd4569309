using System.Net.Security;
using System.Net.Sockets;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// One TCP (or unix-domain) connection of a cosocket, with the bytes read from it but not yet
/// handed to Lua. It outlives the cosocket object when parked in a keepalive pool, so the
/// unread-bytes buffer and the reuse count live here. All I/O is awaited on the worker's loop.
/// </summary>
public sealed class CosocketConnection : IDisposable
{
    private byte[] buffer = new byte[4096];
    private int start, end;

    public CosocketConnection(Socket socket) { Socket = socket; }

    public Socket Socket { get; }
    /// <summary>The TLS layer once sslhandshake succeeded (all reads and writes then go through it).</summary>
    public SslStream? Tls { get; set; }
    /// <summary>How many times this connection was taken from a pool (getreusedtimes).</summary>
    public int ReusedTimes { get; set; }
    /// <summary>The peer closed its side (a read saw end of stream).</summary>
    public bool ReadClosed { get; set; }

    public int Buffered => end - start;
    public ReadOnlySpan<byte> BufferedSpan => buffer.AsSpan(start, end - start);

    public void Consume(int count)
    {
        start += count;
        if (start == end) start = end = 0;
    }

    /// <summary>Reads once more from the socket into the buffer; false at end of stream. Throws on timeout (OperationCanceledException) or a socket error.</summary>
    public async ValueTask<bool> FillAsync(int timeoutMs)
    {
        if (end == buffer.Length)
        {
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            else Array.Resize(ref buffer, buffer.Length * 2);
        }
        using var cts = timeoutMs > 0 ? new CancellationTokenSource(timeoutMs) : null;
        int n;
        try
        {
            n = Tls is null
                ? await Socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, cts?.Token ?? default)
                : await TlsIo(Tls.ReadAsync(buffer.AsMemory(end), cts?.Token ?? default));
        }
        catch (ObjectDisposedException) { throw Closed(); }
        if (n == 0) { ReadClosed = true; return false; }
        end += n;
        return true;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, int timeoutMs)
    {
        try { await SendAllAsync(data, timeoutMs); }
        catch (ObjectDisposedException) { throw Closed(); }
    }

    /// <summary>A read or write the owner's end interrupted by closing the socket: reported as the socket error it is.</summary>
    private static SocketException Closed() => new((int)SocketError.OperationAborted);

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data, int timeoutMs)
    {
        using var cts = timeoutMs > 0 ? new CancellationTokenSource(timeoutMs) : null;
        if (Tls is not null)
        {
            await TlsIo(Tls.WriteAsync(data, cts?.Token ?? default));
            return;
        }
        while (data.Length > 0)
        {
            int n = await Socket.SendAsync(data, SocketFlags.None, cts?.Token ?? default);
            data = data[n..];
        }
    }

    /// <summary>Errors of the TLS layer as the socket errors the callers report (the socket's own error when there is one).</summary>
    private static async ValueTask<T> TlsIo<T>(ValueTask<T> io)
    {
        try { return await io; }
        catch (IOException e) when (e.InnerException is SocketException inner) { throw inner; }
        catch (IOException) { throw new SocketException((int)SocketError.ConnectionReset); }
    }

    private static async ValueTask TlsIo(ValueTask io)
    {
        try { await io; }
        catch (IOException e) when (e.InnerException is SocketException inner) { throw inner; }
        catch (IOException) { throw new SocketException((int)SocketError.ConnectionReset); }
    }

    /// <summary>An idle pooled connection is usable only if nothing arrived on it meanwhile (a close or stray bytes make nginx drop it).</summary>
    public bool IsIdleHealthy()
    {
        try { return Buffered == 0 && !ReadClosed && !Socket.Poll(0, SelectMode.SelectRead); }
        catch (SocketException) { return false; }
        catch (ObjectDisposedException) { return false; }
    }

    public void Dispose()
    {
        // A plain FIN, as close() sends it: disposing a socket with a read pending would otherwise
        // close it abortively (a reset the peer sees as an error, not as the end of the stream).
        try { Socket.Shutdown(SocketShutdown.Both); } catch (Exception) { }
        try { Tls?.Dispose(); } catch (Exception) { }
        try { Socket.Dispose(); } catch (Exception) { }
    }
}
