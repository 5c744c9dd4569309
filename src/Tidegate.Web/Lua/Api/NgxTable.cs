using Tidegate.Lua.Runtime;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// The <c>ngx</c> table of one worker state: constants, the API functions, and the dynamic fields
/// (ngx.status, ngx.ctx, ngx.headers_sent, ngx.arg) read and written through its metatable.
/// ngx.re, the codec and the time functions are registered by their own helpers (NgxRegex,
/// NgxCodec, NgxTime); tables not built yet raise a "not built yet" error naming themselves.
/// </summary>
public static class NgxTable
{
    /// <summary>ngx.null: a userdata standing for NULL (type "userdata", tostring "userdata: NULL").</summary>
    public static readonly LuaUserdata Null = CreateNull();

    private static LuaUserdata CreateNull()
    {
        var meta = new LuaTable();
        meta["__tostring"] = new HostFunction("__tostring", call => call.Return(LuaString.FromLatin1("userdata: NULL")));
        return new LuaUserdata(null, meta);
    }

    public static bool IsNull(LuaValue v) => ReferenceEquals(v.Ref, Null);

    private static readonly (string Name, int Code)[] statuses =
    {
        ("CONTINUE", 100), ("SWITCHING_PROTOCOLS", 101), ("OK", 200), ("CREATED", 201), ("ACCEPTED", 202),
        ("NO_CONTENT", 204), ("PARTIAL_CONTENT", 206), ("SPECIAL_RESPONSE", 300), ("MOVED_PERMANENTLY", 301),
        ("MOVED_TEMPORARILY", 302), ("SEE_OTHER", 303), ("NOT_MODIFIED", 304), ("TEMPORARY_REDIRECT", 307),
        ("PERMANENT_REDIRECT", 308), ("BAD_REQUEST", 400), ("UNAUTHORIZED", 401), ("PAYMENT_REQUIRED", 402),
        ("FORBIDDEN", 403), ("NOT_FOUND", 404), ("NOT_ALLOWED", 405), ("NOT_ACCEPTABLE", 406), ("REQUEST_TIMEOUT", 408),
        ("CONFLICT", 409), ("GONE", 410), ("UPGRADE_REQUIRED", 426), ("TOO_MANY_REQUESTS", 429), ("CLOSE", 444),
        ("ILLEGAL", 451), ("INTERNAL_SERVER_ERROR", 500), ("METHOD_NOT_IMPLEMENTED", 501), ("BAD_GATEWAY", 502),
        ("SERVICE_UNAVAILABLE", 503), ("GATEWAY_TIMEOUT", 504), ("VERSION_NOT_SUPPORTED", 505), ("INSUFFICIENT_STORAGE", 507),
    };

    private static readonly string[] notBuiltTables = { "shared" };

    public static LuaTable Create(LuaWorker worker)
    {
        var ngx = new LuaTable();
        ngx["OK"] = 0;
        ngx["ERROR"] = -1;
        ngx["AGAIN"] = -2;
        ngx["DONE"] = -4;
        ngx["DECLINED"] = -5;
        foreach (var (name, code) in statuses) ngx["HTTP_" + name] = code;
        NgxReqApi.RegisterMethodConstants(ngx);
        ngx["null"] = Null;

        foreach (var name in notBuiltTables) ngx[name] = NotBuiltModule("ngx." + name);

        NgxOutputApi.Register(ngx);
        NgxControlApi.Register(ngx);
        NgxLogApi.Register(ngx, worker.State.Globals);
        NgxCodec.Register(ngx);
        NgxTime.Register(ngx, worker.Clock);
        NgxRegex.Register(ngx, worker.Regex);
        ngx["socket"] = Sockets.NgxSocketApi.Create(worker.State);
        ngx["req"] = NgxReqApi.Create();
        ngx["header"] = NgxHeaderApi.CreateHeaderProxy();
        ngx["var"] = NgxVarApi.CreateProxy();
        var resp = new LuaTable();
        NgxApi.Set(resp, "get_headers", NgxHeaderApi.GetResponseHeaders);
        ngx["resp"] = resp;
        ngx["config"] = Config(worker);
        ngx["worker"] = Worker(worker);
        ngx["timer"] = Timers.NgxTimerApi.Create();
        ngx["thread"] = Threads.NgxThreadApi.Create();
        ngx["location"] = Subrequests.NgxLocationApi.Create();
        Threads.NgxCoroutineApi.Install(worker.State);
        ngx.Metatable = DynamicFields();
        return ngx;
    }

    /// <summary>A table whose every field raises "X.name is not built in tidegate yet".</summary>
    public static LuaTable NotBuiltModule(string name)
    {
        var module = new LuaTable();
        var meta = new LuaTable();
        meta["__index"] = new HostFunction("__index", call =>
        {
            string field = call[1].Ref is LuaString s ? s.ToLatin1() : LuaErrors.Message(call[1]);
            throw new LuaException($"{name}.{field} is not built in tidegate yet");
        });
        module.Metatable = meta;
        return module;
    }

    private static LuaTable Config(LuaWorker worker)
    {
        var config = new LuaTable();
        config["subsystem"] = NgxApi.Str("http");
        config["debug"] = false;
        config["nginx_version"] = 1022001;
        config["ngx_lua_version"] = 10023;
        NgxApi.Set(config, "prefix", call => call.Return(NgxApi.Str(worker.Config.Prefix)));
        // tidegate is not built by nginx's configure script: there are no configure arguments.
        NgxApi.Set(config, "nginx_configure", call => call.Return(LuaString.Empty));
        return config;
    }

    private static LuaTable Worker(LuaWorker worker)
    {
        var table = new LuaTable();
        NgxApi.Set(table, "pid", call => call.Return(Environment.ProcessId));
        NgxApi.Set(table, "id", call => call.Return(worker.Id));
        NgxApi.Set(table, "count", call => call.Return(worker.Config.WorkerProcesses));
        NgxApi.Set(table, "exiting", call => call.Return(worker.Exiting));
        return table;
    }

    private static LuaTable DynamicFields()
    {
        var meta = new LuaTable();
        meta["__index"] = new HostFunction("__index", call =>
        {
            if (call[1].Ref is not LuaString key) return call.Return(LuaValue.Nil);
            switch (key.ToLatin1())
            {
                case "status": return call.Return(GetStatus());
                case "ctx": return call.Return(GetCtx());
                case "headers_sent":
                    return call.Return(NgxApi.Request(PhaseMask.AnyRequest).Context.Channel.HeadersSent);
                case "arg": return call.Return(GetArg());
                case "is_subrequest":
                    return call.Return(NgxApi.Request(PhaseMask.AnyRequest).Context.IsSubrequest);
            }
            return call.Return(LuaValue.Nil);
        });
        meta["__newindex"] = new HostFunction("__newindex", call =>
        {
            var table = call.CheckTable(0);
            string? key = call[1].Ref is LuaString s ? s.ToLatin1() : null;
            switch (key)
            {
                case "status": SetStatus(call, call[2]); return call.Return();
                case "ctx":
                    var request = NgxApi.Request(PhaseMask.AnyRequest);
                    request.Ctx = call[2].AsTable ?? throw new LuaException("ctx should be a table while getting a " + call[2].TypeName);
                    return call.Return();
            }
            table.Set(call[1], call[2]);
            return call.Return();
        });
        return meta;
    }

    private static LuaValue GetStatus()
    {
        var worker = NgxApi.Worker;
        var request = NgxApi.Request(PhaseMask.AnyRequest);
        var ctx = request.Context;
        // Before a status is chosen nginx's r->headers_out.status is 0.
        if (!ctx.Channel.HeadersSent && !request.StatusSet && !ctx.Response.IsErrorPage && worker.Phase is LuaPhase.Set or LuaPhase.ServerRewrite
            or LuaPhase.Rewrite or LuaPhase.Access or LuaPhase.Precontent or LuaPhase.Content)
            return 0;
        return ctx.Response.Status;
    }

    private static void SetStatus(in LuaCall call, LuaValue value)
    {
        var worker = NgxApi.Worker;
        var request = NgxApi.Request(PhaseMask.Set | PhaseMask.Yieldable | PhaseMask.HeaderFilter | PhaseMask.BodyFilter | PhaseMask.Log);
        if (worker.Phase is LuaPhase.BodyFilter or LuaPhase.Log)
            throw new LuaException("API disabled in the context of " + LuaPhases.Directive(worker.Phase));
        if (request.Context.Channel.HeadersSent)
        {
            worker.Log(LogLevel.Error, "attempt to set ngx.status after sending out response headers");
            return;
        }
        double number;
        if (value.IsNumber) number = value.Number;
        else if (value.Ref is LuaString s && LuaNumber.TryParse(s.Span, out double parsed)) number = parsed;
        else throw new LuaException("bad argument #2 to '__newindex' (number expected, got " + value.TypeName + ")");
        int status = (int)number;
        if (status < 100 || status > 999) throw new LuaException("invalid HTTP status code " + status);
        request.StatusSet = true;
        request.Context.Response.Status = status;
    }

    private static LuaValue GetCtx()
    {
        var request = NgxApi.Request(PhaseMask.AnyRequest);
        return request.Ctx ??= new LuaTable();
    }

    private static LuaValue GetArg()
    {
        var worker = NgxApi.Worker;
        var request = NgxApi.Request(PhaseMask.Set | PhaseMask.BodyFilter);
        var args = request.Args ?? Array.Empty<LuaValue>();
        // In both phases ngx.arg is a proxy, as ngx_lua's (so #ngx.arg is 0).
        var proxy = new LuaTable();
        var meta = new LuaTable();
        meta["__index"] = new HostFunction("__index", call =>
        {
            int index = call[1].IsNumber ? (int)call[1].Number : 0;
            var current = request.Args;
            return call.Return(current is not null && index >= 1 && index <= current.Length ? current[index - 1] : LuaValue.Nil);
        });
        meta["__newindex"] = new HostFunction("__newindex", call =>
        {
            int index = call[1].IsNumber ? (int)call[1].Number : 0;
            var current = request.Args;
            if (current is null || index is < 1 or > 2) throw new LuaException("bad index: " + LuaErrors.Message(call[1]));
            var v = call[2];
            if (index == 1 && !(v.IsNil || v.IsString || v.IsNumber || v.IsTable || v.IsBoolean))
                throw new LuaException("bad argument #3 to '__newindex' (string, number, boolean, nil, or array table expected, got " + v.TypeName + ")");
            current[index - 1] = v;
            return call.Return();
        });
        meta["__len"] = new HostFunction("__len", call => call.Return(request.Args?.Length ?? 0));
        proxy.Metatable = meta;
        return proxy;
    }
}
