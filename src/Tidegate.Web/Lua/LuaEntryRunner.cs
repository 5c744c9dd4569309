using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua;

/// <summary>How a phase handler ended, for the pipeline: go on to the next phase, or the request is answered.</summary>
public enum LuaOutcome { Continue, Finished }

/// <summary>
/// Runs a request-phase handler (server_rewrite, rewrite, access, precontent, content) the way
/// ngx_lua runs its "entry thread": a new coroutine on the worker's state; when the code parks
/// (ngx.sleep, reading the body, flushing) the coroutine is left suspended and resumed here once
/// the awaited work completes, on the same worker; ngx.exit, ngx.exec and ngx.redirect park it
/// for good and say what to do next; an error is logged as nginx's "lua entry thread aborted".
/// </summary>
public static class LuaEntryRunner
{
    public const int Ok = 0, Error = -1, Declined = -5;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<LuaOutcome> RunAsync(RequestContext ctx, LuaChunkSpec spec, LuaPhase phase, RequestPipeline pipeline)
    {
        var worker = LuaWorker.ForRequest(ctx) ?? throw new InvalidOperationException("no Lua state on this worker");
        var request = LuaRequest.Of(ctx);
        LuaThread thread;
        try
        {
            var previous = (worker.Request, worker.Phase);
            var outer = LuaWorker.Enter(worker);
            worker.Request = request;
            worker.Phase = phase;
            try { thread = worker.State.NewThread(worker.Load(spec, ctx)); }
            finally { (worker.Request, worker.Phase) = previous; LuaWorker.Leave(outer); }
        }
        catch (LuaException e)
        {
            return await AbortAsync(ctx, request, pipeline, e, worker, phase);
        }

        request.EntryThread = thread;
        request.ExitKind = LuaExitKind.None;
        var resumeValues = Array.Empty<LuaValue>();
        while (true)
        {
            request.Pending = null;
            var previous = (worker.Request, worker.Phase);
            var outer = LuaWorker.Enter(worker);
            worker.Request = request;
            worker.Phase = phase;
            worker.Clock.Update();
            LuaException? failure = null;
            try { thread.Resume(resumeValues); }
            catch (LuaException e) { failure = e; }
            finally { (worker.Request, worker.Phase) = previous; LuaWorker.Leave(outer); }
            if (failure is not null)
            {
                request.EntryThread = null;
                return await AbortAsync(ctx, request, pipeline, failure, worker, phase);
            }

            if (request.ExitKind != LuaExitKind.None) break;
            if (request.Threads is null)
            {
                if (thread.Status == CoroutineStatus.Dead) break;
                if (request.Pending is { } pending)
                {
                    resumeValues = await pending();
                    // The wait itself may end the request (a body too large or malformed): no resume.
                    if (request.ExitKind != LuaExitKind.None) break;
                    continue;
                }
                // A bare coroutine.yield() in the entry thread: ngx_lua resumes it at once.
                resumeValues = Array.Empty<LuaValue>();
                continue;
            }
            // With user threads (ngx.thread.spawn): wait for whichever coroutine's work completes first.
            var next = await NextWithThreadsAsync(worker, request, phase, thread);
            if (next is null) break;
            resumeValues = next;
        }
        request.EntryThread = null;
        request.Threads = null;
        return await FinishAsync(ctx, request, phase, pipeline);
    }

    /// <summary>
    /// Drives the user threads until the entry thread's own work completes (its resume values are
    /// returned), or until the request ends: every thread done, or ngx.exit in one (null).
    /// </summary>
    private static async ValueTask<LuaValue[]?> NextWithThreadsAsync(LuaWorker worker, LuaRequest request, LuaPhase phase, LuaThread entry)
    {
        var threads = request.Threads!;
        Task<LuaValue[]>? entryTask = entry.Status == CoroutineStatus.Dead ? null
            : request.Pending is { } pending ? pending().AsTask() : Task.FromResult(Array.Empty<LuaValue>());
        while (true)
        {
            if (request.ExitKind != LuaExitKind.None) return null;
            if (entryTask is null && threads.AllDone) return null;
            var waiting = new List<Task>();
            if (entryTask is not null) waiting.Add(entryTask);
            foreach (var t in threads.All) if (!t.Done && !t.Reaped && t.Parked is { } parked) waiting.Add(parked);
            if (waiting.Count == 0) return null;
            var done = await Task.WhenAny(waiting);
            if (done == entryTask) return await entryTask;
            foreach (var t in threads.All)
                if (t.Parked == done && !t.Done && !t.Reaped)
                {
                    Threads.RequestThreads.Resume(worker, request, phase, t, await t.Parked);
                    break;
                }
        }
    }

    /// <summary>What the handler's end (or its ngx.exit/exec/redirect) means for the request.</summary>
    private static async ValueTask<LuaOutcome> FinishAsync(RequestContext ctx, LuaRequest request, LuaPhase phase, RequestPipeline pipeline)
    {
        var channel = ctx.Channel;
        switch (request.ExitKind)
        {
            case LuaExitKind.Exec:
                await LuaOutput.FlushAsync(request);
                request.Ctx = null;
                ctx.Response.Reset();
                if (request.ExecUri!.StartsWith('@'))
                {
                    await pipeline.NamedLocationAsync(ctx, request.ExecUri);
                    return LuaOutcome.Finished;
                }
                await pipeline.InternalRedirectAsync(ctx, request.ExecArgs is { Length: > 0 } a ? request.ExecUri + "?" + a : request.ExecUri);
                return LuaOutcome.Finished;
            case LuaExitKind.Redirect:
                ctx.Response.Reset();
                ctx.Response.Location = request.ExecUri;
                await pipeline.SpecialAsync(ctx, request.ExitStatus);
                // ngx_lua's Location is an ordinary header, sent as given (relative stays relative) after the core ones.
                if (ctx.Response.Location is not null)
                {
                    ctx.Response.Location = null;
                    ctx.Response.Headers.Add(new("Location", request.ExecUri!));
                }
                return LuaOutcome.Finished;
            case LuaExitKind.Jump:
                request.Rematch = true;
                return LuaOutcome.Continue;
            case LuaExitKind.Exit:
                return await ExitAsync(ctx, request, phase, pipeline, request.ExitStatus);
        }
        // The code ran to its end.
        if (phase == LuaPhase.Content || channel.HeadersSent || request.Output.Length > 0)
        {
            await LuaOutput.FinishAsync(request);
            return LuaOutcome.Finished;
        }
        return LuaOutcome.Continue;
    }

    private static async ValueTask<LuaOutcome> ExitAsync(RequestContext ctx, LuaRequest request, LuaPhase phase, RequestPipeline pipeline, int status)
    {
        var channel = ctx.Channel;
        if (status == Error)
        {
            await LuaOutput.FlushAsync(request);
            if (channel.HeadersSent) throw new LuaRequestAbortedException();
            ctx.Response.CloseWithoutResponse = true;
            return LuaOutcome.Finished;
        }
        if (status is Ok or Declined)
        {
            if (phase == LuaPhase.Content || channel.HeadersSent || request.Output.Length > 0)
            {
                await LuaOutput.FinishAsync(request);
                return LuaOutcome.Finished;
            }
            return LuaOutcome.Continue;
        }
        if (channel.HeadersSent || request.Output.Length > 0)
        {
            await LuaOutput.FinishAsync(request);
            return LuaOutcome.Finished;
        }
        if (status == 444)
        {
            ctx.Response.Status = 444;
            ctx.Response.CloseWithoutResponse = true;
            return LuaOutcome.Finished;
        }
        if (status >= 300 || status < 200)
        {
            // ngx.exit(>=300) finalizes with that status: error_page, else the built-in page.
            await pipeline.SpecialAsync(ctx, status);
            return LuaOutcome.Finished;
        }
        ctx.Response.Status = status;
        await LuaOutput.FinishAsync(request);
        return LuaOutcome.Finished;
    }

    /// <summary>"lua entry thread aborted": logged, then 500 unless the head already went out (then the connection closes).</summary>
    private static async ValueTask<LuaOutcome> AbortAsync(RequestContext ctx, LuaRequest request, RequestPipeline pipeline, LuaException e, LuaWorker worker, LuaPhase phase)
    {
        var previous = (worker.Request, worker.Phase);
        var outer = LuaWorker.Enter(worker);
        worker.Request = request;
        worker.Phase = phase;
        string text = e is LuaCompileException or LuaFileMissingException
            ? e.Message
            : "lua entry thread aborted: runtime error: " + LuaErrors.Describe(e, coroutine: true);
        worker.Log(LogLevel.Error, text);
        (worker.Request, worker.Phase) = previous;
        LuaWorker.Leave(outer);
        if (ctx.Channel.HeadersSent || request.Output.Length > 0)
        {
            await LuaOutput.FlushAsync(request);
            throw new LuaRequestAbortedException();
        }
        ctx.Response.Reset();
        ctx.Response.IsErrorPage = false;
        await pipeline.SpecialAsync(ctx, e is LuaFileMissingException ? 404 : 500);
        return LuaOutcome.Finished;
    }
}

/// <summary>
/// A handler failed after the response head went out: nginx cannot answer any more and closes
/// the connection (the client sees a truncated body). An IOException so the connection treats it as such.
/// </summary>
public sealed class LuaRequestAbortedException : IOException
{
    public LuaRequestAbortedException() : base("lua handler aborted after sending the response head") { }
}
