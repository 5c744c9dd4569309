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
    public MemoryStream Output { get; } = new(64);
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

    public static LuaRequest Of(RequestContext ctx) => ctx.LuaRequest ??= new LuaRequest(ctx);

    public static LuaRequest? Find(RequestContext ctx) => ctx.LuaRequest;
}
