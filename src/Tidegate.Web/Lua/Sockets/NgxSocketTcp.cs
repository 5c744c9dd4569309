using System.Net;
using System.Net.Sockets;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Logging;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// ngx.socket.tcp and its object's methods, as ngx_lua has them: the object is a table holding
/// its state in slot 1, with the shared method table as __index. Every method that waits parks
/// the request's entry coroutine on the I/O (NgxApi.Park), which completes on the worker loop.
/// Error values and log lines are ngx_lua's ("timeout", "closed", "connection refused",
/// "lua tcp socket read timed out" under lua_socket_log_errors).
/// </summary>
public static class NgxSocketTcp
{
    private const PhaseMask Allowed = PhaseMask.Yieldable | PhaseMask.Timer;
    private const int DefaultTimeout = 60000, DefaultPoolSize = 30;

    public static LuaTable CreateMethods()
    {
        var methods = new LuaTable();
        NgxApi.Set(methods, "connect", Connect);
        NgxApi.Set(methods, "send", Send);
        NgxApi.Set(methods, "receive", Receive);
        NgxApi.Set(methods, "receiveany", ReceiveAny);
        NgxApi.Set(methods, "receiveuntil", ReceiveUntil);
        NgxApi.Set(methods, "settimeout", SetTimeout);
        NgxApi.Set(methods, "settimeouts", SetTimeouts);
        NgxApi.Set(methods, "setoption", SetOption);
        NgxApi.Set(methods, "getoption", GetOption);
        NgxApi.Set(methods, "setkeepalive", SetKeepalive);
        NgxApi.Set(methods, "getreusedtimes", GetReusedTimes);
        NgxApi.Set(methods, "close", Close);
        NgxApi.Set(methods, "sslhandshake", SslHandshake);
        NgxApi.Set(methods, "setclientcert", call => throw new LuaException("tcpsock:setclientcert is not built in tidegate yet"));
        NgxApi.Set(methods, "bind", Bind);
        return methods;
    }

    /// <summary>ngx.socket.tcp(): a new unconnected object.</summary>
    public static LuaTable NewObject(LuaTable meta)
    {
        var obj = new LuaTable();
        obj[1] = new LuaUserdata(new TcpCosocket());
        obj.Metatable = meta;
        return obj;
    }

    private static TcpCosocket Self(in LuaCall call)
    {
        if (call[0].AsTable is not { } table) throw call.ArgError(0, "table expected, got " + call[0].TypeName);
        if (table[1].Ref is LuaUserdata { Value: TcpCosocket socket }) return socket;
        throw call.ArgError(0, "table expected, got " + call[0].TypeName);
    }

    private static long Setting(CosocketOwner owner, string name, long fallback) =>
        owner.Settings.LuaSocketSettings is { } s && s.TryGetValue(name, out long v) ? v : fallback;

    private static int ReadTimeout(TcpCosocket s, CosocketOwner r) => s.ReadTimeout > 0 ? s.ReadTimeout : (int)Setting(r, "lua_socket_read_timeout", DefaultTimeout);
    private static int SendTimeout(TcpCosocket s, CosocketOwner r) => s.SendTimeout > 0 ? s.SendTimeout : (int)Setting(r, "lua_socket_send_timeout", DefaultTimeout);
    private static int ConnectTimeout(TcpCosocket s, CosocketOwner r) => s.ConnectTimeout > 0 ? s.ConnectTimeout : (int)Setting(r, "lua_socket_connect_timeout", DefaultTimeout);

    private static LuaValue[] Fail(string error) => new LuaValue[] { LuaValue.Nil, NgxApi.Str(error) };
    private static LuaValue[] Fail(string error, LuaValue partial) => new LuaValue[] { LuaValue.Nil, NgxApi.Str(error), partial };

    /// <summary>Logs in the owner's context, also after an await (when the worker may be running other code); silent once the owner ended.</summary>
    private static void Log(LuaWorker worker, CosocketOwner owner, LuaPhase phase, string message, bool socketError = true)
    {
        if (owner.Ended || socketError && !owner.Settings.LuaSocketLogErrors) return;
        owner.Log(worker, phase, LogLevel.Error, message);
    }

    /// <summary>
    /// ngx_lua's check that a connected object is used by the request (or timer) that connected it;
    /// once closed (by close, setkeepalive or its owner's end) any request may connect it again.
    /// </summary>
    private static void CheckOwner(TcpCosocket socket, CosocketOwner owner)
    {
        if (socket.Connection is not null && socket.Owner is { } connectedBy && connectedBy != owner) throw new LuaException("bad request");
    }

    // ---- connect ----

    private static int Connect(LuaCall call)
    {
        var owner = CosocketOwner.Current(Allowed);
        if (call.Count is < 2 or > 4)
            throw new LuaException($"ngx.socket connect: expecting 2, 3, or 4 arguments (including the object), but seen {call.Count}");
        var socket = Self(call);
        var worker = NgxApi.Worker;
        var phase = worker.Phase;
        string host = call.CheckString(1).ToLatin1();
        int port = 0;
        LuaTable? options = null;
        bool unix = host.StartsWith("unix:", StringComparison.Ordinal);
        if (!unix)
        {
            if (!call[2].IsNumber && !(call[2].Ref is LuaString ps && LuaNumber.TryParse(ps.Span, out _)))
                throw call.ArgError(2, "number expected, got " + (call.Count > 2 ? call[2].TypeName : "no value"));
            double p = call[2].IsNumber ? call[2].Number : call.CheckNumber(2);
            port = (int)p;
            if (port < 0 || port > 65535) return call.Return(LuaValue.Nil, NgxApi.Str("bad port number: " + port));
            options = call[3].AsTable;
            if (call.Count > 3 && options is null && !call[3].IsNil) throw call.TypeError(3, "table");
        }
        else
        {
            options = call[2].AsTable;
            if (call.Count > 2 && options is null && !call[2].IsNil) throw call.TypeError(2, "table");
        }

        // The host is read as nginx's ngx_parse_url reads it: a port in the host wins, "[v6]" is an
        // address, a bare "::1" is a host with a bad port, only a strict dotted quad is an IPv4 address.
        var target = unix ? default : Resolver.HostPort.Parse(host, port);
        if (target.Error is { } parseError)
            return call.Return(LuaValue.Nil, NgxApi.Str($"failed to parse host name \"{host}\": {parseError}"));

        CheckOwner(socket, owner);
        // Connecting again closes the connection held now.
        socket.Close();
        socket.EverConnected = true;
        string poolName = unix ? host : host + ":" + port;
        int poolSize = 0;
        int backlog = -1;
        if (options is not null)
        {
            var name = options["pool"];
            if (name.Ref is LuaString n) poolName = n.ToLatin1();
            else if (name.IsNumber) poolName = LuaNumber.ToLuaString(name.Number).ToLatin1();
            else if (!name.IsNil) throw call.ArgError(3, "bad \"pool\" option type: " + name.TypeName);
            var size = options["pool_size"];
            if (!size.IsNil)
            {
                if (!size.IsNumber) throw call.ArgError(3, "bad \"pool_size\" option type: " + size.TypeName);
                poolSize = (int)size.Number;
                if (poolSize <= 0) throw call.ArgError(3, "bad \"pool_size\" option value: " + poolSize);
            }
            // ngx_lua takes a number (or a numeric string) and ignores anything else.
            var bl = options["backlog"];
            double blValue = bl.IsNumber ? bl.Number : bl.Ref is LuaString bs && LuaNumber.TryParse(bs.Span, out double parsed) ? parsed : double.NaN;
            if (!double.IsNaN(blValue))
            {
                backlog = (int)blValue;
                if (backlog < 0) throw call.ArgError(3, "bad \"backlog\" option value: " + backlog);
            }
        }
        socket.PoolName = poolName;
        socket.PoolSize = poolSize;

        var existing = CosocketPool.Find(poolName);
        if (existing?.Take() is { } reused)
        {
            reused.ReusedTimes++;
            socket.Attach(reused, owner);
            if (backlog >= 0) { existing.Active++; socket.SlotPool = existing; }
            return call.Return(1);
        }

        EndPoint endpoint;
        if (unix) endpoint = new UnixDomainSocketEndPoint(host[5..]);
        else if (target.Address is { } address) endpoint = new IPEndPoint(address, target.Port);
        else if (Resolver.DnsResolver.For(owner.Settings) is not { } resolver)
            return call.Return(LuaValue.Nil, NgxApi.Str($"no resolver defined to resolve \"{target.Host}\""));
        else
        {
            // Names (nginx's ngx_inet_addr takes only a strict dotted quad as an address) go to the resolver.
            long resolveTimeout = owner.Settings.ResolverTimeoutMs;
            var log = worker.Runtime.ErrorLogFor(owner.Settings);
            return NgxApi.Park(call, null, async () =>
            {
                string name = target.Host;
                var resolution = await resolver.ResolveAsync(name, resolveTimeout, log);
                if (!resolution.Ok) return Fail(resolution.Describe(name.EndsWith('.') ? name[..^1] : name));
                return await ConnectAsync(socket, owner, worker, phase, new IPEndPoint(resolution.Pick(), target.Port), backlog, poolSize);
            });
        }

        return NgxApi.Park(call, null, () => ConnectAsync(socket, owner, worker, phase, endpoint, backlog, poolSize));
    }

    private static async ValueTask<LuaValue[]> ConnectAsync(TcpCosocket socket, CosocketOwner owner, LuaWorker worker, LuaPhase phase,
        EndPoint endpoint, int backlog, int poolSize)
    {
        int timeout = ConnectTimeout(socket, owner);
        if (backlog >= 0)
        {
            int size = poolSize > 0 ? poolSize : (int)Setting(owner, "lua_socket_pool_size", DefaultPoolSize);
            var pool = CosocketPool.GetOrCreate(socket.PoolName!, size);
            while (pool.Active >= pool.Size)
            {
                if (pool.Waiters.Count >= backlog) return Fail("too many waiting connect operations");
                var waiter = new TaskCompletionSource<bool>();
                pool.Waiters.Enqueue(waiter);
                var done = await Task.WhenAny(waiter.Task, Task.Delay(timeout));
                if (done != waiter.Task)
                {
                    waiter.TrySetResult(false);
                    return Fail("timeout");
                }
                if (pool.Take() is { } parked)
                {
                    parked.ReusedTimes++;
                    socket.Attach(parked, owner);
                    pool.Active++;
                    socket.SlotPool = pool;
                    return new LuaValue[] { 1 };
                }
            }
            pool.Active++;
            socket.SlotPool = pool;
        }
        var raw = endpoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (socket.BindAddress is { } local && endpoint is IPEndPoint)
        {
            // tcpsock:bind's local address; nginx logs a failed bind() at crit and connect fails with its error.
            try { raw.Bind(new IPEndPoint(local, 0)); }
            catch (SocketException e)
            {
                raw.Dispose();
                socket.ReleaseSlot();
                if (!owner.Ended) owner.Log(worker, phase, LogLevel.Crit, $"bind({local}) failed ({Errno(e)}: {SocketErrors.Describe(e)})");
                return Fail(SocketErrors.Describe(e).ToLowerInvariant());
            }
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await raw.ConnectAsync(endpoint, cts.Token);
        }
        catch (OperationCanceledException)
        {
            raw.Dispose();
            socket.ReleaseSlot();
            Log(worker, owner, phase, "lua tcp socket connect timed out, when connecting to " + Describe(endpoint));
            return Fail("timeout");
        }
        catch (SocketException e)
        {
            raw.Dispose();
            socket.ReleaseSlot();
            string where = endpoint is UnixDomainSocketEndPoint u ? " to unix:" + u : "";
            var (errno, text) = (Errno(e), SocketErrors.Describe(e));
            // .NET reports a missing unix socket path as "address not available"; the C library says ENOENT.
            if (endpoint is UnixDomainSocketEndPoint && e.SocketErrorCode == SocketError.AddressNotAvailable) (errno, text) = (2, "No such file or directory");
            Log(worker, owner, phase, $"connect(){where} failed ({errno}: {text})", socketError: false);
            return Fail(text.ToLowerInvariant());
        }
        // The owner ended while connecting (its request finished): the new connection is not kept.
        if (owner.Ended)
        {
            raw.Dispose();
            socket.ReleaseSlot();
            return Fail("closed");
        }
        socket.Attach(new CosocketConnection(raw), owner);
        return new LuaValue[] { 1 };
    }

    private static string Describe(EndPoint endpoint) => endpoint is UnixDomainSocketEndPoint u ? "unix:" + u : endpoint.ToString()!;

    private static int Errno(SocketException e) => e.NativeErrorCode;

    // ---- bind ----

    /// <summary>
    /// tcpsock:bind(ip): the local address later connects bind to (kept across close, as ngx_lua's).
    /// Only an IPv4 or IPv6 address is taken ("bad address" otherwise, a port too); like ngx_lua it
    /// does not check that the table is a socket object.
    /// </summary>
    private static int Bind(LuaCall call)
    {
        CosocketOwner.Current(Allowed);
        if (call.Count != 2) throw new LuaException($"expecting 2 arguments, but got {call.Count}");
        string text = call.CheckString(1).ToLatin1();
        IPAddress? address = Resolver.HostPort.ParseIPv4(text);
        if (address is null && text.Contains(':') && !text.Contains('%') && IPAddress.TryParse(text, out var v6)
            && v6.AddressFamily == AddressFamily.InterNetworkV6) address = v6;
        if (address is null) return call.Return(LuaValue.Nil, NgxApi.Str("bad address"));
        if (call[0].AsTable is { } table && table[1].Ref is LuaUserdata { Value: TcpCosocket socket }) socket.BindAddress = address;
        return call.Return(LuaValue.True);
    }

    // ---- sslhandshake ----

    /// <summary>
    /// ngx_lua reads the OpenSSL verify code of the worker's last completed handshake into every
    /// error it returns, also for errors found before any handshake ran (a closed socket after a
    /// failed verification answers "20: closed" on nginx), so the code is kept per worker.
    /// </summary>
    [ThreadStatic] private static int lastVerifyCode;

    private static int SslHandshake(LuaCall call)
    {
        if (call.Count > 5)
            throw new LuaException($"ngx.socket sslhandshake: expecting 1 ~ 5 arguments (including the object), but seen {call.Count}");
        var owner = CosocketOwner.Current(Allowed);
        var socket = Self(call);
        var worker = NgxApi.Worker;
        var phase = worker.Phase;
        var reused = call[1];
        string? serverName = null;
        if (call[2].IsTruthy)
        {
            // resty.core hands the name to the FFI as a C string; anything else fails that conversion.
            if (call[2].Ref is not LuaString name) throw new LuaException($"cannot convert '{call[2].TypeName}' to 'const unsigned char *'");
            serverName = name.ToLatin1();
        }
        bool verify = call[3].IsTruthy;
        if (!socket.EverConnected) throw new LuaException("socket is never created nor connected");
        if (socket.Connection is not { } connection || connection.ReadClosed)
            return call.Return(LuaValue.Nil, NgxApi.Str(lastVerifyCode != 0 ? lastVerifyCode + ": closed" : "closed"));
        if (socket.Owner != owner) return call.Return(LuaValue.Nil, NgxApi.Str("bad request"));
        LuaValue Success() => reused.IsBoolean && !reused.IsTruthy
            ? LuaValue.True
            : new LuaUserdata(new TlsSession(serverName, connection.Tls?.SslProtocol ?? System.Security.Authentication.SslProtocols.None));
        if (connection.Tls is not null) return call.Return(Success());
        var settings = owner.Settings.LuaTls;
        return NgxApi.Park(call, null, async () =>
        {
            var outcome = await TlsHandshake.RunAsync(connection, serverName, verify, settings, ConnectTimeout(socket, owner));
            lastVerifyCode = outcome.VerifyCode;
            if (outcome.Ok) return new LuaValue[] { Success() };
            if (outcome.LogLine is { } line) Log(worker, owner, phase, line, socketError: !outcome.LogAlways);
            socket.Close();
            return Fail(outcome.Error!);
        });
    }

    // ---- send ----

    private static int Send(LuaCall call)
    {
        var owner = CosocketOwner.Current(Allowed);
        if (call.Count != 2) throw new LuaException($"expecting 2 arguments (including the object), but got {call.Count}");
        var socket = Self(call);
        var worker = NgxApi.Worker;
        var phase = worker.Phase;
        if (socket.Connection is not { } connection)
        {
            Log(worker, owner, phase, "attempt to send data on a closed socket");
            return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        }
        CheckOwner(socket, owner);
        var data = new MemoryStream();
        var v = call[1];
        if (v.AsTable is { } table) AppendTable(call, table, data, 0);
        else if (v.Ref is LuaString s) data.Write(s.Span);
        else if (v.IsNumber) data.Write(LuaNumber.ToLuaString(v.Number).Span);
        else if (v.IsBoolean) data.Write(v.IsTruthy ? "true"u8 : "false"u8);
        else if (v.IsNil) data.Write("nil"u8);
        else throw call.ArgError(1, "string, number, boolean, nil, or array table expected, got " + v.TypeName);
        var bytes = data.ToArray();
        if (bytes.Length == 0) return call.Return(0);
        return NgxApi.Park(call, null, async () =>
        {
            try
            {
                await connection.SendAsync(bytes, SendTimeout(socket, owner));
                return new LuaValue[] { bytes.Length };
            }
            catch (OperationCanceledException)
            {
                Log(worker, owner, phase, "lua tcp socket write timed out");
                socket.Close();
                return Fail("timeout");
            }
            catch (SocketException e)
            {
                Log(worker, owner, phase, $"send() failed ({Errno(e)}: {SocketErrors.Describe(e)})");
                socket.Close();
                return Fail(SocketErrors.Describe(e).ToLowerInvariant());
            }
        });
    }

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

    private enum ReadMode { Line, All, Bytes }

    private static int Receive(LuaCall call)
    {
        var owner = CosocketOwner.Current(Allowed);
        if (call.Count is < 1 or > 2) throw new LuaException($"expecting 1 or 2 arguments (including the object), but got {call.Count}");
        var socket = Self(call);
        var worker = NgxApi.Worker;
        var phase = worker.Phase;
        if (socket.Connection is not { } connection || connection.ReadClosed)
        {
            Log(worker, owner, phase, "attempt to receive data on a closed socket");
            return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        }
        CheckOwner(socket, owner);
        var mode = ReadMode.Line;
        long count = 0;
        var p = call[1];
        if (p.Ref is LuaString pattern && !LuaNumber.TryParse(pattern.Span, out _))
        {
            if (pattern.Length >= 2 && pattern.Span[0] == '*' && pattern.Span[1] == 'l') mode = ReadMode.Line;
            else if (pattern.Length >= 2 && pattern.Span[0] == '*' && pattern.Span[1] == 'a') mode = ReadMode.All;
            else throw call.ArgError(1, "bad pattern argument");
        }
        else if (p.IsNumber || p.IsString)
        {
            double d = p.IsNumber ? p.Number : call.CheckNumber(1);
            if (d < 0 || double.IsNaN(d)) throw call.ArgError(1, "bad pattern argument");
            count = (long)d;
            mode = ReadMode.Bytes;
            if (count == 0) return call.Return(LuaString.Empty);
        }
        else if (!p.IsNil) throw call.ArgError(1, "bad pattern argument");

        // Answer from the buffer when it already holds the whole result (no park).
        if (TryTake(connection, mode, count) is { } ready) return call.Return(ready);
        return NgxApi.Park(call, null, async () =>
        {
            int timeout = ReadTimeout(socket, owner);
            while (true)
            {
                bool more;
                try { more = await connection.FillAsync(timeout); }
                catch (OperationCanceledException)
                {
                    Log(worker, owner, phase, "lua tcp socket read timed out");
                    return Fail("timeout", TakeAll(connection));
                }
                catch (SocketException e)
                {
                    Log(worker, owner, phase, $"recv() failed ({Errno(e)}: {SocketErrors.Describe(e)})");
                    var partial = TakeAll(connection);
                    socket.Close();
                    return Fail(SocketErrors.Describe(e).ToLowerInvariant(), partial);
                }
                if (!more)
                {
                    var rest = TakeAll(connection);
                    if (mode == ReadMode.All) return new LuaValue[] { rest };
                    return Fail("closed", rest);
                }
                if (TryTake(connection, mode, count) is { } value) return new LuaValue[] { value };
            }
        });
    }

    private static LuaString TakeAll(CosocketConnection connection)
    {
        var all = LuaString.FromBytes(connection.BufferedSpan);
        connection.Consume(connection.Buffered);
        return all;
    }

    /// <summary>The result of a read if the buffer holds it (a whole line, count bytes; never for *a, which reads to the end).</summary>
    private static LuaString? TryTake(CosocketConnection connection, ReadMode mode, long count)
    {
        var span = connection.BufferedSpan;
        switch (mode)
        {
            case ReadMode.Line:
                int nl = span.IndexOf((byte)'\n');
                if (nl < 0) return null;
                // *l drops the \n and every \r in the line, as ngx_lua does.
                var line = new List<byte>(nl);
                foreach (byte b in span[..nl]) if (b != '\r') line.Add(b);
                connection.Consume(nl + 1);
                return new LuaString(line.ToArray());
            case ReadMode.Bytes:
                if (span.Length < count) return null;
                var bytes = LuaString.FromBytes(span[..(int)count]);
                connection.Consume((int)count);
                return bytes;
        }
        return null;
    }

    private static int ReceiveAny(LuaCall call)
    {
        var owner = CosocketOwner.Current(Allowed);
        if (call.Count != 2) throw new LuaException($"expecting 2 arguments (including the object), but got {call.Count}");
        var socket = Self(call);
        var worker = NgxApi.Worker;
        var phase = worker.Phase;
        double max = call[1].IsNumber ? call[1].Number : call[1].Ref is LuaString ms && LuaNumber.TryParse(ms.Span, out double parsed) ? parsed : -1;
        if (max <= 0) throw call.ArgError(1, "bad max argument");
        if (socket.Connection is not { } connection || connection.ReadClosed)
        {
            Log(worker, owner, phase, "attempt to receive data on a closed socket");
            return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        }
        CheckOwner(socket, owner);
        int limit = (int)Math.Min(max, int.MaxValue);
        LuaString Take()
        {
            int n = Math.Min(limit, connection.Buffered);
            var s = LuaString.FromBytes(connection.BufferedSpan[..n]);
            connection.Consume(n);
            return s;
        }
        if (connection.Buffered > 0) return call.Return(Take());
        return NgxApi.Park(call, null, async () =>
        {
            try
            {
                if (!await connection.FillAsync(ReadTimeout(socket, owner))) return Fail("closed");
                return new LuaValue[] { Take() };
            }
            catch (OperationCanceledException)
            {
                Log(worker, owner, phase, "lua tcp socket read timed out");
                return Fail("timeout");
            }
            catch (SocketException e)
            {
                Log(worker, owner, phase, $"recv() failed ({Errno(e)}: {SocketErrors.Describe(e)})");
                socket.Close();
                return Fail(SocketErrors.Describe(e).ToLowerInvariant());
            }
        });
    }

    // ---- receiveuntil ----

    private static int ReceiveUntil(LuaCall call)
    {
        CosocketOwner.Current(Allowed);
        if (call.Count is < 2 or > 3) throw new LuaException($"expecting 2 or 3 arguments (including the object), but got {call.Count}");
        var socket = Self(call);
        var pattern = call.CheckString(1);
        if (pattern.Length == 0) return call.Return(LuaValue.Nil, NgxApi.Str("pattern is empty"));
        bool inclusive = false;
        if (call.Count == 3 && !call[2].IsNil)
        {
            var opts = call.CheckTable(2);
            var inc = opts["inclusive"];
            if (!inc.IsNil)
            {
                if (!inc.IsBoolean) throw new LuaException("bad \"inclusive\" option value type: " + inc.TypeName);
                inclusive = inc.IsTruthy;
            }
        }
        var bytes = pattern.Span.ToArray();
        return call.Return(new HostFunction("receiveuntil iterator", c => Iterate(c, socket, bytes, inclusive)));
    }

    private static int Iterate(LuaCall call, TcpCosocket socket, byte[] pattern, bool inclusive)
    {
        var owner = CosocketOwner.Current(Allowed);
        var worker = NgxApi.Worker;
        var phase = worker.Phase;
        long size = 0;
        if (call.Count > 0 && !call[0].IsNil)
        {
            double d = call.CheckNumber(0);
            size = (long)d;
            if (size < 0) throw call.ArgError(0, "bad size argument");
        }
        if (socket.Connection is not { } connection || connection.ReadClosed && connection.Buffered == 0)
        {
            Log(worker, owner, phase, "attempt to receive data on a closed socket");
            return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        }
        CheckOwner(socket, owner);
        if (TryUntil(connection, pattern, inclusive, size) is { } ready) return call.Return(ready);
        return NgxApi.Park(call, null, async () =>
        {
            int timeout = ReadTimeout(socket, owner);
            while (true)
            {
                bool more;
                try { more = await connection.FillAsync(timeout); }
                catch (OperationCanceledException)
                {
                    Log(worker, owner, phase, "lua tcp socket read timed out");
                    // ngx_lua's partial result leaves out a tail that may be the pattern's beginning.
                    int safe = ReceiveUntilMatcher.SafeLength(connection.BufferedSpan, pattern);
                    var partial = LuaString.FromBytes(connection.BufferedSpan[..safe]);
                    connection.Consume(safe);
                    return Fail("timeout", partial);
                }
                catch (SocketException e)
                {
                    Log(worker, owner, phase, $"recv() failed ({Errno(e)}: {SocketErrors.Describe(e)})");
                    var partial = TakeAll(connection);
                    socket.Close();
                    return Fail(SocketErrors.Describe(e).ToLowerInvariant(), partial);
                }
                if (!more) return Fail("closed", TakeAll(connection));
                if (TryUntil(connection, pattern, inclusive, size) is { } value) return value;
            }
        });
    }

    /// <summary>
    /// One step of a receiveuntil iterator over the buffer: the data before the pattern (and the
    /// pattern with inclusive), or with a size, the next piece of at most size bytes and then
    /// nil, nil where the pattern was; null when more bytes must be read first.
    /// </summary>
    private static LuaValue[]? TryUntil(CosocketConnection connection, byte[] pattern, bool inclusive, long size)
    {
        var span = connection.BufferedSpan;
        int at = ReceiveUntilMatcher.Find(span, pattern);
        if (size == 0)
        {
            if (at < 0) return null;
            int take = inclusive ? at + pattern.Length : at;
            var data = LuaString.FromBytes(span[..take]);
            connection.Consume(at + pattern.Length);
            return new LuaValue[] { data };
        }
        if (at == 0)
        {
            connection.Consume(pattern.Length);
            if (inclusive) return new LuaValue[] { LuaString.FromBytes(pattern) };
            return new LuaValue[] { LuaValue.Nil, LuaValue.Nil };
        }
        int safe = at > 0 ? at : ReceiveUntilMatcher.SafeLength(span, pattern);
        if (safe >= size || (at > 0 && safe > 0))
        {
            int n = (int)Math.Min(size, safe);
            var piece = LuaString.FromBytes(span[..n]);
            connection.Consume(n);
            return new LuaValue[] { piece };
        }
        return null;
    }

    // ---- timeouts and options ----

    private static int SetTimeout(LuaCall call)
    {
        if (call.Count != 2) throw new LuaException($"ngx.socket settimeout: expecting 2 arguments (including the object) but seen {call.Count}");
        var socket = Self(call);
        double ms = call.CheckNumber(1);
        if (ms < 0 || ms > int.MaxValue) throw new LuaException("bad timeout value");
        socket.ConnectTimeout = socket.SendTimeout = socket.ReadTimeout = (int)ms;
        return call.Return();
    }

    private static int SetTimeouts(LuaCall call)
    {
        if (call.Count != 4) throw new LuaException($"ngx.socket settimeout: expecting 4 arguments (including the object) but seen {call.Count}");
        var socket = Self(call);
        double c = call.CheckNumber(1), s = call.CheckNumber(2), r = call.CheckNumber(3);
        foreach (var t in new[] { c, s, r })
            if (t < 0 || t > int.MaxValue) throw new LuaException("bad timeout value");
        socket.ConnectTimeout = (int)c;
        socket.SendTimeout = (int)s;
        socket.ReadTimeout = (int)r;
        return call.Return();
    }

    private static int SetOption(LuaCall call)
    {
        var socket = Self(call);
        string option = call.CheckString(1).ToLatin1();
        if (socket.Connection is not { } connection) return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        var v = call[2];
        int number = v.IsBoolean ? (v.IsTruthy ? 1 : 0) : v.IsNumber ? (int)v.Number : throw call.ArgError(2, "number expected, got " + v.TypeName);
        var s = connection.Socket;
        try
        {
            switch (option)
            {
                case "keepalive": s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, number != 0); break;
                case "reuseaddr": s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, number != 0); break;
                case "tcp-nodelay": s.NoDelay = number != 0; break;
                case "sndbuf": s.SendBufferSize = number; break;
                case "rcvbuf": s.ReceiveBufferSize = number; break;
                default: return call.Return(LuaValue.Nil, NgxApi.Str("unsupported option " + option));
            }
        }
        catch (SocketException e) { return call.Return(LuaValue.Nil, NgxApi.Str(SocketErrors.Describe(e).ToLowerInvariant())); }
        return call.Return(1);
    }

    private static int GetOption(LuaCall call)
    {
        var socket = Self(call);
        string option = call.CheckString(1).ToLatin1();
        if (socket.Connection is not { } connection) return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        var s = connection.Socket;
        return option switch
        {
            "keepalive" => call.Return((int)s.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)! != 0 ? 1 : 0),
            "reuseaddr" => call.Return((int)s.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress)! != 0 ? 1 : 0),
            "tcp-nodelay" => call.Return(s.NoDelay ? 1 : 0),
            "sndbuf" => call.Return(s.SendBufferSize),
            "rcvbuf" => call.Return(s.ReceiveBufferSize),
            _ => call.Return(LuaValue.Nil, NgxApi.Str("unsupported option " + option)),
        };
    }

    // ---- keepalive, reuse, close ----

    private static int SetKeepalive(LuaCall call)
    {
        var owner = CosocketOwner.Current(Allowed);
        if (call.Count is < 1 or > 3) throw new LuaException($"expecting 1 to 3 arguments (including the object), but got {call.Count}");
        var socket = Self(call);
        var worker = NgxApi.Worker;
        if (socket.Connection is not { } connection || connection.ReadClosed)
        {
            return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        }
        CheckOwner(socket, owner);
        long timeout = Setting(owner, "lua_socket_keepalive_timeout", DefaultTimeout);
        if (call.Count > 1 && !call[1].IsNil)
        {
            double t = call.CheckNumber(1);
            if (t < 0) throw new LuaException("bad \"timeout\" argument");
            timeout = (long)t;
        }
        int size = socket.PoolSize > 0 ? socket.PoolSize : (int)Setting(owner, "lua_socket_pool_size", DefaultPoolSize);
        if (call.Count > 2 && !call[2].IsNil)
        {
            double s = call.CheckNumber(2);
            if (s <= 0) throw new LuaException("bad \"pool_size\" option value: " + (long)s);
            size = (int)s;
        }
        if (connection.Buffered > 0) return call.Return(LuaValue.Nil, NgxApi.Str("unread data in buffer"));
        if (!connection.IsIdleHealthy())
        {
            socket.Close();
            return call.Return(LuaValue.Nil, NgxApi.Str("connection in dubious state"));
        }
        var pool = CosocketPool.GetOrCreate(socket.PoolName!, size);
        socket.Detach();
        pool.Put(connection, (int)Math.Min(timeout, int.MaxValue));
        socket.ReleaseSlot();
        _ = worker;
        return call.Return(1);
    }

    private static int GetReusedTimes(LuaCall call)
    {
        var socket = Self(call);
        if (socket.Connection is not { } connection) return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        return call.Return(connection.ReusedTimes);
    }

    private static int Close(LuaCall call)
    {
        var owner = CosocketOwner.Current(Allowed);
        var socket = Self(call);
        if (socket.Connection is null) return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        CheckOwner(socket, owner);
        socket.Close();
        return call.Return(1);
    }
}
