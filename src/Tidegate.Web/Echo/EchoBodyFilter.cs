using Tidegate.Web.Http;

namespace Tidegate.Web.Echo;

/// <summary>
/// echo_before_body and echo_after_body: a header filter that drops Content-Length (the body
/// grows) and a body filter that puts the texts before the first piece and after the last.
/// </summary>
public sealed class EchoBodyFilter : IHeaderFilter, IBodyFilter
{
    private sealed class Progress { public bool Started; }

    private static bool Configured(RequestContext ctx) =>
        ctx.Settings.EchoBeforeBody is { Count: > 0 } || ctx.Settings.EchoAfterBody is { Count: > 0 };

    public void Filter(RequestContext ctx)
    {
        if (!Configured(ctx)) return;
        ctx.Response.ContentLength = null;
        ctx.Response.Headers.RemoveAll(h => h.Key.Equals("Accept-Ranges", StringComparison.OrdinalIgnoreCase));
    }

    public bool AppliesTo(RequestContext ctx) => Configured(ctx);

    public ReadOnlyMemory<byte> Filter(RequestContext ctx, ReadOnlyMemory<byte> data, ref bool last)
    {
        ctx.ModuleState ??= new();
        if (!ctx.ModuleState.TryGetValue(typeof(Progress), out var p)) ctx.ModuleState[typeof(Progress)] = p = new Progress();
        var progress = (Progress)p;
        byte[]? before = null, after = null;
        if (!progress.Started)
        {
            progress.Started = true;
            if (ctx.Settings.EchoBeforeBody is { } b) before = Render(ctx, b);
        }
        if (last && ctx.Settings.EchoAfterBody is { } a) after = Render(ctx, a);
        if (before is null && after is null) return data;
        var output = new byte[(before?.Length ?? 0) + data.Length + (after?.Length ?? 0)];
        int at = 0;
        if (before is not null) { before.CopyTo(output, 0); at = before.Length; }
        data.Span.CopyTo(output.AsSpan(at));
        at += data.Length;
        after?.CopyTo(output, at);
        return output;
    }

    private static byte[] Render(RequestContext ctx, List<EchoCommand> commands)
    {
        using var buffer = new MemoryStream();
        foreach (var command in commands) buffer.Write(EchoText.Render(ctx, command.Arguments));
        return buffer.ToArray();
    }
}
