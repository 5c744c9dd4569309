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
