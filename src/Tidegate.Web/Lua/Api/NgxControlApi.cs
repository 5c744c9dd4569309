using System.Text;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>ngx.exit, ngx.exec, ngx.redirect, ngx.sleep, ngx.on_abort, ngx.get_phase, ngx.is_subrequest.</summary>
public static class NgxControlApi
{
    public static void Register(LuaTable ngx)
    {
        NgxApi.Set(ngx, "exit", Exit);
        NgxApi.Set(ngx, "exec", Exec);
        NgxApi.Set(ngx, "redirect", Redirect);
        NgxApi.Set(ngx, "sleep", Sleep);
        NgxApi.Set(ngx, "on_abort", OnAbort);
        NgxApi.Set(ngx, "get_phase", call => call.Return(NgxApi.Str(LuaPhases.Name(NgxApi.Worker.Phase))));
    }

    private const PhaseMask ExitPhases = PhaseMask.Yieldable | PhaseMask.HeaderFilter | PhaseMask.Timer | PhaseMask.Balancer;

    private static int Exit(LuaCall call)
    {
        var worker = NgxApi.Worker;
        if (worker is { Phase: LuaPhase.Timer, Timer: { } timer })
        {
            // ngx.exit in a timer ends the timer's coroutine.
            if (call.Count != 1) throw new LuaException("expecting one argument");
            call.CheckNumber(0);
            timer.Exited = true;
            return Threads.CoroutineRoot.Current is { } timerRoot ? timerRoot.Park(call, null) : call.Thread.Suspend(call);
        }
        var request = NgxApi.Request(ExitPhases);
        if (call.Count != 1) throw new LuaException("expecting one argument");
        int status = (int)call.CheckNumber(0);
        var ctx = request.Context;
        if (worker.Phase == LuaPhase.HeaderFilter)
        {
            // In a header filter ngx.exit only changes the status of the response about to go out.
            if (status >= 200) ctx.Response.Status = status;
            return call.Return();
        }
        // nginx complains only about a special status (>= 300) that differs from the one sent,
        // and never about 444 (closing the connection is always allowed).
        if (status >= 300 && status != 444 && ctx.Channel.HeadersSent && status != ctx.Response.Status)
            worker.Log(Logging.LogLevel.Error, $"attempt to set status {status} via ngx.exit after sending out the response status {ctx.Response.Status}");
        request.ExitKind = LuaExitKind.Exit;
        request.ExitStatus = status;
        return Stop(call, request);
    }

    /// <summary>Ends the running thread for good (also from a coroutine the handler made): it is parked and never resumed.</summary>
    private static int Stop(in LuaCall call, LuaRequest request)
    {
        var root = Threads.CoroutineRoot.Current ?? throw new LuaException("no coroutine to stop in this context");
        return root.Park(call, null);
    }

    private static int Exec(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable);
        if (call.Count is < 1 or > 2) throw new LuaException("expecting one or two arguments, but got " + call.Count);
        var uri = call.CheckString(0).ToLatin1();
        if (uri.Length == 0) throw new LuaException("The uri argument is empty");
        string? args = null;
        int question = uri.IndexOf('?');
        if (question >= 0)
        {
            args = uri[(question + 1)..];
            uri = uri[..question];
        }
        if (call.Count == 2 && !call[1].IsNil)
        {
            var a = call[1];
            if (a.Ref is LuaString s) args = s.ToLatin1();
            else if (a.IsNumber) args = LuaNumber.ToLuaString(a.Number).ToLatin1();
            else if (a.Ref is LuaTable t) args = NgxReqArgs.Encode(call, t);
            else throw new LuaException("Bad args type: " + a.TypeName);
        }
        if (request.Context.Channel.HeadersSent) throw new LuaException("attempt to call ngx.exec after sending out response headers");
        request.ExitKind = LuaExitKind.Exec;
        request.ExecUri = uri;
        request.ExecArgs = args;
        return Stop(call, request);
    }

    private static int Redirect(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Yieldable);
        if (call.Count is < 1 or > 2) throw new LuaException("expecting one or two arguments");
        var uri = call.CheckString(0);
        int status = 302;
        if (call.Count == 2)
        {
            status = (int)call.CheckNumber(1);
            if (status is not (301 or 302 or 303 or 307 or 308))
                throw new LuaException("only ngx.HTTP_MOVED_TEMPORARILY, ngx.HTTP_MOVED_PERMANENTLY, ngx.HTTP_PERMANENT_REDIRECT, ngx.HTTP_SEE_OTHER, and ngx.HTTP_TEMPORARY_REDIRECT are allowed");
        }
        if (request.Context.Channel.HeadersSent) throw new LuaException("attempt to call ngx.redirect after sending out the headers");
        // A control byte in the target would split the header: ngx_lua refuses it.
        foreach (byte b in uri.Span)
        {
            if (b >= 0x20 && b != 0x7f) continue;
            var shown = new StringBuilder();
            foreach (byte c in uri.Span)
                if (c < 0x20 || c >= 0x7f) shown.Append("\\x").Append(((int)c).ToString("X2"));
                else shown.Append((char)c);
            throw call.Thread.RuntimeError($"unsafe byte \"0x{b:x2}\" in redirect uri \"{shown}\"");
        }
        request.ExitKind = LuaExitKind.Redirect;
        request.ExitStatus = status;
        request.ExecUri = uri.ToLatin1();
        return Stop(call, request);
    }

    private static int Sleep(LuaCall call)
    {
        // A timer has no request: it parks its own coroutine.
        var timer = NgxApi.Worker is { Phase: LuaPhase.Timer, Timer: { } t } ? t : null;
        var request = timer is null ? NgxApi.Request(PhaseMask.Yieldable | PhaseMask.Timer) : null;
        if (call.Count != 1) throw new LuaException("attempt to pass " + call.Count + " arguments, but accepted 1");
        double seconds = call.CheckNumber(0);
        if (seconds < 0 || double.IsNaN(seconds)) throw new LuaException("invalid sleep duration \"" + (long)(seconds * 1000) + "\"");
        int ms = (int)Math.Min(seconds * 1000, int.MaxValue);
        Func<ValueTask<LuaValue[]>> work = async () =>
        {
            // Output buffered so far goes out first, as nginx's output chain is not held across a sleep.
            if (ms == 0) await Task.Yield();
            else await WorkerSleep.For(ms);
            return Array.Empty<LuaValue>();
        };
        return NgxApi.Park(call, request, work);
    }

    private static int OnAbort(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Rewrite | PhaseMask.Access | PhaseMask.Content | PhaseMask.ServerRewrite);
        // ngx_lua's order: a second call, then the directive, then the argument (checked on nginx).
        if (request.OnAbort is not null) return call.Return(LuaValue.Nil, NgxApi.Str("duplicate call"));
        if (!request.Context.Settings.LuaCheckClientAbort)
            return call.Return(LuaValue.Nil, NgxApi.Str("lua_check_client_abort is off"));
        if (call[0].AsFunction is not LuaFunction handler) throw new LuaException("bad argument #1 to '?' (Lua function expected)");
        request.OnAbort = handler;
        return call.Return(1);
    }
}
