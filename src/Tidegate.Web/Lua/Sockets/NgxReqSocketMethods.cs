using System.Net.Sockets;
using System.Runtime.InteropServices;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Logging;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// The methods of an ngx.req.socket object. Reading follows the TCP cosocket's rules (patterns
/// "*l", "*a" and counts, partial results on errors, receiveuntil's pieces) over the request body
/// or the raw connection; the end of the body reads as "closed", a client gone before it (or,
/// with lua_check_client_abort, from a raw socket) as "client aborted". After a read failed with
/// "closed", receive and receiveany fail at once with nginx's "attempt to receive data on a closed
/// socket" line, while a receiveuntil iterator answers "closed" without logging (both as on nginx).
/// </summary>
public static class NgxReqSocketMethods
{
    private const PhaseMask Allowed = PhaseMask.Rewrite | PhaseMask.Access | PhaseMask.Content;
    private const int DefaultTimeout = 60000;

    /// <summary>The method table, which is also the objects' metatable (its __index is itself, as in ngx_lua).</summary>
    public static LuaTable Create(bool raw)
    {
        var methods = new LuaTable();
        NgxApi.Set(methods, "receive", Receive);
        NgxApi.Set(methods, "receiveany", ReceiveAny);
        NgxApi.Set(methods, "receiveuntil", ReceiveUntil);
        NgxApi.Set(methods, "settimeout", SetTimeout);
        NgxApi.Set(methods, "settimeouts", SetTimeouts);
        if (raw) NgxApi.Set(methods, "send", Send);
        methods["__index"] = methods;
        return methods;
    }

    private static NgxReqSocket Self(in LuaCall call)
    {
        if (call[0].AsTable is { } table && table[1].Ref is LuaUserdata { Value: NgxReqSocket socket }) return socket;
        throw call.ArgError(0, "table expected, got " + call[0].TypeName);
    }

    private static int Timeout(NgxReqSocket socket, LuaRequest request, int own, string setting) =>
        own > 0 ? own
        : request.Context.Settings.LuaSocketSettings is { } s && s.TryGetValue(setting, out long v) ? (int)v : DefaultTimeout;

    private static int ReadTimeout(NgxReqSocket s, LuaRequest r) => Timeout(s, r, s.ReadTimeout, "lua_socket_read_timeout");
    private static int SendTimeout(NgxReqSocket s, LuaRequest r) => Timeout(s, r, s.SendTimeout, "lua_socket_send_timeout");

    private static LuaValue[] Fail(string error) => new LuaValue[] { LuaValue.Nil, NgxApi.Str(error) };
    private static LuaValue[] Fail(string error, LuaValue partial) => new LuaValue[] { LuaValue.Nil, NgxApi.Str(error), partial };

    /// <summary>Logs in the request's context after an await (when the worker may be running other code); gated by lua_socket_log_errors.</summary>
    private static void Log(LuaWorker worker, LuaRequest request, LuaPhase phase, string message)
    {
        if (!request.Context.Settings.LuaSocketLogErrors) return;
        worker.LogFor(request, phase, LogLevel.Error, message);
    }

    private static int ClosedRead(in LuaCall call, NgxReqSocket socket, LuaRequest request)
    {
        Log(NgxApi.Worker, request, NgxApi.Worker.Phase,
            $"attempt to receive data on a closed socket: {socket.Pointers}, ft:0 eof:{(socket.Eof ? 1 : 0)}");
        return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
    }

    private static Span<byte> Buffered(NgxReqSocket socket) => CollectionsMarshal.AsSpan(socket.Buffer);

    private static LuaString Take(NgxReqSocket socket, int count, int consume)
    {
        var s = LuaString.FromBytes(Buffered(socket)[..count]);
        socket.Buffer.RemoveRange(0, consume);
        return s;
    }

    private static LuaString TakeAll(NgxReqSocket socket) => Take(socket, socket.Buffer.Count, socket.Buffer.Count);

    // ---- receive ----

    private enum ReadMode { Line, All, Bytes }

    private static int Receive(LuaCall call)
    {
        var request = NgxApi.Request(Allowed);
        if (call.Count is < 1 or > 2) throw NgxArgs.CError(call.Thread, $"expecting 1 or 2 arguments (including the object), but got {call.Count}");
        var socket = Self(call);
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
        }
        else if (!p.IsNil) throw call.ArgError(1, "bad pattern argument");
        if (socket.ReadClosed) return ClosedRead(call, socket, request);
        if (mode == ReadMode.Bytes && count == 0) return call.Return(LuaString.Empty);
        if (TryTake(socket, mode, count) is { } ready) return call.Return(ready);

        var worker = NgxApi.Worker;
        var phase = worker.Phase;
        return NgxApi.Park(call, request, async () =>
        {
            int timeout = ReadTimeout(socket, request);
            while (true)
            {
                bool more;
                try { more = await socket.FillAsync(timeout); }
                catch (OperationCanceledException)
                {
                    Log(worker, request, phase, "lua tcp socket read timed out");
                    return Fail("timeout", TakeAll(socket));
                }
                catch (Exception e) when (e is IOException or SocketException)
                {
                    socket.ReadClosed = true;
                    return Fail("closed", TakeAll(socket));
                }
                if (!more)
                {
                    var rest = TakeAll(socket);
                    string end = socket.EndOfDataError(request.Context.Settings.LuaCheckClientAbort);
                    if (mode == ReadMode.All && end == "closed") return new LuaValue[] { rest };
                    socket.ReadClosed = true;
                    return Fail(end, rest);
                }
                if (TryTake(socket, mode, count) is { } value) return new LuaValue[] { value };
            }
        });
    }

    /// <summary>The result of a read if the buffer holds it (a whole line, count bytes; never for *a, which reads to the end).</summary>
    private static LuaString? TryTake(NgxReqSocket socket, ReadMode mode, long count)
    {
        var span = Buffered(socket);
        switch (mode)
        {
            case ReadMode.Line:
                int nl = span.IndexOf((byte)'\n');
                if (nl < 0) return null;
                // *l drops the \n and every \r in the line, as ngx_lua does.
                var line = new List<byte>(nl);
                foreach (byte b in span[..nl]) if (b != '\r') line.Add(b);
                socket.Buffer.RemoveRange(0, nl + 1);
                return new LuaString(line.ToArray());
            case ReadMode.Bytes:
                if (span.Length < count) return null;
                return Take(socket, (int)count, (int)count);
        }
        return null;
    }

    private static int ReceiveAny(LuaCall call)
    {
        var request = NgxApi.Request(Allowed);
        if (call.Count != 2) throw NgxArgs.CError(call.Thread, $"expecting 2 arguments (including the object), but got {call.Count}");
        var socket = Self(call);
        double max = call[1].IsNumber ? call[1].Number : call[1].Ref is LuaString ms && LuaNumber.TryParse(ms.Span, out double parsed) ? parsed : -1;
        if (max <= 0) throw call.ArgError(1, "bad max argument");
        if (socket.ReadClosed) return ClosedRead(call, socket, request);
        int limit = (int)Math.Min(max, int.MaxValue);
        if (socket.Buffer.Count > 0) return call.Return(Take(socket, Math.Min(limit, socket.Buffer.Count), Math.Min(limit, socket.Buffer.Count)));
        var worker = NgxApi.Worker;
        var phase = worker.Phase;
        return NgxApi.Park(call, request, async () =>
        {
            try
            {
                if (!await socket.FillAsync(ReadTimeout(socket, request)))
                {
                    socket.ReadClosed = true;
                    return Fail(socket.EndOfDataError(request.Context.Settings.LuaCheckClientAbort));
                }
                int n = Math.Min(limit, socket.Buffer.Count);
                return new LuaValue[] { Take(socket, n, n) };
            }
            catch (OperationCanceledException)
            {
                Log(worker, request, phase, "lua tcp socket read timed out");
                return Fail("timeout");
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                socket.ReadClosed = true;
                return Fail("closed");
            }
        });
    }

    // ---- receiveuntil ----

    private static int ReceiveUntil(LuaCall call)
    {
        NgxApi.Request(Allowed);
        if (call.Count is < 2 or > 3) throw NgxArgs.CError(call.Thread, $"expecting 2 or 3 arguments (including the object), but got {call.Count}");
        var socket = Self(call);
        var pattern = call.CheckString(1);
        if (pattern.Length == 0) return call.Return(LuaValue.Nil, NgxApi.Str("pattern is empty"));
        bool inclusive = false;
        if (call.Count == 3 && !call[2].IsNil)
        {
            var inc = call.CheckTable(2)["inclusive"];
            if (!inc.IsNil)
            {
                if (!inc.IsBoolean) throw NgxArgs.CError(call.Thread, "bad \"inclusive\" option value type: " + inc.TypeName);
                inclusive = inc.IsTruthy;
            }
        }
        var bytes = pattern.Span.ToArray();
        return call.Return(new HostFunction("receiveuntil iterator", c => Iterate(c, socket, bytes, inclusive)));
    }

    private static int Iterate(LuaCall call, NgxReqSocket socket, byte[] pattern, bool inclusive)
    {
        var request = NgxApi.Request(Allowed);
        long size = 0;
        if (call.Count > 0 && !call[0].IsNil)
        {
            size = (long)call.CheckNumber(0);
            if (size < 0) throw call.ArgError(0, "bad size argument");
        }
        if (socket.ReadClosed) return call.Return(LuaValue.Nil, NgxApi.Str("closed"));
        if (TryUntil(socket, pattern, inclusive, size) is { } ready) return call.Return(ready);
        var worker = NgxApi.Worker;
        var phase = worker.Phase;
        return NgxApi.Park(call, request, async () =>
        {
            int timeout = ReadTimeout(socket, request);
            while (true)
            {
                bool more;
                try { more = await socket.FillAsync(timeout); }
                catch (OperationCanceledException)
                {
                    Log(worker, request, phase, "lua tcp socket read timed out");
                    // The partial result leaves out a tail that may be the pattern's beginning.
                    int safe = ReceiveUntilMatcher.SafeLength(Buffered(socket), pattern);
                    return Fail("timeout", Take(socket, safe, safe));
                }
                catch (Exception e) when (e is IOException or SocketException)
                {
                    socket.ReadClosed = true;
                    return Fail("closed", TakeAll(socket));
                }
                if (!more)
                {
                    socket.ReadClosed = true;
                    return Fail(socket.EndOfDataError(request.Context.Settings.LuaCheckClientAbort), TakeAll(socket));
                }
                if (TryUntil(socket, pattern, inclusive, size) is { } value) return value;
            }
        });
    }

    /// <summary>
    /// One step of a receiveuntil iterator over the buffer: the data before the pattern (and the
    /// pattern with inclusive), or with a size, the next piece of at most size bytes and then
    /// nil, nil where the pattern was; null when more bytes must be read first.
    /// </summary>
    private static LuaValue[]? TryUntil(NgxReqSocket socket, byte[] pattern, bool inclusive, long size)
    {
        var span = Buffered(socket);
        int at = ReceiveUntilMatcher.Find(span, pattern);
        if (size == 0)
        {
            if (at < 0) return null;
            return new LuaValue[] { Take(socket, inclusive ? at + pattern.Length : at, at + pattern.Length) };
        }
        if (at == 0)
        {
            socket.Buffer.RemoveRange(0, pattern.Length);
            if (inclusive) return new LuaValue[] { LuaString.FromBytes(pattern) };
            return new LuaValue[] { LuaValue.Nil, LuaValue.Nil };
        }
        int safe = at > 0 ? at : ReceiveUntilMatcher.SafeLength(span, pattern);
        if (safe >= size || (at > 0 && safe > 0))
        {
            int n = (int)Math.Min(size, safe);
            return new LuaValue[] { Take(socket, n, n) };
        }
        return null;
    }

    // ---- timeouts ----

    private static int SetTimeout(LuaCall call)
    {
        if (call.Count != 2) throw NgxArgs.CError(call.Thread, $"ngx.socket settimeout: expecting 2 arguments (including the object) but seen {call.Count}");
        var socket = Self(call);
        double ms = call.CheckNumber(1);
        if (ms < 0 || ms > int.MaxValue) throw NgxArgs.CError(call.Thread, "bad timeout value");
        socket.ConnectTimeout = socket.SendTimeout = socket.ReadTimeout = (int)ms;
        // ngx_lua's settimeout returns nothing (checked on nginx).
        return call.Return();
    }

    private static int SetTimeouts(LuaCall call)
    {
        if (call.Count != 4) throw NgxArgs.CError(call.Thread, $"ngx.socket settimeout: expecting 4 arguments (including the object) but seen {call.Count}");
        var socket = Self(call);
        double c = call.CheckNumber(1), s = call.CheckNumber(2), r = call.CheckNumber(3);
        foreach (var t in new[] { c, s, r })
            if (t < 0 || t > int.MaxValue) throw NgxArgs.CError(call.Thread, "bad timeout value");
        socket.ConnectTimeout = (int)c;
        socket.SendTimeout = (int)s;
        socket.ReadTimeout = (int)r;
        return call.Return();
    }

    // ---- send (raw mode) ----

    private static int Send(LuaCall call)
    {
        var request = NgxApi.Request(Allowed);
        if (call.Count != 2) throw NgxArgs.CError(call.Thread, $"expecting 2 arguments (including the object), but got {call.Count}");
        var socket = Self(call);
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
        var worker = NgxApi.Worker;
        var phase = worker.Phase;
        return NgxApi.Park(call, request, async () =>
        {
            try
            {
                await socket.Stream.WriteRawAsync(bytes, TimeSpan.FromMilliseconds(SendTimeout(socket, request)));
                return new LuaValue[] { bytes.Length };
            }
            catch (OperationCanceledException)
            {
                Log(worker, request, phase, "lua tcp socket write timed out");
                return Fail("timeout");
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                return Fail("closed");
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
}
