using System.Runtime.CompilerServices;
using Tidegate.Web.Hosting;
using Tidegate.Web.Http;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Lua;

/// <summary>content_by_lua*: the location's content handler (lua_need_request_body reads the body first).</summary>
public sealed class LuaContentHandler : IContentHandler
{
    public LuaContentHandler(LuaChunkSpec chunk) { Chunk = chunk; }

    public LuaChunkSpec Chunk { get; }

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
    public async ValueTask HandleAsync(RequestContext ctx, RequestPipeline pipeline)
    {
        if (ctx.Settings.LuaNeedRequestBody && !ctx.Channel.BodyRead)
        {
            bool bodyOk = await ctx.Channel.ReadBodyAsync();
            LuaRequest.Of(ctx).BodyRead = true;
            // A chunked body past client_max_body_size ends the request as nginx's body reader does.
            if (!bodyOk && ctx.BodyTooLarge)
            {
                await pipeline.SpecialAsync(ctx, 413);
                return;
            }
        }
        await LuaEntryRunner.RunAsync(ctx, Chunk, LuaPhase.Content, pipeline);
    }
}
