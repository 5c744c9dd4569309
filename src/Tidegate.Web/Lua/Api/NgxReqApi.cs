using System.Globalization;
using System.Text;
using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>ngx.req.*: the request line, headers, URI arguments and body as handlers see and change them.</summary>
public static class NgxReqApi
{
    private static readonly (string Name, int Code)[] methods =
    {
        ("GET", 2), ("HEAD", 4), ("POST", 8), ("PUT", 16), ("DELETE", 32), ("MKCOL", 64), ("COPY", 128), ("MOVE", 256),
        ("OPTIONS", 512), ("PROPFIND", 1024), ("PROPPATCH", 2048), ("LOCK", 4096), ("UNLOCK", 8192), ("PATCH", 16384), ("TRACE", 32768),
    };

    public static void RegisterMethodConstants(LuaTable ngx)
    {
        foreach (var (name, code) in methods) ngx["HTTP_" + name] = code;
    }

    /// <summary>The method an ngx.HTTP_* method constant stands for, or null.</summary>
    public static string? MethodName(int code)
    {
        foreach (var (name, c) in methods) if (c == code) return name;
        return null;
    }

    public static LuaTable Create()
    {
        var req = new LuaTable();
        NgxApi.Set(req, "get_method", call => call.Return(NgxApi.Str(NgxApi.Request(PhaseMask.AnyRequest).Context.Request.Method)));
        NgxApi.Set(req, "set_method", SetMethod);
        NgxApi.Set(req, "http_version", HttpVersion);
        NgxApi.Set(req, "raw_header", RawHeader);
        NgxApi.Set(req, "start_time", call =>
            call.Return(NgxApi.Request(PhaseMask.AnyRequest).Context.StartTime.ToUnixTimeMilliseconds() / 1000.0));
        NgxApi.Set(req, "is_internal", call => call.Return(NgxApi.Request(PhaseMask.AnyRequest).Context.IsInternal));
        NgxApi.Set(req, "get_headers", GetHeaders);
        NgxApi.Set(req, "set_header", SetHeader);
        NgxApi.Set(req, "clear_header", call =>
        {
            var request = NgxApi.Request(PhaseMask.Set | PhaseMask.Yieldable);
            ReplaceHeader(request, call.CheckString(0).ToLatin1(), LuaValue.Nil);
            return call.Return();
        });
        NgxApi.Set(req, "get_uri_args", GetUriArgs);
        NgxApi.Set(req, "set_uri_args", SetUriArgs);
        NgxApi.Set(req, "set_uri", SetUri);
        NgxApi.Set(req, "get_post_args", GetPostArgs);
        NgxApi.Set(req, "read_body", ReadBody);
        NgxApi.Set(req, "discard_body", DiscardBody);
        NgxApi.Set(req, "get_body_data", GetBodyData);
        NgxApi.Set(req, "get_body_file", call =>
        {
            NgxApi.Request(PhaseMask.Yieldable | PhaseMask.Log);
            // tidegate keeps request bodies in memory, so there is never a body file.
            return call.Return(LuaValue.Nil);
        });
        NgxApi.Set(req, "set_body_data", SetBodyData);
        NgxApi.Set(req, "set_body_file", call => throw new LuaException("ngx.req.set_body_file is not supported by tidegate yet"));
        NgxApi.Set(req, "init_body", InitBody);
        NgxApi.Set(req, "append_body", AppendBody);
        NgxApi.Set(req, "finish_body", FinishBody);
        Sockets.NgxReqSocket.Register(req);
        return req;
    }

    private static int SetMethod(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Set | PhaseMask.Yieldable);
        int code = (int)call.CheckNumber(0);
        foreach (var (name, c) in methods)
        {
            if (c != code) continue;
            request.Context.Request.Method = name;
            return call.Return();
        }
        throw new LuaException("unsupported HTTP method: " + code);
    }

    private static int HttpVersion(LuaCall call)
    {
        var r = NgxApi.Request(PhaseMask.AnyRequest).Context.Request;
        if (r.IsHttp09) return call.Return(0.9);
        return call.Return(r.VersionMajor + r.VersionMinor / 10.0);
    }

    private static int RawHeader(LuaCall call)
    {
        var ctx = NgxApi.Request(PhaseMask.AnyRequest).Context;
        bool noRequestLine = call.Count > 0 && call[0].IsTruthy;
        var sb = new StringBuilder();
        if (!noRequestLine) sb.Append(ctx.Request.RequestLine).Append("\r\n");
        foreach (var h in ctx.Request.Headers) sb.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
        sb.Append("\r\n");
        return call.Return(NgxApi.Str(sb.ToString()));
    }

    private static int GetHeaders(LuaCall call)
    {
        var ctx = NgxApi.Request(PhaseMask.AnyRequest).Context;
        int max = call.Count > 0 && !call[0].IsNil ? (int)call.CheckNumber(0) : 100;
        bool raw = call.Count > 1 && call[1].IsTruthy;
        var headers = ctx.Request.Headers;
        // Sized for the headers it will hold, as lua-nginx-module's lua_createtable(L, 0, count).
        var result = new LuaTable(0, max > 0 ? Math.Min(headers.Count, max) : headers.Count);
        int count = 0;
        bool truncated = false;
        foreach (var h in headers)
        {
            if (max > 0 && count >= max) { truncated = true; break; }
            count++;
            AddValue(result, raw ? HeaderLuaStrings.AsSent(h.Key) : HeaderLuaStrings.LowerCased(h.Key), HeaderLuaStrings.AsSent(h.Value));
        }
        if (!raw) result.Metatable = NgxHeaderApi.NormalizingLookup;
        return truncated ? call.Return(result, NgxApi.Str("truncated")) : call.Return(result);
    }

    /// <summary>A second value for a key becomes an array of values, in order.</summary>
    public static void AddValue(LuaTable table, LuaString key, LuaValue value)
    {
        var existing = table.Get(key);
        if (existing.IsNil) table[key] = value;
        else if (existing.Ref is LuaTable list) list.Set(list.Length() + 1, value);
        else
        {
            var values = new LuaTable();
            values.Set(1, existing);
            values.Set(2, value);
            table[key] = values;
        }
    }

    private static int SetHeader(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Set | PhaseMask.Yieldable);
        if (call.Count is < 1 or > 2) throw new LuaException("expecting two arguments, but got " + call.Count);
        string name = call[0].Ref is LuaString s ? s.ToLatin1() : call[0].IsNumber ? LuaErrors.Message(call[0])
            : throw call.TypeError(0, "string");
        ReplaceHeader(request, name, call[1]);
        return call.Return();
    }

    /// <summary>Replaces every header <paramref name="name"/> (underscores read as dashes) with the value(s); nil removes.</summary>
    private static void ReplaceHeader(LuaRequest request, string name, LuaValue value)
    {
        var r = request.Context.Request;
        // Request header names are taken as written (no underscore transformation).
        var values = new List<string>();
        if (value.Ref is LuaTable t)
        {
            int n = t.Length();
            for (int i = 1; i <= n; i++) values.Add(HeaderText(t.Get(i)));
        }
        else if (!value.IsNil) values.Add(HeaderText(value));
        int at = r.Headers.FindIndex(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
        r.Headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (at < 0 || at > r.Headers.Count) at = r.Headers.Count;
        r.Headers.InsertRange(at, values.Select(v => new KeyValuePair<string, string>(name, v)));
        if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) r.Host = values.Count > 0 ? values[0].ToLowerInvariant() : null;
    }

    public static string HeaderText(LuaValue v) => v.Ref switch
    {
        LuaString s => s.ToLatin1(),
        _ when v.IsNumber => LuaNumber.ToLuaString(v.Number).ToLatin1(),
        _ when v.IsBoolean => v.AsBoolean ? "true" : "false",
        // Other values are written as tostring gives them, as lua-resty-core does.
        _ => LuaOps.RawToString(v).ToLatin1(),
    };

    private static int GetUriArgs(LuaCall call)
    {
        var ctx = NgxApi.Request(PhaseMask.AnyRequest).Context;
        int max = call.Count > 0 && !call[0].IsNil ? (int)call.CheckNumber(0) : 100;
        var args = Encoding.Latin1.GetBytes(ctx.Request.Args ?? "");
        var table = NgxReqArgs.Decode(args, max, out bool truncated);
        return truncated ? call.Return(table, NgxApi.Str("truncated")) : call.Return(table);
    }

    private static int SetUriArgs(LuaCall call)
    {
        var ctx = NgxApi.Request(PhaseMask.Set | PhaseMask.Yieldable | PhaseMask.HeaderFilter | PhaseMask.BodyFilter | PhaseMask.Log).Context;
        var a = call.CheckAny(0);
        ctx.Request.Args = a.Ref switch
        {
            LuaString s => s.ToLatin1(),
            LuaTable t => NgxReqArgs.Encode(call, t),
            _ when a.IsNumber => LuaErrors.Message(a),
            _ => throw new LuaException("bad argument #1 to 'set_uri_args' (string, number, or table expected, but got " + a.TypeName + ")"),
        };
        return call.Return();
    }

    private static int SetUri(LuaCall call)
    {
        var worker = NgxApi.Worker;
        var request = NgxApi.Request(PhaseMask.Set | PhaseMask.Yieldable | PhaseMask.HeaderFilter | PhaseMask.BodyFilter);
        if (call.Count is < 1 or > 2) throw new LuaException("expecting 1 argument but seen " + call.Count);
        var uri = call.CheckString(0);
        if (uri.Length == 0) throw call.ArgError(0, "uri empty");
        bool jump = call.Count > 1 && call[1].IsTruthy;
        request.Context.Request.Path = uri.ToLatin1();
        if (!jump) return call.Return();
        if (worker.Phase is not (LuaPhase.Rewrite or LuaPhase.ServerRewrite))
            throw new LuaException("API disabled in the context of " + LuaPhases.Directive(worker.Phase));
        request.ExitKind = LuaExitKind.Jump;
        if (call.Thread != request.EntryThread || !call.Thread.IsYieldable)
            throw new LuaException("tidegate does not support ngx.req.set_uri(uri, true) inside user coroutines yet");
        return call.Thread.Suspend(call);
    }

    private static int GetPostArgs(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable | PhaseMask.HeaderFilter | PhaseMask.BodyFilter | PhaseMask.Log);
        int max = call.Count > 0 && !call[0].IsNil ? (int)call.CheckNumber(0) : 100;
        if (!request.BodyRead && request.BodyOverride is null) throw new LuaException("request body not read yet");
        var body = Body(request);
        if (body is null) return call.Return(new LuaTable());
        var table = NgxReqArgs.Decode(body, max, out bool truncated);
        return truncated ? call.Return(table, NgxApi.Str("truncated")) : call.Return(table);
    }

    private static byte[]? Body(LuaRequest request) => request.BodyOverride ?? request.Context.RequestBody;

    private static int ReadBody(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable);
        if (request.BodyRead || request.Context.Channel.BodyRead)
        {
            request.BodyRead = true;
            return call.Return();
        }
        return NgxApi.Park(call, request, async () =>
        {
            bool ok = await request.Context.Channel.ReadBodyAsync();
            request.BodyRead = true;
            // A malformed body or a client gone away ends the request as nginx's body reader does.
            if (!ok)
            {
                request.ExitKind = LuaExitKind.Exit;
                request.ExitStatus = request.Context.BodyTooLarge ? 413 : 400;
            }
            return Array.Empty<LuaValue>();
        });
    }

    private static int DiscardBody(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable);
        request.BodyDiscarded = true;
        return call.Return();
    }

    private static int GetBodyData(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable | PhaseMask.HeaderFilter | PhaseMask.BodyFilter | PhaseMask.Log);
        if (!request.BodyRead && request.BodyOverride is null) return call.Return(LuaValue.Nil);
        var body = Body(request);
        return body is null || body.Length == 0 && request.BodyOverride is null ? call.Return(LuaValue.Nil) : call.Return(LuaString.FromBytes(body));
    }

    private static int SetBodyData(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable);
        if (!request.BodyRead && !request.Context.Channel.BodyRead) throw new LuaException("request body not read yet");
        var data = call.CheckString(0).Span.ToArray();
        request.BodyOverride = data;
        request.Context.RequestBody = data;
        SetContentLength(request, data.Length);
        return call.Return();
    }

    private static void SetContentLength(LuaRequest request, long length)
    {
        var r = request.Context.Request;
        r.Headers.RemoveAll(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase));
        int at = r.Headers.FindIndex(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase));
        var header = new KeyValuePair<string, string>("Content-Length", length.ToString(CultureInfo.InvariantCulture));
        if (at >= 0) r.Headers[at] = header;
        else r.Headers.Add(header);
        r.ContentLength = length;
    }

    private static int InitBody(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable);
        if (!request.BodyRead && !request.Context.Channel.BodyRead) throw new LuaException("request body not read yet");
        request.BodyBuilder = new MemoryStream();
        return call.Return();
    }

    private static int AppendBody(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable);
        var data = call.CheckString(0);
        if (request.BodyBuilder is null) throw new LuaException("request body not initialized by ngx.req.init_body()");
        request.BodyBuilder.Write(data.Span);
        return call.Return();
    }

    private static int FinishBody(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable);
        if (request.BodyBuilder is null) throw new LuaException("request body not initialized by ngx.req.init_body()");
        var data = request.BodyBuilder.ToArray();
        request.BodyBuilder = null;
        request.BodyOverride = data;
        request.Context.RequestBody = data;
        SetContentLength(request, data.Length);
        return call.Return();
    }
}
