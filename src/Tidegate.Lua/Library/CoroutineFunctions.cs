using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

// coroutine.resume, coroutine.yield and the functions coroutine.wrap returns: one call each per resume or
// yield, so they override HostFunction.Invoke instead of going through a body delegate. A body receives
// its LuaCall (32 bytes) by value on the stack; the callee's 16-byte copy of it read the caller's 8-byte
// stores back before they could be forwarded, a stall that was the hottest instruction of
// bench/lua/coroutine-pingpong's resume. The bodies stay as the fallback for the error cases, so
// messages and tracebacks ([C]: in function 'yield') come from the same code as before.

/// <summary>coroutine.resume(co, ...): true and the values co yielded or returned, or false and its error.</summary>
internal sealed class CoroutineResumeFunction : HostFunction
{
    public CoroutineResumeFunction(HostFunctionBody body) : base("resume", body) { }

    public override int Invoke(LuaThread thread, int argBase, int argCount)
    {
        // No coroutine argument: the body raises the argument error.
        if (argCount == 0 || thread.Stack[argBase].Ref is not LuaThread co) return base.Invoke(thread, argBase, argCount);
        thread.Top = argBase + argCount;
        int frames = thread.FrameCount;
        try
        {
            var args = new ReadOnlySpan<LuaValue>(thread.Stack, argBase + 1, argCount - 1);
            if (!co.ResumeCore(thread, args, out int rb, out int rc, out LuaValue error))
            {
                thread.EnsureStack(argBase + 2);
                thread.Stack[argBase] = LuaValue.False;
                thread.Stack[argBase + 1] = error;
                return 2;
            }
            thread.EnsureStack(argBase + rc + 2);
            thread.Stack[argBase] = LuaValue.True;
            LuaThread.CopyValues(co.Stack.AsSpan(rb, rc), thread.Stack, argBase + 1);
            return rc + 1;
        }
        catch (Exception e) when (thread.RecordRaisingHostFunction(this, frames, e))
        {
            throw; // never reached: the filter only records
        }
    }
}

/// <summary>coroutine.yield(...): suspends the running coroutine, yielding its arguments.</summary>
internal sealed class CoroutineYieldFunction : HostFunction
{
    public CoroutineYieldFunction(HostFunctionBody body) : base("yield", body) { }

    public override int Invoke(LuaThread thread, int argBase, int argCount)
    {
        // Outside a coroutine (or through a C-call boundary) the body raises the error, recorded as LuaJIT shows it.
        if (!thread.IsYieldable) return base.Invoke(thread, argBase, argCount);
        thread.Top = argBase + argCount;
        return thread.YieldValues(argBase, argCount);
    }
}

/// <summary>
/// A function made by coroutine.wrap: each call resumes its coroutine with the call's arguments and
/// returns what it yields or returns; an error is raised in the caller, a string or number one with the
/// position of the call prepended (as 5.1's auxwrap does).
/// </summary>
internal sealed class WrappedCoroutineFunction : HostFunction
{
    private readonly LuaThread _coroutine;

    public WrappedCoroutineFunction(LuaThread coroutine)
        : base("wrap", static call => ((WrappedCoroutineFunction)call.Function).Run(call.Thread, call.Base, call.Count)) =>
        _coroutine = coroutine;

    public override int Invoke(LuaThread thread, int argBase, int argCount)
    {
        thread.Top = argBase + argCount;
        int frames = thread.FrameCount;
        try
        {
            return Run(thread, argBase, argCount);
        }
        catch (Exception e) when (thread.RecordRaisingHostFunction(this, frames, e))
        {
            throw; // never reached: the filter only records
        }
    }

    private int Run(LuaThread thread, int argBase, int argCount)
    {
        var co = _coroutine;
        var args = new ReadOnlySpan<LuaValue>(thread.Stack, argBase, argCount);
        if (!co.ResumeCore(thread, args, out int rb, out int rc, out LuaValue error)) throw WrapError(thread, error);
        thread.EnsureStack(argBase + rc + 1);
        LuaThread.CopyValues(co.Stack.AsSpan(rb, rc), thread.Stack, argBase);
        return rc;
    }

    private static LuaException WrapError(LuaThread thread, LuaValue error)
    {
        if (error.Ref is LuaString || error.IsNumber)
        {
            var text = error.Ref as LuaString ?? LuaNumber.ToLuaString(error.Number);
            string where = thread.Where(1);
            error = where.Length > 0 ? LuaString.Concat(LuaString.FromUtf8(where), text) : text;
        }
        return new LuaException(error);
    }
}
