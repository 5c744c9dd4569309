using System.Net.Sockets;
using System.Runtime.InteropServices;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Runtime;

/// <summary>
/// One listening socket accepted on by one worker through the worker's own epoll, as nginx's worker accepts:
/// the socket is in the epoll set (level-triggered, <c>EPOLLEXCLUSIVE</c> so a new connection wakes one of the
/// workers waiting, not all), and a readiness event runs <c>accept4</c> on the worker's thread. Before this,
/// <see cref="Socket.AcceptAsync(CancellationToken)"/> completed on the runtime's socket-engine thread, which
/// queued a thread-pool item that posted to the worker: two more threads woken, and a few hundred library
/// methods compiled, at every connection open.
///
/// One connection per readiness event (nginx's default, <c>multi_accept off</c>): the socket stays ready while
/// connections wait, so the next loop turn accepts the next one, after the connections already ready are served.
/// Errors as nginx's <c>ngx_event_accept</c>: EAGAIN (another worker took it) is nothing; a connection aborted
/// before it was taken logs at error and is skipped; running out of descriptors or memory logs (crit for
/// EMFILE/ENFILE, alert otherwise) and takes the socket out of the set for 500 ms (nginx's
/// <c>accept_mutex_delay</c>), since a level-triggered socket that cannot be accepted from would otherwise
/// wake the loop at once, forever. Used only on its worker's thread.
/// </summary>
internal sealed unsafe class PolledAcceptor : IPollTarget
{
    /// <summary>nginx's accept_mutex_delay default: how long accepting pauses after the descriptors ran out.</summary>
    private static readonly TimeSpan ResourceBackoff = TimeSpan.FromMilliseconds(500);

    private readonly Socket listener;
    private readonly int fd;
    private readonly WorkerPoller poller;
    private readonly ErrorLog errorLog;
    private readonly string address;
    private readonly Action<Socket> accepted;
    private readonly WorkerDeadline backoff;
    private ulong id;
    private bool stopped;

    /// <param name="address">The listen address as nginx writes it ("while accepting new connection on ADDRESS").</param>
    /// <param name="accepted">Takes each accepted connection (non-blocking, close-on-exec), on the worker's thread.</param>
    public PolledAcceptor(Socket listener, WorkerLoop loop, WorkerPoller poller, ErrorLog errorLog, string address, Action<Socket> accepted)
    {
        this.listener = listener;
        fd = (int)listener.Handle;
        this.poller = poller;
        this.errorLog = errorLog;
        this.address = address;
        this.accepted = accepted;
        backoff = new WorkerDeadline(loop);
    }

    /// <summary>Puts the socket in the worker's epoll set; false when epoll refuses it (the caller accepts the old way).</summary>
    public bool Start()
    {
        // accept4 on the worker must never block: with several workers, another one may take the connection first.
        listener.Blocking = false;
        return Enable();
    }

    private bool Enable()
    {
        const uint Readable = LinuxEpoll.EPOLLIN;
        id = poller.Register(fd, this, Readable | LinuxEpoll.EPOLLEXCLUSIVE);
        // EPOLLEXCLUSIVE needs Linux 4.5; without it every worker wakes and all but one find EAGAIN.
        if (id == 0 && Marshal.GetLastPInvokeError() == LinuxEpoll.EINVAL) id = poller.Register(fd, this, Readable);
        return id != 0;
    }

    /// <summary>Stops accepting (graceful stop, reload); the socket stays open for the next runtime.</summary>
    public void Stop()
    {
        stopped = true;
        backoff.Dispose();
        if (id != 0) poller.Remove(id, fd);
        id = 0;
    }

    public void OnReady(uint events)
    {
        if (stopped) return;
        int s = LinuxEpoll.Accept4(fd, null, null, LinuxEpoll.SOCK_NONBLOCK | LinuxEpoll.SOCK_CLOEXEC);
        if (s >= 0)
        {
            Socket socket;
            try { socket = new Socket(new SafeSocketHandle(s, ownsHandle: true)); }
            catch (SocketException e)
            {
                // The peer reset it between accept4 and the look at its addresses: nothing to serve. A client's reset
                // is the client's doing, which nginx logs at info (as its "recv() failed (104: ...)" when it reads).
                errorLog.Write(LogLevel.Info, $"connection closed by the client before it was taken ({e.NativeErrorCode}: {e.Message}) while accepting new connection on {address}");
                LinuxEpoll.Close(s);
                return;
            }
            try { accepted(socket); }
            catch (Exception e)
            {
                // Never a descriptor left open behind a failure to take the connection.
                socket.Dispose();
                errorLog.Write(LogLevel.Alert, $"accepting a connection on {address} failed: {e.Message}");
            }
            return;
        }
        int errno = Marshal.GetLastPInvokeError();
        if (errno is LinuxEpoll.EAGAIN or LinuxEpoll.EINTR) return;
        var level = errno switch
        {
            LinuxEpoll.ECONNABORTED or LinuxEpoll.EPROTO => LogLevel.Error,
            LinuxEpoll.EMFILE or LinuxEpoll.ENFILE => LogLevel.Crit,
            _ => LogLevel.Alert,
        };
        errorLog.Write(level, $"accept4() failed ({errno}: {Marshal.GetPInvokeErrorMessage(errno)}) while accepting new connection on {address}");
        if (errno is LinuxEpoll.EMFILE or LinuxEpoll.ENFILE or LinuxEpoll.ENOBUFS or LinuxEpoll.ENOMEM) PauseAccepting();
    }

    /// <summary>Out of descriptors: out of the epoll set until the backoff passes, then back in (if not stopped meanwhile).</summary>
    private void PauseAccepting()
    {
        poller.Remove(id, fd);
        id = 0;
        backoff.Arm(ResourceBackoff).UnsafeRegister(static state =>
        {
            var self = (PolledAcceptor)state!;
            if (!self.stopped && self.id == 0) self.Enable();
        }, this);
    }
}
