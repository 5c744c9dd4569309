using System.Text;

namespace Tidegate.Lua.Runtime;

// Raising errors with Lua's position prefix, naming the running function, and tracebacks, all read from
// the call-frame record stack (Frames/FrameCount/CurrentSite).
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
    public string Where(int level)
    {
        int index = FrameCount - level;
        if (level < 1 || index < 0) return "";
        if (Frames[index].Function is not LuaClosure closure) return "";
        return closure.Proto.ShortSource + ":" + closure.Proto.LineOfSite(SiteOfRecord(index)) + ": ";
    }

    /// <summary>The site record <paramref name="index"/> is at: the current one for the innermost record.</summary>
    private int SiteOfRecord(int index) => index == FrameCount - 1 ? CurrentSite : Frames[index + 1].CallerSite;

    /// <summary>The current line of the Lua function <paramref name="level"/> levels up, or -1.</summary>
    public int CurrentLineAt(int level)
    {
        int index = FrameCount - level;
        if (level < 1 || index < 0 || Frames[index].Function is not LuaClosure closure) return -1;
        return closure.Proto.LineOfSite(SiteOfRecord(index));
    }

    /// <summary>The name of a running host function as its call site names it, as LuaJIT's messages use it.</summary>
    public string CurrentHostFunctionName(HostFunction function)
    {
        // The host function has no record of its own: the innermost record is its caller. Called from Lua,
        // the caller's current site is the call; called from a host function (pcall), LuaJIT says '?'.
        return CurrentCallName();
    }

    /// <summary>The name the innermost Lua function's current call site uses for its callee, or "?".</summary>
    public string CurrentCallName()
    {
        if (FrameCount > 0 && Frames[FrameCount - 1].Function is LuaClosure closure)
            return closure.Proto.NameOfSite(CurrentSite) ?? "?";
        return "?";
    }

    /// <summary>
    /// True when the innermost Lua function's current call is a method call (<c>o:m()</c>): LuaJIT's
    /// "bad argument" messages then count arguments without self (#1 is the first after self).
    /// </summary>
    public bool CurrentCallIsMethod() =>
        FrameCount > 0 && Frames[FrameCount - 1].Function is LuaClosure closure && closure.Proto.IsMethodSite(CurrentSite);

    /// <summary>The function running <paramref name="level"/> levels up (1 = the caller of the running host function), or null.</summary>
    public LuaFunction? GetFunctionAtLevel(int level)
    {
        int index = FrameCount - level;
        // Host code that called into Lua (LuaState.Call, a library calling back) has a record of its own:
        // the outermost level of the main thread is that host frame, as LuaJIT's C entry frame.
        return level < 1 || index < 0 ? null : Frames[index].Function;
    }


    /// <summary>How many levels of Lua and recorded host functions are running.</summary>
    public int CallDepth => FrameCount;

    /// <summary>
    /// A traceback as LuaJIT's debug.traceback formats it, starting <paramref name="level"/> levels up
    /// (1 = the function calling the running host function).
    /// </summary>
    public string Traceback(string? message, int level)
    {
        var sb = new StringBuilder();
        if (message is not null) sb.Append(message).Append('\n');
        sb.Append("stack traceback:");
        if (IsCoroutine && Status == CoroutineStatus.Suspended)
        {
            AppendSuspendedFrames(sb, level);
            return sb.ToString();
        }
        for (int index = FrameCount - level; index >= 0; index--)
        {
            var f = Frames[index].Function;
            sb.Append("\n\t");
            if (f is LuaClosure c)
            {
                var p = c.Proto;
                sb.Append(p.ShortSource).Append(':').Append(p.LineOfSite(SiteOfRecord(index))).Append(": in ");
                if (p.IsMainChunk) { sb.Append("main chunk"); continue; }
                string? name = index > 0 && Frames[index - 1].Function is LuaClosure caller
                    ? caller.Proto.NameOfSite(Frames[index].CallerSite) : null;
                if (name is not null) sb.Append("function '").Append(name).Append('\'');
                else sb.Append("function <").Append(p.ShortSource).Append(':').Append(p.LineDefined).Append('>');
            }
            else if (ReferenceEquals(f, HostFrame))
            {
                // A host function that called Lua: named by its call site, left out when it has no name
                // (the host code that started the thread, or a runtime error's handler call).
                string? name = index > 0 && Frames[index - 1].Function is LuaClosure caller
                    ? caller.Proto.NameOfSite(Frames[index].CallerSite) : null;
                if (name is null)
                {
                    // The host code that started the main thread is LuaJIT's outermost C frame, printed
                    // with its address (here a stable one per state); other unnamed host frames are left out.
                    if (index == 0 && !IsCoroutine) sb.Append("[C]: at ").Append(ObjectIdentity.AddressOf(State));
                    else sb.Length -= 2;
                    continue;
                }
                sb.Append("[C]: in function '").Append(name).Append('\'');
            }
            else
            {
                // A running host function with a record (pcall, xpcall, one that raised an error): named by
                // its call site as LuaJIT names it (`local r = string.rep; r()` is 'r'; one tail-called by
                // f is 'f'); without a name, LuaJIT prints its address.
                string? name = index > 0 && Frames[index - 1].Function is LuaClosure caller
                    ? caller.Proto.NameOfSite(Frames[index].CallerSite) : null;
                if (name is null) sb.Append("[C]: at ").Append(ObjectIdentity.AddressOf(f));
                else sb.Append("[C]: in function '").Append(name).Append('\'');
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// A suspended coroutine has no running frames, only saved ones (innermost first): level 0 is the
    /// host function that yielded, then the Lua functions that called it (LuaJIT's levels for another thread).
    /// </summary>
    private void AppendSuspendedFrames(StringBuilder sb, int level)
    {
        var frames = SuspendedFrames;
        for (int i = Math.Max(level, 0); i < frames.Count; i++)
        {
            var caller = i + 1 < frames.Count ? frames[i + 1] as CompiledFrameState : null;
            string? name = caller?.Function is LuaClosure cc ? cc.Proto.NameOfSite(cc.Proto.ResumeSites[caller.ResumePoint]) : null;
            sb.Append("\n\t");
            if (frames[i] is CompiledFrameState { Function: LuaClosure c } f)
            {
                var p = c.Proto;
                sb.Append(p.ShortSource).Append(':').Append(p.LineOfSite(p.ResumeSites[f.ResumePoint])).Append(": in ");
                if (p.IsMainChunk) sb.Append("main chunk");
                else if (name is not null) sb.Append("function '").Append(name).Append('\'');
                else sb.Append("function <").Append(p.ShortSource).Append(':').Append(p.LineDefined).Append('>');
            }
            else
            {
                sb.Append(name is null ? "[C]: in ?" : "[C]: in function '" + name + "'");
            }
        }
    }
}
