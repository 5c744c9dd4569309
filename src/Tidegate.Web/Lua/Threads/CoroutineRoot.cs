using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Threads;

/// <summary>
/// A coroutine the server itself drives, as ngx_lua's scheduler does: a handler's entry thread, an
/// ngx.thread light thread, or a timer's coroutine. Whatever parks while it runs (ngx.sleep, a
/// cosocket, a semaphore wait) parks the root: when the park happens inside a coroutine the Lua code
/// made (coroutine.create/wrap), the suspension travels up through every user coroutine's resume
/// (<see cref="Unwinding"/>, see <see cref="NgxCoroutineApi"/>) to the root, and resuming the root
/// later re-enters the same chain down to the parked coroutine.
/// </summary>
public sealed class CoroutineRoot
{
    [ThreadStatic] private static CoroutineRoot? current;

    public CoroutineRoot(LuaThread coroutine) { Coroutine = coroutine; }

    /// <summary>The root whose code runs now on this worker thread (null outside any).</summary>
    public static CoroutineRoot? Current => current;

    public LuaThread Coroutine { get; private set; }

    /// <summary>
    /// This root, made the root of <paramref name="coroutine"/>: the entry runner reuses the root of a handler
    /// that ran to its end (nothing holds it then) for the request's next handler or the connection's next request.
    /// </summary>
    internal CoroutineRoot Rebind(LuaThread coroutine)
    {
        Coroutine = coroutine;
        Pending = null;
        Unwinding = false;
        AbortError = null;
        ParkCleanup = null;
        return this;
    }

    /// <summary>Set by the API function that parked: the work to await; its result resumes the parked code.</summary>
    public Func<ValueTask<LuaValue[]>>? Pending { get; set; }

    /// <summary>
    /// A suspension that began in a user coroutine is travelling up to the root: each user
    /// coroutine's resume that sees it suspends its own caller too, instead of returning.
    /// </summary>
    public bool Unwinding { get; private set; }

    /// <summary>Set when a coroutine.wrap'd function failed: ngx_lua aborts the whole root with that error (pcall cannot catch it).</summary>
    public LuaException? AbortError { get; private set; }

    /// <summary>Undoes what the current park holds in the worker (a semaphore's wait queue entry) when the root is abandoned.</summary>
    public Action? ParkCleanup { get; set; }

    /// <summary>Resumes the root's coroutine with <paramref name="values"/> as the current root; returns what it yielded or returned.</summary>
    public LuaValue[] Resume(LuaValue[] values)
    {
        var outer = current;
        current = this;
        Pending = null;
        Unwinding = false;
        ParkCleanup = null;
        try { return Coroutine.Resume(values); }
        finally
        {
            Unwinding = false;
            current = outer;
        }
    }

    /// <summary>
    /// Suspends the running code until <paramref name="work"/> completes (or for good, with no work:
    /// ngx.exit). From the root's own coroutine that is a plain suspension; from a user coroutine the
    /// suspension unwinds through the user coroutines' resumes up to the root.
    /// </summary>
    public int Park(in LuaCall call, Func<ValueTask<LuaValue[]>>? work)
    {
        int status = call.Thread.Suspend(call); // raises "attempt to yield across C-call boundary" where it cannot
        Pending = work;
        if (call.Thread != Coroutine) Unwinding = true;
        return status;
    }

    /// <summary>A coroutine.wrap'd function failed under this root: the root stops and is aborted with the error.</summary>
    public int Abort(in LuaCall call, LuaException error)
    {
        AbortError = error;
        return Park(call, null);
    }

    /// <summary>The root will never be resumed (killed, or its request ended): release what its park holds.</summary>
    public void Abandon()
    {
        var cleanup = ParkCleanup;
        ParkCleanup = null;
        Pending = null;
        cleanup?.Invoke();
    }
}
