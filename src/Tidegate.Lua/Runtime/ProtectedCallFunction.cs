namespace Tidegate.Lua.Runtime;

/// <summary>
/// pcall and xpcall. Not plain host functions: a coroutine may yield through them (as LuaJIT allows), so
/// when the protected call yields they save a <see cref="SuspendedFrame"/> of their own and, when
/// resumed, continue the protected call under the same protection.
/// xpcall's handler runs in an exception filter, i.e. before the stack unwinds, so it sees the stack of
/// the error (debug.traceback inside it shows where the error happened, as in LuaJIT).
/// </summary>
public sealed class ProtectedCallFunction : LuaFunction
{
    private readonly bool _withHandler;

    public ProtectedCallFunction(bool withHandler) => _withHandler = withHandler;

    public override string Name => _withHandler ? "xpcall" : "pcall";

    public override int Invoke(LuaThread thread, int argBase, int argCount)
    {
        thread.Top = argBase + argCount;
        LuaValue handler = default;
        if (argCount < 1)
            throw thread.RuntimeError($"bad argument #1 to '{thread.CurrentCallName()}' (value expected)");
        if (_withHandler)
        {
            if (argCount < 2 || thread.Stack[argBase + 1].Ref is not LuaFunction)
                throw thread.RuntimeError($"bad argument #2 to '{thread.CurrentCallName()}' (function expected, got {(argCount < 2 ? "no value" : thread.Stack[argBase + 1].TypeName)})");
            handler = thread.Stack[argBase + 1];
            // The function's arguments move down over the handler, so results land right after the status.
            var s = thread.Stack;
            Array.Copy(s, argBase + 2, s, argBase + 1, argCount - 2);
            argCount--;
        }
        thread.EnterFrame(this);
        return Run(thread, argBase, argCount - 1, handler, resuming: false);
    }

    /// <summary>Runs (or, resuming, continues) the protected call; results go after the status at argBase.</summary>
    private int Run(LuaThread thread, int argBase, int argCount, LuaValue handler, bool resuming)
    {
        int frames = thread.FrameCount;
        int nonYieldable = thread.NonYieldableDepth;
        int site = thread.CurrentSite;
        int top = thread.Top;
        var caught = new HandlerResult();
        try
        {
            int fb = argBase + 1;
            int n;
            if (resuming)
            {
                n = thread.ResumeSuspended();
            }
            else
            {
                int fc = argCount;
                var f = thread.ResolveCallable(thread.Stack[argBase], ref fb, ref fc);
                n = thread.InvokeFunction(f, fb, fc);
            }
            if (n < 0) n = thread.FinishTailCalls(argBase + 1, n);
            if (n == CallStatus.Yield)
            {
                thread.SuspendedFrames.Add(new ContinuationFrame(t =>
                {
                    t.EnterFrame(this);
                    return Run(t, argBase, 0, handler, resuming: true);
                }));
                thread.ExitFrame();
                return CallStatus.Yield;
            }
            thread.Stack[argBase] = LuaValue.True;
            thread.ExitFrame();
            return n + 1;
        }
        catch (LuaException e) when (RunHandler(thread, handler, e.Value, caught))
        {
            return Failed(thread, argBase, frames, nonYieldable, site, top, caught.Value);
        }
        catch (Exception e) when (HostExceptions.IsConvertible(e) && RunHandler(thread, handler, HostExceptions.ToLuaError(thread, e).Value, caught))
        {
            return Failed(thread, argBase, frames, nonYieldable, site, top, caught.Value);
        }
    }

    private sealed class HandlerResult
    {
        public LuaValue Value;
    }

    /// <summary>The exception filter: runs xpcall's handler at the error point (pcall just keeps the value).</summary>
    private static bool RunHandler(LuaThread thread, LuaValue handler, LuaValue error, HandlerResult result)
    {
        if (handler.IsNil)
        {
            result.Value = error;
            return true;
        }
        int allowance = thread.HandlerAllowance;
        thread.HandlerAllowance = 2;
        try
        {
            thread.CallFromErrorPoint = true;
            result.Value = thread.Call1(handler, error);
        }
        catch (Exception)
        {
            result.Value = LuaString.FromUtf8("error in error handling");
        }
        finally
        {
            thread.HandlerAllowance = allowance;
        }
        return true;
    }

    private static int Failed(LuaThread thread, int argBase, int frames, int nonYieldable, int site, int top, LuaValue error)
    {
        thread.FrameCount = frames - 1; // our own record goes too
        thread.NonYieldableDepth = nonYieldable;
        thread.CurrentSite = site;
        thread.Top = top;
        thread.RestoringFrame = null;
        thread.PendingTailCall = null;
        thread.EnsureStack(argBase + 2);
        thread.Stack[argBase] = LuaValue.False;
        thread.Stack[argBase + 1] = error;
        return 2;
    }
}
