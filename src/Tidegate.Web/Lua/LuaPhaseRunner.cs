using System.Runtime.CompilerServices;
using Tidegate.Web.Http;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Lua;

/// <summary>
/// The Lua handlers of the phases between finding the location and its content: rewrite_by_lua
/// (after the rewrite module's directives, as ngx_lua postpones it, unless
/// rewrite_by_lua_no_postpone), access_by_lua, precontent_by_lua; lua_need_request_body reads
/// the body before the first of them.
/// </summary>
public static class LuaPhaseRunner
{
    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
    public static async ValueTask<LuaOutcome> RunRequestPhasesAsync(RequestContext ctx, RequestPipeline pipeline)
    {
        var s = ctx.Settings;
        if (s.LuaRewrite is null && s.LuaAccess is null && s.LuaPrecontent is null) return LuaOutcome.Continue;
        if (s.LuaNeedRequestBody)
        {
            bool bodyOk = await ctx.Channel.ReadBodyAsync();
            LuaRequest.Of(ctx).BodyRead = true;
            // A chunked body past client_max_body_size ends the request as nginx's body reader does.
            if (!bodyOk && ctx.BodyTooLarge)
            {
                await pipeline.SpecialAsync(ctx, 413);
                return LuaOutcome.Finished;
            }
        }
        if (s.LuaRewrite is { } rewrite && !LuaWorker.Current!.Config.Lua.RewriteNoPostpone
            && await RunRewriteAsync(ctx, rewrite, pipeline) == LuaOutcome.Finished)
            return LuaOutcome.Finished;
        // nginx's access phase skips subrequests (ngx_http_core_access_phase runs it for the main request only).
        if (ctx.Settings.LuaAccess is { } access && !ctx.IsSubrequest
            && await LuaEntryRunner.RunAsync(ctx, access, LuaPhase.Access, pipeline) == LuaOutcome.Finished) return LuaOutcome.Finished;
        if (ctx.Settings.LuaPrecontent is { } precontent
            && await LuaEntryRunner.RunAsync(ctx, precontent, LuaPhase.Precontent, pipeline) == LuaOutcome.Finished) return LuaOutcome.Finished;
        return LuaOutcome.Continue;
    }

    /// <summary>rewrite_by_lua_no_postpone on: the handler runs before the location's rewrite-module directives.</summary>
    public static ValueTask<LuaOutcome> RunUnpostponedRewriteAsync(RequestContext ctx, RequestPipeline pipeline)
    {
        if (ctx.Settings.LuaRewrite is not { } rewrite || LuaWorker.Current is not { } worker || !worker.Config.Lua.RewriteNoPostpone)
            return ValueTask.FromResult(LuaOutcome.Continue);
        return RunRewriteAsync(ctx, rewrite, pipeline);
    }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
    private static async ValueTask<LuaOutcome> RunRewriteAsync(RequestContext ctx, LuaChunkSpec rewrite, RequestPipeline pipeline)
    {
        var outcome = await LuaEntryRunner.RunAsync(ctx, rewrite, LuaPhase.Rewrite, pipeline);
        if (outcome == LuaOutcome.Finished) return outcome;
        var request = LuaRequest.Of(ctx);
        if (request.Rematch)
        {
            // ngx.req.set_uri(uri, true): the rewrite phase starts again in the location the new URI matches.
            request.Rematch = false;
            await pipeline.RematchAsync(ctx);
            return LuaOutcome.Finished;
        }
        return LuaOutcome.Continue;
    }
}
