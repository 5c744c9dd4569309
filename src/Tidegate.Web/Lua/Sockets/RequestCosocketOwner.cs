using Tidegate.Web.Hosting;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// A request as the owner of its cosockets: the settings of its location now, and its log
/// context. Sockets are closed when the main request ends (ngx_lua registers their cleanup on
/// r->main), so a subrequest's sockets are tracked by its main request's owner.
/// </summary>
public sealed class RequestCosocketOwner : CosocketOwner
{
    private RequestCosocketOwner(LuaRequest request) { Request = request; }

    public LuaRequest Request { get; }

    public override LocationSettings Settings => Request.Context.Settings;

    public override void Log(LuaWorker worker, LuaPhase phase, LogLevel level, string message) =>
        worker.LogFor(Request, phase, level, message);

    public override void Track(IOwnedCosocket socket)
    {
        var main = MainOwner();
        if (main == this) base.Track(socket);
        else main.Track(socket);
    }

    public override void Untrack(IOwnedCosocket socket)
    {
        var main = MainOwner();
        if (main == this) base.Untrack(socket);
        else main.Untrack(socket);
    }

    private RequestCosocketOwner MainOwner() =>
        Request.Context.Parent is null ? this : Of(LuaRequest.Of(Request.Context.Main));

    public static RequestCosocketOwner Of(LuaRequest request)
    {
        var ctx = request.Context;
        ctx.ModuleState ??= new Dictionary<Type, object>();
        if (ctx.ModuleState.TryGetValue(typeof(RequestCosocketOwner), out var known)) return (RequestCosocketOwner)known;
        var owner = new RequestCosocketOwner(request);
        ctx.ModuleState[typeof(RequestCosocketOwner)] = owner;
        return owner;
    }

    /// <summary>
    /// The request is over (nginx runs the request's cleanup handlers before its log phase):
    /// the cosockets it left open are closed now, not when the collector finds them.
    /// </summary>
    public static void EndRequest(RequestContext ctx)
    {
        if (ctx.ModuleState is { } states && states.TryGetValue(typeof(RequestCosocketOwner), out var owner))
            ((RequestCosocketOwner)owner).End();
    }
}
