using System.Globalization;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// ngx.header (the response headers to send: read, set, add several, nil removes, underscores
/// as dashes unless lua_transform_underscores_in_response_headers is off) and ngx.resp.get_headers.
/// </summary>
public static class NgxHeaderApi
{
    /// <summary>The metatable of get_headers results: a lookup by any case, underscores for dashes.</summary>
    public static readonly LuaTable NormalizingLookup = CreateNormalizingLookup();

    private static LuaTable CreateNormalizingLookup()
    {
        var meta = new LuaTable();
        meta["__index"] = new HostFunction("__index", call =>
        {
            var table = call.CheckTable(0);
            if (call[1].Ref is not LuaString key) return call.Return(LuaValue.Nil);
            string normal = key.ToLatin1().ToLowerInvariant().Replace('_', '-');
            return call.Return(table.Get(NgxApi.Str(normal)));
        });
        return meta;
    }

    public static LuaTable CreateHeaderProxy()
    {
        var proxy = new LuaTable();
        var meta = new LuaTable();
        meta["__index"] = new HostFunction("__index", call =>
        {
            var request = NgxApi.Request(PhaseMask.AnyRequest);
            if (call[1].Ref is not LuaString key) return call.Return(LuaValue.Nil);
            return call.Return(Get(request, Normalize(request, key.ToLatin1())));
        });
        meta["__newindex"] = new HostFunction("__newindex", call =>
        {
            var worker = NgxApi.Worker;
            var request = NgxApi.Request(PhaseMask.Set | PhaseMask.Yieldable | PhaseMask.HeaderFilter | PhaseMask.BodyFilter | PhaseMask.Log);
            LuaString key = call[1].Ref as LuaString ?? (call[1].IsNumber ? LuaNumber.ToLuaString(call[1].Number)
                : throw new LuaException("bad argument #2 to '__newindex' (string expected, got " + call[1].TypeName + ")"));
            if (request.Context.Channel.HeadersSent || worker.Phase is LuaPhase.BodyFilter or LuaPhase.Log)
            {
                // ngx_lua words it with the literal placeholder "HEADER".
                worker.Log(LogLevel.Error, "attempt to set ngx.header.HEADER after sending out response headers");
                return call.Return();
            }
            Set(request, Normalize(request, key.ToLatin1()), call[2]);
            return call.Return();
        });
        proxy.Metatable = meta;
        return proxy;
    }

    private static string Normalize(LuaRequest request, string name) =>
        request.Context.Settings.LuaTransformUnderscores ? name.Replace('_', '-') : name;

    public static LuaValue Get(LuaRequest request, string name)
    {
        var response = request.Context.Response;
        if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            return response.ContentType is { } type ? NgxApi.Str(type) : LuaValue.Nil;
        if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            return response.ContentLength is long length ? NgxApi.Str(length.ToString(CultureInfo.InvariantCulture)) : LuaValue.Nil;
        if (name.Equals("Location", StringComparison.OrdinalIgnoreCase) && response.Location is { } location)
            return NgxApi.Str(location);
        if (name.Equals("Last-Modified", StringComparison.OrdinalIgnoreCase))
            return response.LastModified is { } modified ? NgxApi.Str(modified.ToString("r", CultureInfo.InvariantCulture)) : LuaValue.Nil;
        LuaTable? many = null;
        LuaValue first = LuaValue.Nil;
        foreach (var h in response.Headers)
        {
            if (!h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            if (first.IsNil) { first = NgxApi.Str(h.Value); continue; }
            // ngx_lua reads at most 100 values of one header.
            if (many is not null && many.Length() >= 100) break;
            if (many is null)
            {
                many = new LuaTable();
                many.Set(1, first);
            }
            many.Set(many.Length() + 1, NgxApi.Str(h.Value));
        }
        return many is not null ? many : first;
    }

    public static void Set(LuaRequest request, string name, LuaValue value)
    {
        var response = request.Context.Response;
        var values = new List<string>();
        if (value.Ref is LuaTable t)
        {
            int n = t.Length();
            for (int i = 1; i <= n; i++) values.Add(NgxReqApi.HeaderText(t.Get(i)));
        }
        else if (!value.IsNil) values.Add(NgxReqApi.HeaderText(value));
        // Control characters would split the header: escaped as %XX, as ngx_lua does.
        for (int i = 0; i < values.Count; i++) values[i] = EscapeControl(values[i]);

        if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            response.ContentType = values.Count > 0 ? values[^1] : null;
            return;
        }
        if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
        {
            if (values.Count == 0) { response.ContentLength = null; response.ContentLengthHeader = null; return; }
            if (!long.TryParse(values[^1], NumberStyles.None, CultureInfo.InvariantCulture, out long length))
                throw new LuaException("invalid content length: " + values[^1]);
            response.ContentLength = length;
            response.ContentLengthHeader = (length, values[^1]);
            return;
        }
        if (name.Equals("Location", StringComparison.OrdinalIgnoreCase)) response.Location = null;
        if (name.Equals("Last-Modified", StringComparison.OrdinalIgnoreCase))
        {
            response.LastModified = values.Count > 0 && DateTimeOffset.TryParse(values[^1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
            return;
        }
        response.Headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
        foreach (var v in values) response.Headers.Add(new(name, v));
    }

    private static string EscapeControl(string value)
    {
        bool clean = true;
        foreach (char c in value) if (c < 0x20 && c != '\t' || c == 0x7f) { clean = false; break; }
        if (clean) return value;
        var sb = new System.Text.StringBuilder(value.Length + 8);
        foreach (char c in value)
            if (c < 0x20 && c != '\t' || c == 0x7f) sb.Append('%').Append(((int)c).ToString("X2"));
            else sb.Append(c);
        return sb.ToString();
    }

    /// <summary>ngx.resp.get_headers(max?, raw?): the response headers so far, names lowercased unless raw.</summary>
    public static int GetResponseHeaders(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.AnyRequest);
        int max = call.Count > 0 && !call[0].IsNil ? (int)call.CheckNumber(0) : 100;
        bool raw = call.Count > 1 && call[1].IsTruthy;
        var response = request.Context.Response;
        var all = new List<KeyValuePair<string, string>>();
        if (response.ContentType is { } type) all.Add(new("Content-Type", type));
        if (response.ContentLength is long length) all.Add(new("Content-Length", length.ToString(CultureInfo.InvariantCulture)));
        if (response.Location is { } location) all.Add(new("Location", location));
        if (response.LastModified is { } modified) all.Add(new("Last-Modified", modified.ToString("r", CultureInfo.InvariantCulture)));
        all.AddRange(response.Headers);
        var result = new LuaTable();
        int count = 0;
        bool truncated = false;
        foreach (var h in all)
        {
            if (max > 0 && count >= max) { truncated = true; break; }
            count++;
            NgxReqApi.AddValue(result, NgxApi.Str(raw ? h.Key : h.Key.ToLowerInvariant()), NgxApi.Str(h.Value));
        }
        if (!raw) result.Metatable = NormalizingLookup;
        return truncated ? call.Return(result, NgxApi.Str("truncated")) : call.Return(result);
    }
}
