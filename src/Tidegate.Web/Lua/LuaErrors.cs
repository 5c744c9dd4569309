using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua;

/// <summary>Lua errors as nginx's log lines word them.</summary>
public static class LuaErrors
{
    /// <summary>The error value as text (a non-string error object reads as Lua would print it).</summary>
    public static string Message(LuaValue value) => value.Ref switch
    {
        LuaString s => s.ToLatin1(),
        null => "nil",
        _ => value.IsNumber ? value.ToString() : value.IsBoolean ? (value.AsBoolean ? "true" : "false") : "(error object is a " + value.TypeName + " value)",
    };

    /// <summary>Message then "stack traceback:" lines, as ngx_lua appends them.</summary>
    public static string Describe(LuaException e, bool coroutine = false)
    {
        string message = e is LuaCompileException ? e.Message : Message(e.Value);
        if (e is LuaCompileException || e.LuaStackTrace is not { } trace) return message;
        if (coroutine && trace.StartsWith("stack traceback:", StringComparison.Ordinal))
            trace = "stack traceback:\ncoroutine 0:" + trace["stack traceback:".Length..];
        return message + "\n" + trace;
    }
}
