namespace Tidegate.Lua.Runtime;

/// <summary>
/// Every Lua-callable function: compiled Lua closures and .NET host functions alike.
///
/// Calling convention (the contract every caller and callee keeps):
/// <list type="bullet">
/// <item>The caller writes the arguments to <c>thread.Stack[argBase .. argBase+argCount)</c>, where
/// argBase is the caller's <see cref="LuaThread.Top"/>, and calls <see cref="Invoke"/>.</item>
/// <item>The callee owns the stack from argBase upwards; it sets <see cref="LuaThread.Top"/> to the first
/// slot it does not use before it calls anything (a host function: argBase + argCount).</item>
/// <item>The callee writes its results to <c>thread.Stack[argBase ..]</c> and returns their count.
/// A negative return is a <see cref="CallStatus"/> signal, never a count.</item>
/// <item>After the call the caller resets <see cref="LuaThread.Top"/> to its own value.</item>
/// </list>
/// The stack array may be replaced when it grows (<see cref="LuaThread.EnsureStack"/>): never keep a
/// reference into it across a call.
/// </summary>
public abstract class LuaFunction
{
    /// <summary>Calls the function; see the type comment for the protocol.</summary>
    public abstract int Invoke(LuaThread thread, int argBase, int argCount);

    /// <summary>A name for messages and tracebacks ("insert", "main chunk"), or null.</summary>
    public virtual string? Name => null;

    /// <summary>
    /// Set by compiled closures whose <see cref="Invoke1"/>..<see cref="Invoke4"/> run the body with the arguments
    /// as .NET arguments (FunctionCompiler.DirectCalls.cs), and by the few host functions that answer their usual
    /// case in such an entry (string.byte, string.sub, string.find); a call site prefers those entries only then, since
    /// for any other function they would only put the arguments on the stack and call <see cref="Invoke"/>.
    /// </summary>
    public bool TakesArgumentsInRegisters;

    // Per-arity entries: a call with 1-4 arguments (argCount is always that number, so the entries' parameters
    // line up with Invoke's). They return the first result as their value and put the status (a result count
    // or a negative CallStatus) in LuaThread.DirectStatus: status 1 means the returned value is the single
    // result, which need not be on the stack; any other status means the results are on the stack as after
    // Invoke. These defaults take the general path; compiled closures override them.
    public virtual LuaValue Invoke1(LuaThread thread, int argBase, int argCount, LuaValue a0)
    {
        thread.Stack[argBase] = a0;
        return InvokeFromStack(thread, argBase, 1);
    }

    public virtual LuaValue Invoke2(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1)
    {
        var stack = thread.Stack;
        stack[argBase] = a0;
        stack[argBase + 1] = a1;
        return InvokeFromStack(thread, argBase, 2);
    }

    public virtual LuaValue Invoke3(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1, LuaValue a2)
    {
        var stack = thread.Stack;
        stack[argBase] = a0;
        stack[argBase + 1] = a1;
        stack[argBase + 2] = a2;
        return InvokeFromStack(thread, argBase, 3);
    }

    public virtual LuaValue Invoke4(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1, LuaValue a2, LuaValue a3)
    {
        var stack = thread.Stack;
        stack[argBase] = a0;
        stack[argBase + 1] = a1;
        stack[argBase + 2] = a2;
        stack[argBase + 3] = a3;
        return InvokeFromStack(thread, argBase, 4);
    }

    // Main-thread entries. Code on a thread that is not a coroutine can never be suspended (a yield there is an
    // error), so compiled closures may have a second body without the yield machinery (no resume points, no frame
    // save or restore: see Emit/FunctionCompiler.MainThreadBody.cs). These entries run it; they are called only
    // with a thread that is not a coroutine: by such a body's own call sites (its thread is the caller's) and by
    // host code that checked (LuaThread.InvokeFunction). The defaults run the ordinary entries, which are correct
    // on any thread.
    public virtual int InvokeMain(LuaThread thread, int argBase, int argCount) => Invoke(thread, argBase, argCount);

    public virtual LuaValue Invoke1Main(LuaThread thread, int argBase, int argCount, LuaValue a0) =>
        Invoke1(thread, argBase, argCount, a0);

    public virtual LuaValue Invoke2Main(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1) =>
        Invoke2(thread, argBase, argCount, a0, a1);

    public virtual LuaValue Invoke3Main(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1, LuaValue a2) =>
        Invoke3(thread, argBase, argCount, a0, a1, a2);

    public virtual LuaValue Invoke4Main(LuaThread thread, int argBase, int argCount, LuaValue a0, LuaValue a1, LuaValue a2, LuaValue a3) =>
        Invoke4(thread, argBase, argCount, a0, a1, a2, a3);

    private LuaValue InvokeFromStack(LuaThread thread, int argBase, int argCount)
    {
        int status = Invoke(thread, argBase, argCount);
        thread.DirectStatus = status;
        return status > 0 ? thread.Stack[argBase] : default;
    }
}

/// <summary>Negative <see cref="LuaFunction.Invoke"/> results: control signals, not result counts.</summary>
public static class CallStatus
{
    /// <summary>
    /// The callee asked for a proper tail call: the function to call is in
    /// <see cref="LuaThread.PendingTailCall"/>, its arguments at argBase, their count in
    /// <see cref="LuaThread.PendingTailCallArgCount"/>. The caller runs it (see <see cref="LuaThread.FinishTailCalls"/>).
    /// </summary>
    public const int TailCall = -1;

    /// <summary>
    /// The running coroutine is suspending: every Lua frame on the way out saves its state and returns
    /// <see cref="Yield"/> too, until the coroutine's resume point is reached.
    /// </summary>
    public const int Yield = -2;
}
