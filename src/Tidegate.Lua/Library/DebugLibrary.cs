using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// The <c>debug</c> library as LuaJIT 2.1 provides it, over what the runtime records: the call-frame record
/// stack (levels, lines, call-site names), closures' prototypes and upvalue cells, and the per-type
/// metatables. What the compiler does not record (local variable names, hooks) fails with an error naming it.
/// </summary>
public static class DebugLibrary
{
    public static void Open(LuaState state)
    {
        var debug = new LuaTable(0, 20);
        Register(debug, "getmetatable", call => call.Return(call.State.GetMetatable(call.CheckAny(0))));
        Register(debug, "setmetatable", SetMetatable);
        Register(debug, "getregistry", call => call.Return(call.State.Registry));
        Register(debug, "getfenv", GetFenv);
        Register(debug, "setfenv", SetFenv);
        Register(debug, "traceback", Traceback);
        Register(debug, "getinfo", GetInfo);
        Register(debug, "getlocal", call => throw LocalAccess(call, "debug.getlocal"));
        Register(debug, "setlocal", call => throw LocalAccess(call, "debug.setlocal"));
        Register(debug, "getupvalue", call => UpvalueAccess(call, set: false));
        Register(debug, "setupvalue", call => UpvalueAccess(call, set: true));
        Register(debug, "upvalueid", UpvalueId);
        Register(debug, "upvaluejoin", call =>
            throw call.Thread.RuntimeError("debug.upvaluejoin is not supported: compiled closures cannot replace their upvalue cells"));
        Register(debug, "sethook", SetHook);
        Register(debug, "gethook", call =>
        {
            var (thread, _) = ThreadArgument(call);
            return call.Return(InertHooks.TryGetValue(thread, out var f) ? f : LuaValue.Nil, LuaString.Empty, 0);
        });
        Register(debug, "debug", DebugPrompt);
        state.Globals["debug"] = debug;
    }

    private static void Register(LuaTable table, string name, HostFunctionBody body) =>
        table[name] = new HostFunction(name, body);

    /// <summary>
    /// getlocal/setlocal: the arguments are checked as LuaJIT checks them (so a bad level reads the same),
    /// then the call fails, since compiled code does not record its locals' names or slots.
    /// </summary>
    private static LuaException LocalAccess(LuaCall call, string what)
    {
        var (thread, arg) = ThreadArgument(call);
        if (call[arg].Ref is not LuaFunction)
        {
            int level = (int)OsLibrary.TimeT(call.CheckNumber(arg));
            call.CheckNumber(arg + 1);
            bool exists = level == 0 ? thread == call.Thread : level > 0 && thread.GetFunctionAtLevel(level) is not null;
            if (!exists) return call.ArgError(arg, "level out of range");
        }
        return call.Thread.RuntimeError($"{what} is not supported: the compiler does not record local variable information");
    }

    // ---- metatables and environments ----

    private static int SetMetatable(LuaCall call)
    {
        var v = call[0];
        var mtValue = call[1];
        if (!mtValue.IsNil && !mtValue.IsTable) throw call.ArgError(1, "nil or table expected");
        var mt = mtValue.AsTable;
        var state = call.State;
        switch (v.Type)
        {
            case LuaType.Table: v.AsTable!.Metatable = mt; break;
            case LuaType.Userdata when v.Ref is LuaUserdata u: u.Metatable = mt; break;
            case LuaType.String: state.StringMetatable = mt; break;
            case LuaType.Number: state.NumberMetatable = mt; break;
            case LuaType.Boolean: state.BooleanMetatable = mt; break;
            case LuaType.Nil: state.NilMetatable = mt; break;
            case LuaType.Function: state.FunctionMetatable = mt; break;
            case LuaType.Thread: state.ThreadMetatable = mt; break;
            default: throw call.ArgError(0, $"cannot set the metatable of a {v.TypeName} value");
        }
        return call.Return(LuaValue.True);
    }

    private static int GetFenv(LuaCall call)
    {
        var v = call[0];
        return v.Ref switch
        {
            LuaClosure c => call.Return(c.Environment),
            LuaFunction or LuaThread => call.Return(call.State.Globals),
            LuaUserdata u => call.Return(u.Environment),
            _ => call.Return(LuaValue.Nil),
        };
    }

    private static int SetFenv(LuaCall call)
    {
        var target = call[0];
        var env = call[1].AsTable ?? throw call.TypeError(1, "table");
        switch (target.Ref)
        {
            case LuaClosure c: c.Environment = env; break;
            case LuaUserdata u: u.Environment = env; break;
            // LuaJIT gives host functions and threads environments of their own; these runtime objects have none.
            case HostFunction or LuaThread:
                throw call.Thread.RuntimeError($"debug.setfenv on a {target.TypeName} is not supported: host functions and threads have no environment of their own here");
            default: throw call.Thread.RuntimeError("'setfenv' cannot change environment of given object");
        }
        return call.Return(target);
    }

    // ---- tracebacks and frame information ----

    /// <summary>An optional leading thread argument (LuaJIT's getthread): the thread and the index of the next argument.</summary>
    private static (LuaThread Thread, int Next) ThreadArgument(LuaCall call) =>
        call[0].Ref is LuaThread t ? (t, 1) : (call.Thread, 0);

    private static int Traceback(LuaCall call)
    {
        var (thread, arg) = ThreadArgument(call);
        var m = call[arg];
        LuaString? message = m.Ref as LuaString ?? (m.IsNumber ? LuaNumber.ToLuaString(m.Number) : null);
        // A message that is not a string is returned untouched, as LuaJIT does (an error object passing through).
        if (message is null && call.Count > arg) return call.Return(m);
        bool self = thread == call.Thread;
        int level = call[arg + 1].IsNil ? (self ? 1 : 0) : (int)OsLibrary.TimeT(call.CheckNumber(arg + 1));

        string text;
        if (self && level <= 0)
        {
            // Level 0 is traceback itself, a host function with no frame record of its own.
            string rest = thread.Traceback(null, 1)["stack traceback:".Length..];
            text = "stack traceback:\n\t[C]: in function 'traceback'" + rest;
        }
        else text = thread.Traceback(null, Math.Max(level, 1));

        // The message stays bytes; only the traceback itself is text.
        var traceback = System.Text.Encoding.UTF8.GetBytes(text);
        if (message is null) return call.Return(new LuaString(traceback));
        var bytes = new byte[message.Length + 1 + traceback.Length];
        message.Span.CopyTo(bytes);
        bytes[message.Length] = (byte)'\n';
        traceback.CopyTo(bytes, message.Length + 1);
        return call.Return(new LuaString(bytes));
    }

    private static int GetInfo(LuaCall call)
    {
        var (thread, arg) = ThreadArgument(call);
        var options = call.OptString(arg + 1, null)?.ToLatin1() ?? "flnSu";
        var target = call[arg];
        LuaFunction function;
        int level = -1;
        if (target.IsNumber || (target.Ref is LuaString text && LuaNumber.TryParse(text.Span, out _)))
        {
            level = (int)OsLibrary.TimeT(call.CheckNumber(arg));
            var f = level == 0 && thread == call.Thread ? call.Function : thread.GetFunctionAtLevel(level);
            if (level < 0 || f is null) return call.Return(LuaValue.Nil);
            function = f;
        }
        else if (target.Ref is LuaFunction f) function = f;
        else throw call.ArgError(arg, "function or level expected");

        foreach (char o in options)
            if ("SlunfL".IndexOf(o) < 0) throw call.ArgError(arg + 1, "invalid option");

        var info = new LuaTable(0, 16);
        var closure = function as LuaClosure;
        var proto = closure?.Proto;
        foreach (char o in options)
        {
            switch (o)
            {
                case 'S':
                    info["source"] = LuaString.FromUtf8(proto?.ChunkName ?? "=[C]");
                    info["short_src"] = LuaString.FromUtf8(proto?.ShortSource ?? "[C]");
                    info["linedefined"] = proto?.LineDefined ?? -1;
                    info["lastlinedefined"] = proto?.LastLineDefined ?? -1;
                    info["what"] = LuaString.FromUtf8(proto is null ? "C" : proto.IsMainChunk ? "main" : "Lua");
                    break;
                case 'l':
                    info["currentline"] = level > 0 && proto is not null ? thread.CurrentLineAt(level) : -1;
                    break;
                case 'u':
                    info["nups"] = closure?.GetUpvalueCells().Length ?? 0;
                    break;
                case 'n':
                {
                    string? name = level < 0 ? null : CallSiteName(call, thread, level);
                    if (name is not null) info["name"] = LuaString.FromUtf8(name);
                    info["namewhat"] = LuaString.FromUtf8(name is null ? "" : NameKind(thread, level, name, function));
                    break;
                }
                case 'f':
                    info["func"] = function;
                    break;
                case 'L':
                    if (proto is not null)
                    {
                        // Lines that hold code, as far as the runtime knows them: every site's line and the final 'end'.
                        var lines = new LuaTable();
                        foreach (int line in proto.SiteLines) lines[line] = LuaValue.True;
                        if (!proto.IsMainChunk) lines[proto.LastLineDefined] = LuaValue.True;
                        info["activelines"] = lines;
                    }
                    break;
            }
        }
        return call.Return(info);
    }

    /// <summary>The name the caller of the function at <paramref name="level"/> used for it, if known.</summary>
    private static string? CallSiteName(LuaCall call, LuaThread thread, int level)
    {
        if (level == 0) return thread == call.Thread ? NullIfUnknown(thread.CurrentHostFunctionName(call.Function)) : null;
        int index = thread.FrameCount - level;
        if (index <= 0 || index >= thread.FrameCount) return null;
        return thread.Frames[index - 1].Function is LuaClosure caller ? caller.Proto.NameOfSite(thread.Frames[index].CallerSite) : null;
    }

    private static string? NullIfUnknown(string name) => name == "?" ? null : name;

    /// <summary>
    /// LuaJIT's namewhat. The runtime records whether a call site is a method call, but not the kind of
    /// any other name, so that is inferred: a name the caller's environment binds to this very function is
    /// "global", one the caller holds as an upvalue is "upvalue", and anything else "local" (a field access,
    /// LuaJIT's "field", cannot be told from a local here).
    /// </summary>
    private static string NameKind(LuaThread thread, int level, string name, LuaFunction function)
    {
        LuaClosure? caller;
        int site;
        if (level == 0)
        {
            caller = thread.FrameCount > 0 ? thread.Frames[thread.FrameCount - 1].Function as LuaClosure : null;
            site = thread.CurrentSite;
        }
        else
        {
            int index = thread.FrameCount - level;
            caller = index > 0 && index < thread.FrameCount ? thread.Frames[index - 1].Function as LuaClosure : null;
            site = index > 0 && index < thread.FrameCount ? thread.Frames[index].CallerSite : -1;
        }
        if (caller is null) return "";
        if (caller.Proto.IsMethodSite(site)) return "method";
        if (ReferenceEquals(caller.Environment.Get(LuaString.FromUtf8(name)).Ref, function)) return "global";
        if (Array.IndexOf(caller.Proto.UpvalueNames, name) >= 0) return "upvalue";
        return "local";
    }

    // ---- upvalues ----

    private static int UpvalueAccess(LuaCall call, bool set)
    {
        var f = call.CheckFunction(0);
        int n = (int)OsLibrary.TimeT(call.CheckNumber(1));
        if (set) call.CheckAny(2);
        if (f is not LuaClosure closure) return call.Return();
        var cells = closure.GetUpvalueCells();
        if (n < 1 || n > cells.Length) return call.Return();
        var names = closure.Proto.UpvalueNames;
        var name = LuaString.FromUtf8(n - 1 < names.Length ? names[n - 1] : "");
        if (!set) return call.Return(name, cells[n - 1].Value);
        cells[n - 1].Value = call[2];
        return call.Return(name);
    }

    // Identity tokens for upvalue cells: the same cell always gives the same value, as LuaJIT's light userdata does.
    private static readonly ConditionalWeakTable<UpvalueCell, LuaUserdata> UpvalueIds = new();

    private static int UpvalueId(LuaCall call)
    {
        var f = call.CheckFunction(0);
        int n = (int)OsLibrary.TimeT(call.CheckNumber(1));
        var cells = (f as LuaClosure)?.GetUpvalueCells() ?? Array.Empty<UpvalueCell>();
        if (n < 1 || n > cells.Length) throw call.ArgError(1, "index out of range");
        return call.Return(UpvalueIds.GetValue(cells[n - 1], static _ => new LuaUserdata()));
    }

    // ---- hooks and the interactive prompt ----

    // Hook functions set with nothing to fire on, per thread, for gethook to report.
    private static readonly ConditionalWeakTable<LuaThread, LuaFunction> InertHooks = new();

    private static int SetHook(LuaCall call)
    {
        var (thread, arg) = ThreadArgument(call);
        // Turning hooks off is always possible: there are none.
        if (call[arg].IsNil)
        {
            InertHooks.Remove(thread);
            return call.Return();
        }
        var mask = call.CheckString(arg + 1).Span;
        call.CheckFunction(arg);
        int count = call[arg + 2].IsNil ? 0 : (int)OsLibrary.TimeT(call.CheckNumber(arg + 2));
        // An empty mask and no count never fires, so it needs no hook mechanism; LuaJIT still reports the
        // function from gethook afterwards.
        bool any = count > 0 || mask.IndexOfAny("crl"u8) >= 0;
        if (!any)
        {
            InertHooks.AddOrUpdate(thread, (LuaFunction)call[arg].Ref!);
            return call.Return();
        }
        throw call.Thread.RuntimeError("debug.sethook is not supported: the compiler has no hook mechanism for call, return, line or count hooks yet");
    }

    /// <summary>debug.debug: runs each line read from stdin as a chunk until "cont" or end of input.</summary>
    private static int DebugPrompt(LuaCall call)
    {
        var state = call.State;
        var thread = call.Thread;
        var stdin = IoLibrary.StandardInput(state);
        while (true)
        {
            WriteError(state, "lua_debug> "u8);
            if (stdin is null || !stdin.ReadLine(true, out var line) || line.AsSpan().SequenceEqual("cont\n"u8)) break;
            try
            {
                var chunk = state.Load(line, "=(debug command)");
                thread.Call(chunk, thread.Top, 0);
            }
            catch (LuaException e)
            {
                var v = e.Value;
                var text = v.Ref is LuaString s ? s : v.IsNumber ? LuaNumber.ToLuaString(v.Number) : LuaString.FromUtf8("(error object is not a string)");
                WriteError(state, text.Span);
                WriteError(state, "\n"u8);
            }
        }
        return call.Return();
    }

    private static void WriteError(LuaState state, ReadOnlySpan<byte> bytes)
    {
        state.StandardError.Write(bytes);
        state.StandardError.Flush();
    }
}
