using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Http;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// ngx.req.socket(): the request body read piece by piece (body mode), or with <c>true</c> the
/// client connection taken over to read and write raw bytes (raw mode), as ngx_lua 0.10.23 has
/// them: the object is a table whose slot 1 holds its state, with the method table (body:
/// receive, receiveany, receiveuntil, settimeout, settimeouts; raw: the same and send) as its
/// metatable. The checks and their order are ngx_lua's, each message read off nginx.
/// </summary>
public sealed class NgxReqSocket
{
    private const PhaseMask Allowed = PhaseMask.Rewrite | PhaseMask.Access | PhaseMask.Content;

    private NgxReqSocket(IClientStream stream, bool raw) { Stream = stream; Raw = raw; }

    public IClientStream Stream { get; }
    public bool Raw { get; }
    /// <summary>Bytes read from the stream and not yet handed to Lua.</summary>
    public List<byte> Buffer { get; } = new();
    /// <summary>The end of the data was seen (the body's last byte, or the client closed).</summary>
    public bool Eof { get; set; }
    /// <summary>A read failed with "closed": later receive calls fail at once (and log).</summary>
    public bool ReadClosed { get; set; }
    /// <summary>The first read must answer "Expect: 100-continue" (body mode).</summary>
    public bool ContinuePending { get; set; }
    public int ConnectTimeout { get; set; }
    public int SendTimeout { get; set; }
    public int ReadTimeout { get; set; }

    /// <summary>nginx prints the cosocket's addresses in "attempt to receive data on a closed socket": these stand in for them.</summary>
    public string Pointers => $"u:{(long)RuntimeHelpers.GetHashCode(this):X16}, c:{(long)RuntimeHelpers.GetHashCode(Stream):X16}";

    /// <summary>What ngx.req.socket made for a request so far (ngx_lua's acquired_raw_req_socket and the body reader).</summary>
    private sealed class RequestClaims
    {
        public bool RawAcquired;
        public NgxReqSocket? BodyReader;
    }

    public static void Register(LuaTable req)
    {
        var bodyMethods = NgxReqSocketMethods.Create(raw: false);
        var rawMethods = NgxReqSocketMethods.Create(raw: true);
        NgxApi.Set(req, "socket", call => Open(call, bodyMethods, rawMethods));
    }

    private static int Open(LuaCall call, LuaTable bodyMethods, LuaTable rawMethods)
    {
        if (call.Count > 1) throw NgxArgs.CError(call.Thread, $"expecting zero arguments, but got {call.Count}");
        bool raw = call.Count == 1 && call[0].IsTruthy;
        var request = NgxApi.Request(PhaseMask.AnyRequest);
        var ctx = request.Context;
        if (ctx.IsSubrequest) throw NgxArgs.CError(call.Thread, "attempt to read the request body in a subrequest");
        if (!raw && ctx.Request.Chunked) return call.Return(LuaValue.Nil, NgxApi.Str("chunked request bodies not supported yet"));
        NgxApi.CheckPhase(NgxApi.Worker, Allowed);
        if (ctx.Channel is not IClientStream stream) throw new LuaException("ngx.req.socket: this connection has no client stream");

        ctx.ModuleState ??= new Dictionary<Type, object>();
        if (!ctx.ModuleState.TryGetValue(typeof(RequestClaims), out var state)) ctx.ModuleState[typeof(RequestClaims)] = state = new RequestClaims();
        var claims = (RequestClaims)state;
        // A raw socket gives the request an (empty) body of its own, as nginx's does.
        bool bodyExists = request.BodyRead || ctx.Channel.BodyRead || claims.BodyReader is not null || claims.RawAcquired;
        NgxReqSocket socket;
        if (raw)
        {
            if (claims.RawAcquired) return call.Return(LuaValue.Nil, NgxApi.Str("duplicate call"));
            if (claims.BodyReader is not null && stream.BodyLeft > 0)
                return call.Return(LuaValue.Nil, NgxApi.Str("pending request body reading in some other thread"));
            // Output held for HTTP/1.0 buffering cannot be put on the wire any more.
            if (LuaOutput.Http10Buffering(request) && request.Output.Length > 0)
                return call.Return(LuaValue.Nil, NgxApi.Str("http 1.0 buffering"));
            // tidegate's writes complete before they return, so nginx's "pending data to write" cannot arise.
            claims.RawAcquired = true;
            // Output buffered by ngx.say and a head not written yet are dropped, as on nginx.
            request.Output.SetLength(0);
            stream.TakeOver();
            socket = new NgxReqSocket(stream, raw: true);
        }
        else
        {
            if (bodyExists) return call.Return(LuaValue.Nil, NgxApi.Str("request body already exists"));
            // nginx's discarding reader sets the Content-Length to 0 once it has the body: "no body" then.
            if (ctx.Request.ContentLength is not > 0 || request.BodyDiscarded) return call.Return(LuaValue.Nil, NgxApi.Str("no body"));
            stream.ClaimBody();
            request.BodyRead = true;
            socket = new NgxReqSocket(stream, raw: false) { ContinuePending = ExpectsContinue(ctx.Request) };
            claims.BodyReader = socket;
        }
        var obj = new LuaTable(2, 0);
        obj[1] = new LuaUserdata(socket);
        obj.Metatable = raw ? rawMethods : bodyMethods;
        return call.Return(obj);
    }

    private static bool ExpectsContinue(HttpRequest request) =>
        request.VersionMajor == 1 && request.VersionMinor >= 1
        && request.Header("Expect") is { } expect && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// ngx_lua's error when the data ended: "client aborted" when the client went away before the
    /// body was complete (or from a raw socket with lua_check_client_abort on), else "closed".
    /// </summary>
    public string EndOfDataError(bool checkClientAbort) =>
        (Raw ? checkClientAbort : Stream.BodyLeft > 0) ? "client aborted" : "closed";

    /// <summary>
    /// Reads more into <see cref="Buffer"/>: false at the end of the data. Throws
    /// OperationCanceledException on timeout, IOException/SocketException on a broken connection.
    /// </summary>
    public async ValueTask<bool> FillAsync(int timeoutMs)
    {
        if (Eof) return false;
        var timeout = TimeSpan.FromMilliseconds(timeoutMs);
        if (ContinuePending)
        {
            ContinuePending = false;
            await Stream.WriteRawAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), timeout);
        }
        var piece = new byte[8192];
        int n = Raw ? await Stream.ReadRawAsync(piece, timeout) : await Stream.ReadBodyAsync(piece, timeout);
        if (n <= 0)
        {
            Eof = true;
            return false;
        }
        for (int i = 0; i < n; i++) Buffer.Add(piece[i]);
        return true;
    }
}
