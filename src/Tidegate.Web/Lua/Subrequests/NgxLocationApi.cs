using Tidegate.Lua.Runtime;
using Tidegate.Web.Hosting;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;
using Tidegate.Web.Lua.Api;
using Tidegate.Web.Subrequests;

namespace Tidegate.Web.Lua.Subrequests;

/// <summary>
/// ngx.location.capture and ngx.location.capture_multi (ngx_lua 0.10.23): every subrequest is made
/// at once (arguments checked in ngx_lua's order), then they run concurrently through the
/// pipeline while the calling coroutine is parked; it resumes with one result table per
/// subrequest, in order, once all have ended.
/// </summary>
public static class NgxLocationApi
{
    private const PhaseMask Allowed = PhaseMask.Rewrite | PhaseMask.Access | PhaseMask.Content;

    public static LuaTable Create()
    {
        var location = new LuaTable();
        NgxApi.Set(location, "capture", Capture);
        NgxApi.Set(location, "capture_multi", CaptureMulti);
        return location;
    }

    /// <summary>capture(uri, options?) is capture_multi({{uri, options?}}) returning the one result.</summary>
    private static int Capture(LuaCall call)
    {
        if (call.Count is not (1 or 2)) throw NgxArgs.CError(call.Thread, "expecting one or two arguments");
        var query = new LuaTable();
        query.Set(1, call[0]);
        if (call.Count == 2) query.Set(2, call[1]);
        var list = new LuaTable();
        list.Set(1, query);
        // ngx_lua builds {uri, options} with lua_rawseti: its length is LuaJIT's border of that array.
        int length = !call[1].IsNil && call.Count == 2 ? 2 : call[0].IsNil ? 0 : 1;
        return Run(call, list, 1, length);
    }

    private static int CaptureMulti(LuaCall call)
    {
        if (call.Count != 1) throw NgxArgs.CError(call.Thread, $"only one argument is expected, but got {call.Count}");
        var list = call.CheckTable(0);
        return Run(call, list, list.Length(), null);
    }

    private static int Run(in LuaCall call, LuaTable list, int count, int? singleLength)
    {
        if (count == 0) throw NgxArgs.CError(call.Thread, "at least one subrequest should be specified");
        var request = NgxApi.Request(Allowed);
        var worker = NgxApi.Worker;
        var parent = request.Context;
        var pipeline = worker.Runtime.Pipeline;
        var children = new List<(RequestContext Child, CaptureSpec Spec)>(count);
        for (int i = 0; i < count; i++)
        {
            var spec = CaptureSpec.Read(call, list, i, singleLength);
            children.Add((MakeChild(call.Thread, worker, parent, pipeline, spec), spec));
        }
        return NgxApi.Park(call, request, async () =>
        {
            var runs = new Task[children.Count];
            for (int i = 0; i < children.Count; i++) runs[i] = Subrequest.RunCreatedAsync(children[i].Child, pipeline).AsTask();
            await Task.WhenAll(runs);
            var results = new LuaValue[children.Count];
            for (int i = 0; i < children.Count; i++)
            {
                results[i] = CaptureResult.Build(children[i].Child);
            }
            return results;
        });
    }

    /// <summary>ngx_http_lua_subrequest then ngx_http_lua_adjust_subrequest: the child with its method, body and variables.</summary>
    private static RequestContext MakeChild(LuaThread thread, LuaWorker worker, RequestContext parent, RequestPipeline pipeline, CaptureSpec spec)
    {
        if (parent.SubrequestsLeft <= 0)
        {
            worker.Log(LogLevel.Error, $"lua subrequests cycle while processing \"{spec.Uri}\"");
            throw NgxArgs.CError(thread, "failed to issue subrequest: -1");
        }
        string? method = NgxReqApi.MethodName(spec.MethodCode);
        if (method is null)
        {
            worker.Log(LogLevel.Error, $"unsupported HTTP method: {(ulong)(long)spec.MethodCode}");
            throw NgxArgs.CError(thread, "failed to adjust the subrequest: -1");
        }
        var child = Subrequest.Create(parent, pipeline, new SubrequestOptions
        {
            Uri = spec.Uri,
            Args = spec.Args,
            Method = method,
            Body = spec.Body,
            Capture = true,
            CopyAllVariables = spec.CopyAllVariables,
            ShareAllVariables = spec.ShareAllVariables,
            LuaCapture = true,
        }) ?? throw NgxArgs.CError(thread, "failed to issue subrequest: -1");

        var request = child.Request;
        if (spec.Body is { } body) SetContentLength(request, body.Length);
        else if (!spec.AlwaysForwardBody && method is not ("PUT" or "POST") && parent.Request.ContentLength > 0)
        {
            // Only POST and PUT subrequests inherit the parent's body unless always_forward_body says so.
            SetContentLength(request, null);
            child.RequestBody = null;
        }

        if (spec.Variables is { } vars)
            foreach (var (rawName, value) in vars) SetVariable(thread, worker, child, rawName.ToLowerInvariant(), value);
        if (spec.Ctx is { } table) LuaRequest.Of(child).Ctx = table;
        return child;
    }

    private static void SetContentLength(HttpRequest request, long? length)
    {
        request.Headers.RemoveAll(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase));
        request.ContentLength = length;
        if (length is long n) request.Headers.Add(new("Content-Length", n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static readonly string[] prefixVariables = { "http_", "sent_http_", "cookie_", "arg_", "upstream_http_", "sent_trailer_" };

    /// <summary>The "vars" option: variables made by <c>set</c> (and $args) take the value; other known ones are not changeable.</summary>
    private static void SetVariable(LuaThread thread, LuaWorker worker, RequestContext child, string name, string value)
    {
        if (worker.Config.Lua.DeclaredVariables?.Contains(name) ?? false)
        {
            child.UserVariables[name] = value;
            return;
        }
        switch (name)
        {
            case "args": case "query_string": child.Request.Args = value; return;
            case "limit_rate": return;
        }
        bool prefixed = Array.Exists(prefixVariables, p => name.StartsWith(p, StringComparison.Ordinal))
            && name is not ("http_host" or "http_user_agent" or "http_referer");
        if (VariableNames.IsKnown(name) && !prefixed)
        {
            worker.Log(LogLevel.Error, $"variable \"{name}\" not changeable");
            throw NgxArgs.CError(thread, "failed to adjust the subrequest: 500");
        }
        worker.Log(LogLevel.Error, $"variable \"{name}\" cannot be assigned a value (maybe you forgot to define it first?) ");
        throw NgxArgs.CError(thread, "failed to adjust the subrequest: -1");
    }
}
