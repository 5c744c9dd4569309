using Tidegate.Lua.Runtime;
using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// What a cosocket (tcp, udp) and the resolver belong to: a request, or a timer (ngx_lua runs a
/// timer on a fake request carrying the configuration in effect where the timer was created). The
/// owner gives the settings the socket code reads (lua_socket_*, lua_ssl_*, resolver,
/// resolver_timeout), writes its log lines in the owner's context, and closes the sockets still
/// open when it ends (the request's cleanup, the timer's callback returning), as ngx_lua's
/// cleanup handlers do; I/O still pending then gives up quietly.
/// </summary>
public abstract class CosocketOwner
{
    private HashSet<IOwnedCosocket>? open;

    /// <summary>The configuration the sockets read: the request's location, or where the timer was created.</summary>
    public abstract LocationSettings Settings { get; }

    /// <summary>Writes <paramref name="message"/> to the error log in the owner's context (after an await too).</summary>
    public abstract void Log(LuaWorker worker, LuaPhase phase, LogLevel level, string message);

    /// <summary>The request's cleanup ran or the timer's callback returned: its sockets are closed.</summary>
    public bool Ended { get; private set; }

    /// <summary>How many sockets are open now (tests and diagnostics).</summary>
    public int OpenCount => open?.Count ?? 0;

    /// <summary>A socket of this owner got a connection: it is closed when the owner ends, unless closed or pooled first.</summary>
    public virtual void Track(IOwnedCosocket socket) => (open ??= new(ReferenceEqualityComparer.Instance)).Add(socket);

    public virtual void Untrack(IOwnedCosocket socket) => open?.Remove(socket);

    /// <summary>Closes every socket still open; later I/O completions see <see cref="Ended"/> and stay silent.</summary>
    public void End()
    {
        Ended = true;
        if (open is not { Count: > 0 } sockets) return;
        open = null;
        foreach (var socket in sockets) socket.CloseAtOwnerEnd();
    }

    /// <summary>
    /// The owner of the code running now: the running timer, else the running request (with
    /// ngx_lua's errors: "no request object found", "API disabled in the context of ...").
    /// </summary>
    public static CosocketOwner Current(PhaseMask allowed)
    {
        var worker = NgxApi.Worker;
        NgxApi.CheckPhase(worker, allowed);
        if (worker is { Phase: LuaPhase.Timer, Timer: { } timer }) return timer.SocketOwner;
        return RequestCosocketOwner.Of(worker.Request ?? throw new LuaException("no request object found"));
    }
}
