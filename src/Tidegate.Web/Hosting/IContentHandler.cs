using Tidegate.Web.Http;

namespace Tidegate.Web.Hosting;

/// <summary>
/// A location's content handler (nginx's clcf->handler): proxy_pass, content_by_lua, echo. It
/// runs in the content phase after try_files, instead of the static file handler. It answers
/// either by filling <see cref="RequestContext.Response"/> (headers and a whole body, or a status
/// for <see cref="RequestPipeline.SpecialAsync"/>) or by streaming through
/// <see cref="RequestContext.Channel"/>; it may await (an upstream, a Lua coroutine parked on a
/// socket), and resumes on the same worker.
/// </summary>
public interface IContentHandler
{
    ValueTask HandleAsync(RequestContext ctx, RequestPipeline pipeline);
}
