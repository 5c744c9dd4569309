using Tidegate.Web.Http;

namespace Tidegate.Web.Lua;

/// <summary>
/// The Lua handlers of the phases between finding the location and its content: rewrite_by_lua
/// (after the rewrite module's directives, as ngx_lua postpones it, unless
/// rewrite_by_lua_no_postpone), access_by_lua, precontent_by_lua; lua_need_request_body reads
/// the body before the first of them.
/// </summary>
public static class LuaPhaseRunner
{
    public static async ValueTask<LuaOutcome> RunRequestPhasesAsync(RequestContext ctx, RequestPipeline pipeline)
    {
        var s = ctx.Settings;
        if (s.LuaRewrite is null && s.LuaAccess is null && s.LuaPrecontent is null) return LuaOutcome.Continue;
        if (s.LuaNeedRequestBody)
        {
            await ctx.Channel.ReadBodyAsync();
            LuaRequest.Of(ctx).BodyRead = true;
        }
        var location = ctx.Location;
        if (s.LuaRewrite is { } rewrite)
        {
            var outcome = await LuaEntryRunner.RunAsync(ctx, rewrite, LuaPhase.Rewrite, pipeline);
            if (outcome == LuaOutcome.Finished) return outcome;
            if (LuaRequest.Of(ctx).Rematch)
            {
                // ngx.req.set_uri(uri, true): the rewrite phase starts again in the location the new URI matches.
                LuaRequest.Of(ctx).Rematch = false;
                await pipeline.RematchAsync(ctx);
                return LuaOutcome.Finished;
            }
        }
        if (ctx.Settings.LuaAccess is { } access
            && await LuaEntryRunner.RunAsync(ctx, access, LuaPhase.Access, pipeline) == LuaOutcome.Finished) return LuaOutcome.Finished;
        if (ctx.Settings.LuaPrecontent is { } precontent
            && await LuaEntryRunner.RunAsync(ctx, precontent, LuaPhase.Precontent, pipeline) == LuaOutcome.Finished) return LuaOutcome.Finished;
        return LuaOutcome.Continue;
    }
}
