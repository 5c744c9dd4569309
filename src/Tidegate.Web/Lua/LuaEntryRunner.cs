using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;
using Tidegate.Web.Runtime;

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

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder<>))]
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
            try { thread = worker.State.NewThread(worker.Load(spec, ctx), reuseHeld: true); }
            finally { (worker.Request, worker.Phase) = previous; LuaWorker.Leave(outer); }
        }
        catch (LuaException e)
        {
            return await AbortAsync(ctx, request, pipeline, e, worker, phase);
        }

        request.EntryThread = thread;
        request.ExitKind = LuaExitKind.None;
        // ngx.on_abort belongs to the handler that called it (checked on nginx: one set in rewrite
        // does not run for an abort in content).
        request.OnAbort = null;
        var watch = ClientAbortWatch.For(ctx, phase);
        var root = request.SpareRoot?.Rebind(thread) ?? new Threads.CoroutineRoot(thread);
        request.SpareRoot = null;
        var resumeValues = Array.Empty<LuaValue>();
        while (true)
        {
            var previous = (worker.Request, worker.Phase);
            var outer = LuaWorker.Enter(worker);
            worker.Request = request;
            worker.Phase = phase;
            // ngx.now's cached time is the worker loop's turn's (nginx's ngx_time_update per event-loop pass).
            worker.Clock.CatchUp(Tidegate.Web.Runtime.WorkerClock.UtcNow);
            LuaException? failure = null;
            try
            {
                root.Resume(resumeValues);
                // A coroutine.wrap'd function failed: ngx_lua aborts the entry thread with its error.
                failure = root.AbortError;
            }
            catch (LuaException e) { failure = e; }
            finally { (worker.Request, worker.Phase) = previous; LuaWorker.Leave(outer); }
            if (failure is not null)
            {
                EndThreads(request);
                request.EntryThread = null;
                return await AbortAsync(ctx, request, pipeline, failure, worker, phase);
            }

            if (request.ExitKind != LuaExitKind.None) break;
            // The entry thread's park, when the on_abort handler started beside it.
            Task<LuaValue[]>? entryWork = null;
            if (request.Threads is null)
            {
                if (thread.Status == CoroutineStatus.Dead) break;
                if (root.Pending is not { } pending)
                {
                    // A bare coroutine.yield() in the entry thread: ngx_lua resumes it at once.
                    resumeValues = Array.Empty<LuaValue>();
                    continue;
                }
                var work = pending();
                if (watch is null || watch.Fired || work.IsCompleted)
                {
                    resumeValues = await work;
                    // The wait itself may end the request (a body too large or malformed): no resume.
                    if (request.ExitKind != LuaExitKind.None) break;
                    continue;
                }
                var task = work.AsTask();
                if (await Task.WhenAny(task, watch.Gone) == task)
                {
                    resumeValues = await task;
                    if (request.ExitKind != LuaExitKind.None) break;
                    continue;
                }
                // The client went away while the handler was parked: 499, or its on_abort handler
                // runs as a user thread while the entry thread stays parked.
                if (!watch.Fire(worker, request, phase, pipeline)) return ClientClosedRequest(ctx, request, root);
                if (request.ExitKind != LuaExitKind.None) break;
                entryWork = task;
            }
            // With user threads (ngx.thread.spawn, on_abort): wait for whichever coroutine's work completes first.
            // Threads is set here: either it was on entering this turn, or watch.Fire above started the on_abort
            // handler as a user thread, which creates it.
            var next = await request.Threads!.NextAsync(worker, root, entryWork, watch, pipeline);
            if (request.ClientClosed) return ClientClosedRequest(ctx, request, root);
            if (next is null) break;
            resumeValues = next;
        }
        if (request.ExitKind != LuaExitKind.None) root.Abandon();
        // A root whose coroutine ran to its end with no user threads is held by nothing: the next handler's.
        else if (request.Threads is null && thread.Status == CoroutineStatus.Dead) request.SpareRoot = root;
        EndThreads(request);
        request.EntryThread = null;
        // A handler that ran to its end leaves its coroutine to the next handler, as ngx_lua's cache of entry
        // coroutines does (on nginx coroutine.running() is the same coroutine in consecutive handlers,
        // tests/web/745-entry-coroutine-reuse.t), and no thread is allocated per request.
        worker.State.RecycleThread(thread, evenIfHeld: true);
        return await FinishAsync(ctx, request, phase, pipeline);
    }

    /// <summary>The handler is over: user threads still parked (after ngx.exit or an error) are never resumed.</summary>
    private static void EndThreads(LuaRequest request)
    {
        // Abandoned user threads still reference the request: its objects are not reused for the next one.
        if (request.Threads is not null) request.LeftSomethingBehind = true;
        request.Threads?.AbandonPending();
        request.Threads = null;
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

    /// <summary>499, nginx's "client closed request".</summary>
    public const int ClientClosedStatus = 499;

    private static async ValueTask<LuaOutcome> ExitAsync(RequestContext ctx, LuaRequest request, LuaPhase phase, RequestPipeline pipeline, int status)
    {
        var channel = ctx.Channel;
        if (status is Error or 444 or ClientClosedStatus)
        {
            // nginx terminates the request and closes: what reached the client stays, what is held
            // back (the head and output not flushed) is dropped. Checked on nginx: ngx.say then
            // ngx.exit(444) sends nothing (logged 444); after ngx.flush(true) the flushed part went
            // out and the body is cut (logged 200).
            if (status != Error && !channel.WireStarted) ctx.Response.Status = status;
            request.Output.SetLength(0);
            ctx.Response.CloseWithoutResponse = true;
            channel.Abandon();
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
        if (status >= 300 || status < 200)
        {
            // ngx.exit(>=300) finalizes with that status: error_page, else the built-in page.
            await EndCaptureAsync(ctx, request, pipeline, status);
            return LuaOutcome.Finished;
        }
        ctx.Response.Status = status;
        await LuaOutput.FinishAsync(request);
        return LuaOutcome.Finished;
    }

    /// <summary>
    /// The client went away and no on_abort handler was set: the request ends with 499 and its Lua
    /// code stops where it is parked (as ngx_lua finalizes it); nothing more is sent.
    /// </summary>
    private static LuaOutcome ClientClosedRequest(RequestContext ctx, LuaRequest request, Threads.CoroutineRoot root)
    {
        root.Abandon();
        EndThreads(request);
        request.EntryThread = null;
        request.ClientClosed = false;
        if (!ctx.Channel.WireStarted) ctx.Response.Status = ClientClosedStatus;
        request.Output.SetLength(0);
        ctx.Response.CloseWithoutResponse = true;
        ctx.Channel.Abandon();
        return LuaOutcome.Finished;
    }

    /// <summary>
    /// A special response (ngx.exit with an error status, a failure). In a subrequest that
    /// ngx.location.capture made, the capture reports the status the handler set with ngx.status
    /// rather than the finalizing code (checked on nginx: ngx.status = 202 then ngx.exit(404) is 202).
    /// </summary>
    private static async ValueTask EndCaptureAsync(RequestContext ctx, LuaRequest request, RequestPipeline pipeline, int status)
    {
        int set = ctx.Response.Status;
        await pipeline.SpecialAsync(ctx, status);
        if (request.StatusSet && ctx.Channel is Web.Subrequests.SubrequestChannel { LuaCapture: true, EndedAtSpecialResponse: true })
            ctx.Response.Status = set;
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
        if (ctx.Channel is Web.Subrequests.SubrequestChannel { LuaCapture: true })
        {
            // ngx_lua's post-subrequest handler runs first: the capture sees the headers the handler set
            // and the status it set (500 when it set none).
            await EndCaptureAsync(ctx, request, pipeline, e is LuaFileMissingException ? 404 : 500);
            return LuaOutcome.Finished;
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
