using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// <c>require "resty.core"</c> and its sub-modules, as package.preload entries: in OpenResty they
/// install FFI versions of the ngx API, which tidegate provides natively, so they load as
/// harmless modules and Debian's resty/core files are never run. The <c>ngx.*</c> modules of
/// lua-resty-core get native tables: what is built answers, the rest raises a clear error.
/// </summary>
public static class RestyCoreModules
{
    private static readonly string[] coreModules =
    {
        "resty.core", "resty.core.base", "resty.core.base64", "resty.core.coroutine", "resty.core.ctx", "resty.core.exit",
        "resty.core.hash", "resty.core.misc", "resty.core.ndk", "resty.core.phase", "resty.core.regex", "resty.core.request",
        "resty.core.response", "resty.core.shdict", "resty.core.socket", "resty.core.time", "resty.core.uri",
        "resty.core.utils", "resty.core.var", "resty.core.worker", "resty.core.param",
    };

    private static readonly string[] ngxModules =
    {
        "ngx.re", "ngx.req", "ngx.process", "ngx.resp", "ngx.base64", "ngx.errlog", "ngx.semaphore", "ngx.balancer", "ngx.ssl",
        "ngx.ocsp", "ngx.pipe", "ngx.ssl.session", "ngx.ssl.clienthello",
    };

    public static void Register(LuaState state, LuaTable ngx, RegexSettings regex)
    {
        if (state.Globals["package"].AsTable?.Get(NgxApi.Str("preload")).AsTable is not { } preload) return;
        foreach (var name in coreModules)
        {
            var module = name == "resty.core.base" ? Base(state) : new LuaTable();
            if (name == "resty.core") module["version"] = 10023;
            preload[name] = new HostFunction("loader", call => call.Return(module));
        }
        foreach (var name in ngxModules)
        {
            var module = name switch
            {
                "ngx.resp" => Resp(ngx),
                "ngx.process" => NgxProcess.Open(),
                "ngx.re" => NgxRegex.OpenModule(regex),
                "ngx.base64" => NgxCodec.OpenBase64Module(),
                "ngx.balancer" => Balancer.NgxBalancerModule.Open(),
                "ngx.semaphore" => Semaphore.NgxSemaphoreModule.Open(),
                "ngx.errlog" => NgxErrlog.Open(),
                _ => NgxTable.NotBuiltModule(name),
            };
            preload[name] = new HostFunction("loader", call => call.Return(module));
        }
    }

    /// <summary>resty.core.base: the constants and table helpers libraries take from it.</summary>
    private static LuaTable Base(LuaState state)
    {
        var b = new LuaTable();
        b["FFI_OK"] = 0;
        b["FFI_ERROR"] = -1;
        b["FFI_AGAIN"] = -2;
        b["FFI_BUSY"] = -3;
        b["FFI_DONE"] = -4;
        b["FFI_DECLINED"] = -5;
        b["FFI_NO_REQ_CTX"] = -100;
        b["FFI_BAD_CONTEXT"] = -101;
        b["version"] = 10023;
        var helpers = state.DoString("local ok1, n = pcall(require, 'table.new') local ok2, c = pcall(require, 'table.clear') return ok1 and n or nil, ok2 and c or nil", "=resty.core.base");
        if (helpers.Length > 0) b["new_tab"] = helpers[0];
        if (helpers.Length > 1) b["clear_tab"] = helpers[1];
        return b;
    }

    /// <summary>ngx.resp: get_headers as ngx.resp's, add_header appending a response header.</summary>
    private static LuaTable Resp(LuaTable ngx)
    {
        var module = new LuaTable();
        module["get_headers"] = ngx["resp"].AsTable?.Get(NgxApi.Str("get_headers")) ?? LuaValue.Nil;
        NgxApi.Set(module, "add_header", call =>
        {
            var request = NgxApi.Request(PhaseMask.Set | PhaseMask.Yieldable | PhaseMask.HeaderFilter);
            string name = call.CheckString(0).ToLatin1();
            if (request.Context.Channel.HeadersSent)
                throw new LuaException("attempt to set ngx.header." + name + " after sending out response headers");
            var existing = NgxHeaderApi.Get(request, name);
            var values = new LuaTable();
            if (existing.Ref is LuaTable list) for (int i = 1; i <= list.Length(); i++) values.Set(values.Length() + 1, list.Get(i));
            else if (!existing.IsNil) values.Set(1, existing);
            if (call[1].Ref is LuaTable added) for (int i = 1; i <= added.Length(); i++) values.Set(values.Length() + 1, added.Get(i));
            else values.Set(values.Length() + 1, call[1]);
            NgxHeaderApi.Set(request, name, values);
            return call.Return();
        });
        return module;
    }
}
