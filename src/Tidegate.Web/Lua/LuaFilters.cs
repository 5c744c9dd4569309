using System.Text;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Http;

namespace Tidegate.Web.Lua;

/// <summary>
/// header_filter_by_lua: runs once, before the head is serialized. It runs before the headers
/// module's add_header (checked on nginx: the Lua module's filter sits above it in the chain).
/// An error gives the request a 500 when nothing went out yet, as ngx_lua does.
/// </summary>
public sealed class LuaHeaderFilter : IHeaderFilter
{
    public void Filter(RequestContext ctx)
    {
        if (ctx.Settings.LuaHeaderFilter is not { } spec) return;
        var request = LuaRequest.Of(ctx);
        if (request.HeaderFilterRan) return;
        request.HeaderFilterRan = true;
        // nginx answers nothing after a header filter failure (the request is finalized with an
        // error while the head is half made): the connection is closed.
        if (LuaSyncRunner.Run(ctx, spec, LuaPhase.HeaderFilter) is null) throw new LuaRequestAbortedException();
    }
}

/// <summary>
/// body_filter_by_lua: each piece of the body as ngx.arg[1] and the end as ngx.arg[2]; the code
/// may replace either (ngx.arg[1] = "..." / ngx.arg[2] = true truncates the body there).
/// </summary>
public sealed class LuaBodyFilter : IBodyFilter
{
    public bool AppliesTo(RequestContext ctx) => ctx.Settings.LuaBodyFilter is not null;

    public ReadOnlyMemory<byte> Filter(RequestContext ctx, ReadOnlyMemory<byte> data, ref bool last)
    {
        var request = LuaRequest.Of(ctx);
        if (request.BodyFilterDone) return default;
        var args = new LuaValue[] { LuaString.FromBytes(data.Span), LuaValue.FromBoolean(last) };
        if (LuaSyncRunner.Run(ctx, ctx.Settings.LuaBodyFilter!, LuaPhase.BodyFilter, args) is null)
        {
            // ngx_lua ends the response on a body filter error: what went out stays, the rest is lost.
            request.BodyFilterDone = true;
            throw new LuaRequestAbortedException();
        }
        bool eof = args[1].IsTruthy;
        if (eof && !last)
        {
            last = true;
            request.BodyFilterDone = true;
        }
        return args[0].Ref switch
        {
            LuaString s => s.Span.ToArray(),
            null => default,
            _ => Encoding.Latin1.GetBytes(LuaErrors.Message(args[0])),
        };
    }
}
