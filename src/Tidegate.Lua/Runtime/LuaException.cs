namespace Tidegate.Lua.Runtime;

/// <summary>
/// A Lua error in flight. It carries the Lua error value (any Lua value, usually a string whose
/// position prefix "chunk:line: " has already been added where Lua adds it).
/// </summary>
public class LuaException : Exception
{
    public LuaValue Value { get; }

    /// <summary>The stack traceback captured where the error was raised, when it was asked for.</summary>
    public string? LuaStackTrace { get; set; }

    /// <summary>
    /// Raised by the error function: what LuaJIT leaves on the failed coroutine's stack, bottom first
    /// (error's argument, then the message when a position was added to it); null for other errors.
    /// Hosts that hand a dead coroutine's stack back (ngx_lua's ngx.thread.wait) read it.
    /// </summary>
    public LuaValue[]? LeftOnStack { get; init; }

    public LuaException(LuaValue value) : base(Describe(value)) => Value = value;

    /// <summary>An error whose value is the string <paramref name="message"/>, taken verbatim (no position added).</summary>
    public LuaException(string message) : base(message) => Value = LuaString.FromUtf8(message);

    public LuaException(string message, Exception inner) : base(message, inner) => Value = LuaString.FromUtf8(message);

    private static string Describe(LuaValue v) => v.Ref switch
    {
        LuaString s => s.ToString(),
        null => "nil",
        _ => v.IsNumber ? v.ToString() : "(error object is a " + v.TypeName + " value)",
    };
}
