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
        // ngx_lua logs string and number errors as they are; any other error object is "unknown reason".
        string message = e is LuaCompileException or LuaFileMissingException ? e.Message
            : e.Value.IsString || e.Value.IsNumber ? Message(e.Value) : "unknown reason";
        if (e is LuaCompileException or LuaFileMissingException || e.LuaStackTrace is not { } trace) return message;
        // The host frame that started the run is not a frame nginx's traceback shows.
        int hostFrame = trace.IndexOf("\n\t[C]: at 0x", StringComparison.Ordinal);
        if (hostFrame >= 0)
        {
            int lineEnd = trace.IndexOf('\n', hostFrame + 1);
            trace = trace[..hostFrame] + (lineEnd < 0 ? "" : trace[lineEnd..]);
        }
        if (coroutine && trace.StartsWith("stack traceback:", StringComparison.Ordinal))
            trace = "stack traceback:\ncoroutine 0:" + trace["stack traceback:".Length..];
        return message + "\n" + trace;
    }
}
