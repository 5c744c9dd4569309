using Tidegate.Web.Hosting;
using Tidegate.Web.Http;

namespace Tidegate.Web.Lua;

/// <summary>content_by_lua*: the location's content handler (lua_need_request_body reads the body first).</summary>
public sealed class LuaContentHandler : IContentHandler
{
    public LuaContentHandler(LuaChunkSpec chunk) { Chunk = chunk; }

    public LuaChunkSpec Chunk { get; }

    public async ValueTask HandleAsync(RequestContext ctx, RequestPipeline pipeline)
    {
        if (ctx.Settings.LuaNeedRequestBody && !ctx.Channel.BodyRead)
        {
            await ctx.Channel.ReadBodyAsync();
            LuaRequest.Of(ctx).BodyRead = true;
        }
        await LuaEntryRunner.RunAsync(ctx, Chunk, LuaPhase.Content, pipeline);
    }
}
