using Tidegate.Web.Http;

namespace Tidegate.Web.Echo;

/// <summary>The echo module's per-request state: the timer and the current foreach item.</summary>
public sealed class EchoRequestState
{
    public long TimerStart { get; set; }
    public string? ForeachItem { get; set; }

    public static EchoRequestState Of(RequestContext ctx)
    {
        ctx.ModuleState ??= new();
        if (ctx.ModuleState.TryGetValue(typeof(EchoRequestState), out var state)) return (EchoRequestState)state;
        var created = new EchoRequestState { TimerStart = ctx.StartTimestamp };
        ctx.ModuleState[typeof(EchoRequestState)] = created;
        return created;
    }

    public static EchoRequestState? Find(RequestContext ctx) =>
        ctx.ModuleState is { } s && s.TryGetValue(typeof(EchoRequestState), out var state) ? (EchoRequestState)state : null;
}
