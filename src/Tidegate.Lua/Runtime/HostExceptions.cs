namespace Tidegate.Lua.Runtime;

/// <summary>
/// Turns .NET exceptions that escape from host code into Lua errors, so no input can crash the process
/// through a library bug or an embedder's function.
/// </summary>
internal static class HostExceptions
{
    /// <summary>Exceptions that become Lua errors; fatal runtime conditions are left alone.</summary>
    public static bool IsConvertible(Exception e) =>
        e is not LuaException and not MetaCallYield and not OutOfMemoryException and not ThreadAbortException and not StackOverflowException;

    public static LuaException ToLuaError(LuaThread thread, Exception e)
    {
        if (e is InsufficientExecutionStackException) return thread.RuntimeError("stack overflow");
        if (e is NotImplementedException) return thread.RuntimeError("not implemented: " + e.Message);
        return thread.RuntimeError(e.GetType().Name + ": " + e.Message);
    }
}
