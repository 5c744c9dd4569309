using Tidegate.Lua.Runtime;
using Tidegate.Web.Http;

namespace Tidegate.Web.Lua;

/// <summary>What a suspended handler asked for: ngx.exit, ngx.exec, ngx.redirect.</summary>
public enum LuaExitKind { None, Exit, Exec, Redirect, Jump }

/// <summary>
/// A request's Lua state across its phases: ngx.ctx, the entry coroutine running now, the
/// output ngx.say/ngx.print buffered since the last flush, and what the running handler asked
/// the server to do when it stopped (an await to complete, an exit, an internal redirect).
/// </summary>
public sealed class LuaRequest
{
    public LuaRequest(RequestContext context) { Context = context; }

    public RequestContext Context { get; }

    /// <summary>ngx.ctx (made on first use; reset by internal redirects as in ngx_lua).</summary>
    public LuaTable? Ctx { get; set; }

    /// <summary>The entry coroutine of the handler running now (the only one that may park).</summary>
    public LuaThread? EntryThread { get; set; }

    /// <summary>The user threads ngx.thread.spawn started in the running handler (null until the first). Parks go through Threads.CoroutineRoot.</summary>
    public Threads.RequestThreads? Threads { get; set; }

    public LuaExitKind ExitKind { get; set; }
    public int ExitStatus { get; set; }
    public string? ExecUri { get; set; }
    public string? ExecArgs { get; set; }

    /// <summary>Body bytes written by ngx.say/print and not yet handed to the connection.</summary>
    /// <remarks>
    /// Starts at 64 bytes: an empty MemoryStream's first write makes a 256-byte array, a fifth of what a
    /// small Lua response allocated per request; a bigger body grows it to 256 and on as before.
    /// </remarks>
    public MemoryStream Output { get; private set; } = new(64);
    /// <summary>ngx.eof was called: later output is dropped.</summary>
    public bool SeenEof { get; set; }
    /// <summary>The request body was read by ngx.req.read_body (or lua_need_request_body).</summary>
    public bool BodyRead { get; set; }
    /// <summary>A body replaced through ngx.req.set_body_data / init_body..finish_body.</summary>
    public byte[]? BodyOverride { get; set; }
    public MemoryStream? BodyBuilder { get; set; }
    /// <summary>header_filter_by_lua ran for this response (it runs once).</summary>
    public bool HeaderFilterRan { get; set; }
    /// <summary>ngx.status was set (before that, nginx reads it as 0 in the request phases).</summary>
    public bool StatusSet { get; set; }

    /// <summary>The handler ngx.on_abort registered (run when the client goes away; lua_check_client_abort on).</summary>
    public LuaFunction? OnAbort { get; set; }

    /// <summary>The client went away while the handler was parked and no on_abort handler was set (the request ends with 499).</summary>
    public bool ClientClosed { get; set; }

    /// <summary>With lua_code_cache off: the fresh state this request's Lua code runs in.</summary>
    public LuaWorker? OwnState { get; set; }

    /// <summary>ngx.req.discard_body was called.</summary>
    public bool BodyDiscarded { get; set; }

    /// <summary>A body filter set ngx.arg[2] (or failed): later pieces are dropped.</summary>
    public bool BodyFilterDone { get; set; }

    /// <summary>ngx.req.set_uri(uri, true) asked to match locations again after this rewrite handler.</summary>
    public bool Rematch { get; set; }

    /// <summary>ngx.arg for set_by_lua (the arguments) and body_filter_by_lua (chunk, eof).</summary>
    public LuaValue[]? Args { get; set; }

    /// <summary>The entry runner's root of the last handler that ran to its end, for the next handler to reuse.</summary>
    internal Threads.CoroutineRoot? SpareRoot { get; set; }

    /// <summary>Something of this request may outlive it (user threads were started): the object is not reused.</summary>
    internal bool LeftSomethingBehind { get; set; }

    /// <summary>Whether the connection's next request may reuse this object (see <see cref="RequestContext.MayRecycle"/>).</summary>
    internal bool MayRecycle => !LeftSomethingBehind && EntryThread is null && Threads is null;

    /// <summary>
    /// Back to a new Lua request's state for the connection's next request (the context stays the same
    /// object). Every field must be covered here (HttpRecyclingTests checks a recycled one against a new one).
    /// </summary>
    internal void Recycle()
    {
        Ctx = null;
        EntryThread = null;
        Threads = null;
        ExitKind = LuaExitKind.None;
        ExitStatus = 0;
        ExecUri = ExecArgs = null;
        // A big response's buffer is not kept on the connection for good.
        if (Output.Capacity > MaxKeptOutput) Output = new MemoryStream(64);
        else Output.SetLength(0);
        SeenEof = BodyRead = HeaderFilterRan = StatusSet = ClientClosed = BodyDiscarded = BodyFilterDone = Rematch = false;
        BodyOverride = null;
        BodyBuilder = null;
        OnAbort = null;
        OwnState = null;
        Args = null;
        LeftSomethingBehind = false;
    }

    /// <summary>The largest output buffer a recycled request keeps.</summary>
    private const int MaxKeptOutput = 16 * 1024;

    public static LuaRequest Of(RequestContext ctx)
    {
        if (ctx.LuaRequest is { } known) return known;
        var spare = ctx.SpareLuaRequest;
        ctx.SpareLuaRequest = null;
        return ctx.LuaRequest = spare ?? new LuaRequest(ctx);
    }

    public static LuaRequest? Find(RequestContext ctx) => ctx.LuaRequest;
}
