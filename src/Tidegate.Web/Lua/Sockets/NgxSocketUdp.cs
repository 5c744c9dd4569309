using System.Net;
using System.Net.Sockets;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Logging;
using Tidegate.Web.Lua.Api;
using Tidegate.Web.Resolver;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// ngx.socket.udp and its object's methods (setpeername, send, receive, settimeout, close), as
/// ngx_lua 0.10.23 has them: the object is a table whose slot 1 holds the socket state once
/// setpeername made it and slot 2 the timeout settimeout stored. A datagram goes out at once
/// (send never waits); receive parks the request's entry coroutine until a datagram, an error or
/// the read timeout. Errors, argument checks and log lines are ngx_lua's and nginx's, read off
/// nginx: "closed", "timeout", "connection refused", "bad port number: N", "failed to parse host
/// name ...", "no resolver defined to resolve ...", "NAME could not be resolved (3: Host not
/// found)", "lua udp socket read timed out", "recv() failed (111: Connection refused)".
/// </summary>
public static class NgxSocketUdp
{
    private const PhaseMask Allowed = PhaseMask.Yieldable | PhaseMask.Timer;
    private const int DefaultTimeout = 60000;
    private const int TimeoutSlot = 2;

    public static LuaTable CreateMethods()
    {
        var methods = new LuaTable();
        NgxApi.Set(methods, "setpeername", SetPeerName);
        NgxApi.Set(methods, "send", Send);
        NgxApi.Set(methods, "receive", Receive);
        NgxApi.Set(methods, "settimeout", SetTimeout);
        NgxApi.Set(methods, "close", Close);
        return methods;
    }

    /// <summary>ngx.socket.udp(): a new object without a peer.</summary>
    public static int New(LuaCall call, LuaTable meta)
    {
        if (call.Count != 0) throw new LuaException("expecting zero arguments, but got " + call.Count);
        // ngx_lua looks for the request first: init_by_lua has none; init_worker_by_lua and timers have a fake one.
        var worker = NgxApi.Worker;
        if (worker.Phase == LuaPhase.Init || worker.Request is null && worker.Phase is not (LuaPhase.Timer or LuaPhase.InitWorker or LuaPhase.ExitWorker))
            throw new LuaException("no request found");
        if ((Allowed & (PhaseMask)(1 << (int)worker.Phase)) == 0)
            throw new LuaException("API disabled in the context of " + LuaPhases.Directive(worker.Phase));
        return call.Return(new LuaTable { Metatable = meta });
    }

    private static LuaTable Table(in LuaCall call) => call[0].AsTable ?? throw call.TypeError(0, "table");

    private static UdpCosocket? State(LuaTable table) => table[1].Ref is LuaUserdata { Value: UdpCosocket u } ? u : null;

    private static int ConfiguredReadTimeout(CosocketOwner owner) =>
        owner.Settings.LuaSocketSettings is { } s && s.TryGetValue("lua_socket_read_timeout", out long v) ? (int)v : DefaultTimeout;

    /// <summary>Logs in the owner's context (silent once it ended), also after an await (when the worker may be running other code).</summary>
    private static void Log(LuaWorker worker, CosocketOwner owner, LuaPhase phase, LogLevel level, string message)
    {
        if (!owner.Ended) owner.Log(worker, phase, level, message);
    }

    private static void LogSocketError(LuaWorker worker, CosocketOwner owner, LuaPhase phase, string message)
    {
        if (owner.Settings.LuaSocketLogErrors) Log(worker, owner, phase, LogLevel.Error, message);
    }

    /// <summary>ngx_lua's closed-socket line, whose "u:%p, c:%p" shows its pointers (zero when there is no state).</summary>
    private static string ClosedLine(string what, UdpCosocket? state) =>
        $"attempt to {what} data on a closed socket: u:{(state?.Id ?? 0):X16}, c:0000000000000000";

    /// <summary>nginx's connection-error level: network errors are errors, anything else an alert.</summary>
    private static LogLevel Level(SocketError error) => error switch
    {
        SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.NotConnected or SocketError.TimedOut
            or SocketError.NetworkDown or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.HostUnreachable
            or SocketError.Shutdown => LogLevel.Error,
        _ => LogLevel.Alert,
    };

    private static LuaValue[] Fail(string error) => new LuaValue[] { LuaValue.Nil, NgxApi.Str(error) };

    // ---- setpeername ----

    private static int SetPeerName(LuaCall call)
    {
        var owner = CosocketOwner.Current(Allowed);
        if (call.Count is not (2 or 3))
            throw new LuaException($"ngx.socket.udp setpeername: expecting 2 or 3 arguments (including the object), but seen {call.Count}");
        var table = Table(call);
        string host = call.CheckString(1).ToLatin1();
        int port = 0;
        if (call.Count == 3)
        {
            double p = call.CheckNumber(2);
            long integer = double.IsNaN(p) || double.IsInfinity(p) ? 0 : (long)p;
            if (integer is < 0 or > 65535) return call.Return(LuaValue.Nil, NgxApi.Str("bad port number: " + integer));
            port = (int)integer;
        }
        var worker = NgxApi.Worker;
        var phase = worker.Phase;

        // A peer set again replaces the socket (and its unread datagrams).
        var state = State(table);
        if (state is null)
        {
            state = new UdpCosocket { Owner = owner };
            table[1] = new LuaUserdata(state);
        }
        if (state.Owner != owner) throw new LuaException("bad request");
        state.Close();
        if (table[TimeoutSlot].IsNumber) state.ReadTimeout = Math.Max(0, (int)Math.Min(table[TimeoutSlot].Number, int.MaxValue));

        var target = HostPort.Parse(host, port);
        if (target.Error is { } error)
            return call.Return(LuaValue.Nil, NgxApi.Str($"failed to parse host name \"{host}\": {error}"));
        if (target.IsUnix || target.Address is not null)
        {
            EndPoint peer = target.IsUnix ? new UnixDomainSocketEndPoint(target.UnixPath!) : new IPEndPoint(target.Address!, target.Port);
            return Connect(state, peer, worker, owner, phase) is { } failure ? call.Return(LuaValue.Nil, NgxApi.Str(failure)) : call.Return(1);
        }
        if (DnsResolver.For(owner.Settings) is not { } resolver)
            return call.Return(LuaValue.Nil, NgxApi.Str($"no resolver defined to resolve \"{host}\""));
        long timeout = owner.Settings.ResolverTimeoutMs;
        var log = worker.Runtime.ErrorLogFor(owner.Settings);
        return NgxApi.Park(call, null, async () =>
        {
            var resolution = await resolver.ResolveAsync(target.Host, timeout, log);
            if (!resolution.Ok) return Fail(resolution.Describe(target.Host.EndsWith('.') ? target.Host[..^1] : target.Host));
            return Connect(state, new IPEndPoint(resolution.Pick(), target.Port), worker, owner, phase) is { } failure
                ? Fail(failure) : new LuaValue[] { 1 };
        });
    }

    /// <summary>Makes and connects the datagram socket: null, or after nginx's [crit] connect() line the error to return.</summary>
    private static string? Connect(UdpCosocket state, EndPoint peer, LuaWorker worker, CosocketOwner owner, LuaPhase phase)
    {
        var socket = peer is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified)
            : new Socket(peer.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Connect(peer);
        }
        catch (SocketException e)
        {
            // ngx_lua keeps the socket it failed to connect: a send on it fails with the system's error.
            socket.Blocking = false;
            state.Socket = socket;
            state.Owner.Track(state);
            var (errno, text) = (e.NativeErrorCode, SocketErrors.Describe(e));
            // .NET reports a missing unix socket path as "address not available"; the C library says ENOENT.
            if (peer is UnixDomainSocketEndPoint && e.SocketErrorCode == SocketError.AddressNotAvailable) (errno, text) = (2, "No such file or directory");
            Log(worker, owner, phase, LogLevel.Crit, $"connect() failed ({errno}: {text})");
            return text.ToLowerInvariant();
        }
        // Sends go out at once and never wait (a datagram socket is writable unless its buffer is full).
        socket.Blocking = false;
        state.Socket = socket;
        state.Peer = peer;
        state.Owner.Track(state);
        return null;
    }

    // ---- send ----

    private static int Send(LuaCall call)
    {
        var owner = CosocketOwner.Current(Allowed);
        if (call.Count != 2) throw new LuaException($"expecting 2 arguments (including the object), but got {call.Count}");
        var table = Table(call);
        var worker = NgxApi.Worker;
        var state = State(table);
        if (state?.Socket is not { } socket)
        {
            LogSocketError(worker, owner, worker.Phase, ClosedLine("send", state));
            return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        }
        if (state.Owner != owner) throw new LuaException("bad request");
        var data = new MemoryStream();
        var v = call[1];
        if (v.Ref is LuaString s) data.Write(s.Span);
        else if (v.IsNumber) data.Write(LuaNumber.ToLuaString(v.Number).Span);
        else if (v.AsTable is { } items) AppendTable(call, items, data, 0);
        else if (v.IsNil) data.Write("nil"u8);
        else if (v.IsBoolean) data.Write(v.IsTruthy ? "true"u8 : "false"u8);
        else throw call.ArgError(1, "string, number, boolean, nil, or array table expected, got " + v.TypeName);
        try
        {
            int sent = socket.Send(data.GetBuffer(), 0, (int)data.Length, SocketFlags.None);
            // nginx's send() wrapper complains about an empty datagram (with a stale errno), yet ngx_lua counts it as sent.
            if (sent == 0) Log(worker, owner, worker.Phase, LogLevel.Alert, "send() returned zero (11: Resource temporarily unavailable)");
            return call.Return(1);
        }
        catch (SocketException e)
        {
            if (e.SocketErrorCode != SocketError.WouldBlock)
                Log(worker, owner, worker.Phase, Level(e.SocketErrorCode), $"send() failed ({e.NativeErrorCode}: {SocketErrors.Describe(e)})");
            return call.Return(LuaValue.Nil, NgxApi.Str(SocketErrors.Describe(e).ToLowerInvariant()));
        }
    }

    /// <summary>An array of strings, numbers and nested arrays, concatenated (ngx_lua's strict table rule).</summary>
    private static void AppendTable(in LuaCall call, LuaTable table, MemoryStream data, int depth)
    {
        if (depth > 100) throw call.ArgError(1, "table nested too deeply");
        int n = table.Length();
        for (int i = 1; i <= n; i++)
        {
            var item = table[i];
            if (item.Ref is LuaString s) data.Write(s.Span);
            else if (item.IsNumber) data.Write(LuaNumber.ToLuaString(item.Number).Span);
            else if (item.AsTable is { } inner) AppendTable(call, inner, data, depth + 1);
            else throw call.ArgError(1, "bad data type " + item.TypeName + " found");
        }
    }

    // ---- receive ----

    private static int Receive(LuaCall call)
    {
        var owner = CosocketOwner.Current(Allowed);
        if (call.Count is < 1 or > 2) throw new LuaException($"expecting 1 or 2 arguments (including the object), but got {call.Count}");
        var table = Table(call);
        var worker = NgxApi.Worker;
        var phase = worker.Phase;
        var state = State(table);
        if (state?.Socket is not { } socket)
        {
            LogSocketError(worker, owner, phase, ClosedLine("receive", state));
            return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        }
        if (state.Owner != owner) throw new LuaException("bad request");
        int size = UdpCosocket.MaxDatagram;
        if (call.Count == 2 && !call[1].IsNil)
        {
            // ngx_lua casts the number to size_t: a negative size becomes huge, then the maximum.
            double d = call.CheckNumber(1);
            size = d < 0 || d >= UdpCosocket.MaxDatagram ? UdpCosocket.MaxDatagram : double.IsNaN(d) ? 0 : (int)d;
        }
        var buffer = state.Buffer ??= new byte[UdpCosocket.MaxDatagram];
        LuaValue[] Take(Task<int> done)
        {
            state.PendingReceive = null;
            if (state.Socket != socket) return Fail("closed");
            if (done.IsCompletedSuccessfully) return new LuaValue[] { LuaString.FromBytes(buffer.AsSpan(0, Math.Min(done.Result, size))) };
            if (done.Exception?.InnerException is SocketException e) return ReceiveFailed(e, worker, owner, phase);
            return Fail("closed");
        }

        // A datagram (or an error) already waiting is taken without parking, as nginx tries recv() first.
        if (state.PendingReceive is null)
        {
            try
            {
                int n = socket.Receive(buffer, SocketFlags.None);
                return call.Return(LuaString.FromBytes(buffer.AsSpan(0, Math.Min(n, size))));
            }
            catch (SocketException e) when (e.SocketErrorCode != SocketError.WouldBlock)
            {
                return call.Return(ReceiveFailed(e, worker, owner, phase));
            }
            catch (SocketException) { }
            // The read is never cancelled: after a timeout it stays outstanding and the next receive
            // takes its datagram, so no datagram is lost between a timeout and the next call.
            state.PendingReceive = socket.ReceiveAsync(buffer, SocketFlags.None);
        }
        var pending = state.PendingReceive;
        if (pending.IsCompleted) return call.Return(Take(pending));
        int timeout = state.ReadTimeout > 0 ? state.ReadTimeout : ConfiguredReadTimeout(owner);
        return NgxApi.Park(call, null, async () =>
        {
            using var cts = new CancellationTokenSource();
            var done = await Task.WhenAny(pending, Task.Delay(timeout, cts.Token));
            if (done == pending)
            {
                cts.Cancel();
                return Take(pending);
            }
            LogSocketError(worker, owner, phase, "lua udp socket read timed out");
            return Fail("timeout");
        });
    }

    private static LuaValue[] ReceiveFailed(SocketException e, LuaWorker worker, CosocketOwner owner, LuaPhase phase)
    {
        Log(worker, owner, phase, Level(e.SocketErrorCode), $"recv() failed ({e.NativeErrorCode}: {SocketErrors.Describe(e)})");
        return Fail(SocketErrors.Describe(e).ToLowerInvariant());
    }

    // ---- settimeout, close ----

    private static int SetTimeout(LuaCall call)
    {
        if (call.Count != 2)
            throw new LuaException($"ngx.socket settimeout: expecting at least 2 arguments (including the object) but seen {call.Count}");
        var table = Table(call);
        // lua_tonumber: a number or a numeric string; anything else is 0 (the configured default).
        var v = call[1];
        double ms = v.IsNumber ? v.Number : v.Ref is LuaString s && LuaNumber.TryParse(s.Span, out double parsed) ? parsed : 0;
        long timeout = double.IsNaN(ms) ? 0 : (long)Math.Clamp(ms, long.MinValue, long.MaxValue);
        table[TimeoutSlot] = timeout;
        if (State(table) is { } state) state.ReadTimeout = timeout > 0 ? (int)Math.Min(timeout, int.MaxValue) : 0;
        return call.Return();
    }

    private static int Close(LuaCall call)
    {
        if (call.Count != 1) throw new LuaException($"expecting 1 argument (including the object) but seen {call.Count}");
        var table = Table(call);
        if (State(table) is not { Socket: not null } state) return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        state.Close();
        return call.Return(1);
    }
}
