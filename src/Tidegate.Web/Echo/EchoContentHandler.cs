using System.Globalization;
using System.Text;
using Tidegate.Web.Hosting;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;
using Tidegate.Web.Subrequests;

namespace Tidegate.Web.Echo;

/// <summary>
/// The echo module's content handler: runs a location's echo directives in order, streaming the
/// output (no Content-Length, so chunked on HTTP/1.1). Subrequests started with the *_async forms
/// run concurrently; their output still comes out in directive order, as nginx's postpone filter
/// keeps it.
/// </summary>
public sealed class EchoContentHandler : IContentHandler
{
    public required LocationSettings Owner { get; init; }
    public List<EchoCommand> Commands { get; } = new();

    private sealed class Run
    {
        public readonly List<(RequestContext Child, Task Done)> Pending = new();
    }

    public async ValueTask HandleAsync(RequestContext ctx, RequestPipeline pipeline)
    {
        var response = ctx.Response;
        response.Status = ctx.Settings.EchoStatus;
        response.ContentType ??= ContentTypes.For(ctx.Request.Path, ctx.Settings);
        response.ContentLength = null;
        var run = new Run();
        var state = EchoRequestState.Of(ctx);
        for (int i = 0; i < Commands.Count; i++)
        {
            var cmd = Commands[i];
            var args = cmd.Arguments;
            switch (cmd.Op)
            {
                case EchoOp.Echo:
                    await OutputAsync(ctx, run, EchoText.Render(ctx, args));
                    break;
                case EchoOp.Duplicate:
                {
                    string countText = args[0].Evaluate(ctx);
                    if (!long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out long count))
                    {
                        pipeline.Log(ctx, LogLevel.Error, $"invalid size specified: \"{countText}\"");
                        await FailAsync(ctx, pipeline);
                        return;
                    }
                    byte[] unit = Encoding.Latin1.GetBytes(args[1].Evaluate(ctx));
                    if (count > 0 && unit.Length > 0) await DuplicateAsync(ctx, run, unit, count);
                    break;
                }
                case EchoOp.Flush:
                    await DrainAsync(ctx, run);
                    await ctx.Channel.WriteAsync(default, flush: true);
                    break;
                case EchoOp.Sleep:
                case EchoOp.BlockingSleep:
                {
                    string text = args[0].Evaluate(ctx);
                    if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) || seconds < 0)
                    {
                        pipeline.Log(ctx, LogLevel.Error, $"invalid sleep duration \"{text}\"");
                        await FailAsync(ctx, pipeline);
                        return;
                    }
                    if (cmd.Op == EchoOp.BlockingSleep) Thread.Sleep(TimeSpan.FromSeconds(seconds));
                    else await Task.Delay(TimeSpan.FromSeconds(seconds));
                    break;
                }
                case EchoOp.Location:
                case EchoOp.LocationAsync:
                {
                    var options = new SubrequestOptions
                    {
                        Uri = args[0].Evaluate(ctx),
                        Args = args.Count > 1 ? args[1].Evaluate(ctx) : null,
                        Capture = true,
                    };
                    if (!await SubrequestAsync(ctx, pipeline, run, options, cmd.Op == EchoOp.LocationAsync)) return;
                    break;
                }
                case EchoOp.Subrequest:
                case EchoOp.SubrequestAsync:
                {
                    var options = ParseSubrequest(ctx, args, pipeline);
                    if (options is null) { await FailAsync(ctx, pipeline); return; }
                    if (!await SubrequestAsync(ctx, pipeline, run, options, cmd.Op == EchoOp.SubrequestAsync)) return;
                    break;
                }
                case EchoOp.Exec:
                {
                    await DrainAsync(ctx, run);
                    if (ctx.Channel.HeadersSent)
                    {
                        pipeline.Log(ctx, LogLevel.Error, "echo_exec is used after the response header has been sent");
                        return;
                    }
                    string target = args[0].Evaluate(ctx);
                    if (args.Count > 1) target += "?" + args[1].Evaluate(ctx);
                    // Without arguments of its own the target gets none (the request's are dropped).
                    else if (!target.Contains('?')) ctx.Request.Args = null;
                    response.Reset();
                    response.Status = 200;
                    if (target.StartsWith('@')) await pipeline.NamedLocationAsync(ctx, target);
                    else await pipeline.InternalRedirectAsync(ctx, target);
                    return;
                }
                case EchoOp.ReadRequestBody:
                    await ctx.Channel.ReadBodyAsync();
                    break;
                case EchoOp.RequestBody:
                    if (ctx.RequestBody is { Length: > 0 } requestBody) await OutputAsync(ctx, run, requestBody);
                    break;
                case EchoOp.ResetTimer:
                    state.TimerStart = System.Diagnostics.Stopwatch.GetTimestamp();
                    break;
                case EchoOp.ForeachSplit:
                {
                    int end = FindEnd(i);
                    string delimiter = args[0].Evaluate(ctx);
                    var items = new List<string>();
                    for (int a = 1; a < args.Count; a++)
                    {
                        string text = args[a].Evaluate(ctx);
                        if (delimiter.Length == 0) { items.Add(text); continue; }
                        foreach (var piece in text.Split(delimiter))
                            if (piece.Length > 0) items.Add(piece);
                    }
                    var body = Commands.GetRange(i + 1, end - i - 1);
                    var inner = new EchoContentHandler { Owner = Owner };
                    inner.Commands.AddRange(body);
                    foreach (var item in items)
                    {
                        state.ForeachItem = item;
                        if (!await inner.RunCommandsAsync(ctx, pipeline, run)) return;
                    }
                    state.ForeachItem = null;
                    i = end;
                    break;
                }
                case EchoOp.End:
                    break;
            }
        }
        await DrainAsync(ctx, run);
        await ctx.Channel.FinishAsync();
    }

    /// <summary>The loop body of echo_foreach_split (no nesting, as in the module).</summary>
    private async ValueTask<bool> RunCommandsAsync(RequestContext ctx, RequestPipeline pipeline, Run run)
    {
        foreach (var cmd in Commands)
        {
            switch (cmd.Op)
            {
                case EchoOp.Echo: await OutputAsync(ctx, run, EchoText.Render(ctx, cmd.Arguments)); break;
                case EchoOp.Location:
                case EchoOp.LocationAsync:
                    var options = new SubrequestOptions
                    {
                        Uri = cmd.Arguments[0].Evaluate(ctx),
                        Args = cmd.Arguments.Count > 1 ? cmd.Arguments[1].Evaluate(ctx) : null,
                        Capture = true,
                    };
                    if (!await SubrequestAsync(ctx, pipeline, run, options, cmd.Op == EchoOp.LocationAsync)) return false;
                    break;
                case EchoOp.Flush:
                    await DrainAsync(ctx, run);
                    await ctx.Channel.WriteAsync(default, flush: true);
                    break;
                default:
                    pipeline.Log(ctx, LogLevel.Error, $"{cmd.Name} is not supported inside echo_foreach_split by tidegate");
                    return false;
            }
        }
        return true;
    }

    private int FindEnd(int start)
    {
        for (int j = start + 1; j < Commands.Count; j++)
            if (Commands[j].Op == EchoOp.End) return j;
        return Commands.Count;
    }

    /// <summary>
    /// A subrequest whose body is placed in the output at this point. It runs to completion (or,
    /// for the async forms, in the background) with its body held until every earlier output is out.
    /// </summary>
    private static async ValueTask<bool> SubrequestAsync(RequestContext ctx, RequestPipeline pipeline, Run run, SubrequestOptions options, bool async)
    {
        // The main request's head goes out before any subrequest output (ngx_echo sends it first).
        await ctx.Channel.SendHeadersAsync();
        var child = Subrequest.Create(ctx, pipeline, options);
        if (child is null)
        {
            await DrainAsync(ctx, run);
            await ctx.Channel.FinishAsync();
            return false;
        }
        var done = Subrequest.RunCreatedAsync(child, pipeline).AsTask();
        run.Pending.Add((child, done));
        if (!async) await DrainAsync(ctx, run);
        return true;
    }

    private static SubrequestOptions? ParseSubrequest(RequestContext ctx, IReadOnlyList<VariableTemplate> args, RequestPipeline pipeline)
    {
        string method = args[0].Evaluate(ctx);
        string uri = args[1].Evaluate(ctx);
        string? query = null;
        byte[]? body = null;
        for (int i = 2; i < args.Count; i++)
        {
            string option = args[i].Source;
            if (i + 1 >= args.Count)
            {
                pipeline.Log(ctx, LogLevel.Error, $"option {option} takes an argument");
                return null;
            }
            string value = args[++i].Evaluate(ctx);
            switch (option)
            {
                case "-q": query = value; break;
                case "-b": body = Encoding.Latin1.GetBytes(value); break;
                case "-f":
                    try { body = File.ReadAllBytes(value); }
                    catch (IOException e) { pipeline.Log(ctx, LogLevel.Error, $"failed to open file \"{value}\": {e.Message}"); return null; }
                    break;
                default:
                    pipeline.Log(ctx, LogLevel.Error, $"unknown option for echo_subrequest*: {option}");
                    return null;
            }
        }
        return new SubrequestOptions { Method = method.ToUpperInvariant(), Uri = uri, Args = query, Body = body, Capture = true };
    }

    /// <summary>echo_duplicate: the text repeated, written in pieces of at most 64 KiB so a huge count stays bounded in memory.</summary>
    private static async ValueTask DuplicateAsync(RequestContext ctx, Run run, byte[] unit, long count)
    {
        await DrainAsync(ctx, run);
        long perPiece = Math.Max(1, 65536 / unit.Length);
        byte[] piece = new byte[unit.Length * (int)Math.Min(perPiece, count)];
        for (int at = 0; at < piece.Length; at += unit.Length) unit.CopyTo(piece, at);
        int unitsInPiece = piece.Length / unit.Length;
        for (long left = count; left > 0; left -= unitsInPiece)
        {
            int units = (int)Math.Min(left, unitsInPiece);
            await ctx.Channel.WriteAsync(piece.AsMemory(0, units * unit.Length));
        }
    }

    /// <summary>Writes output after every pending subrequest's output, in order.</summary>
    private static async ValueTask OutputAsync(RequestContext ctx, Run run, byte[] data)
    {
        await DrainAsync(ctx, run);
        await ctx.Channel.WriteAsync(data);
    }

    private static async ValueTask DrainAsync(RequestContext ctx, Run run)
    {
        foreach (var (child, done) in run.Pending)
        {
            await done;
            byte[] body = ((SubrequestChannel)child.Channel).CapturedBody;
            if (body.Length > 0) await ctx.Channel.WriteAsync(body);
        }
        run.Pending.Clear();
    }

    private static async ValueTask FailAsync(RequestContext ctx, RequestPipeline pipeline)
    {
        if (!ctx.Channel.HeadersSent)
        {
            ctx.Response.Reset();
            await pipeline.SpecialAsync(ctx, 500);
        }
    }
}
