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
        Register(debug, "getlocal", call => LocalVariable(call, set: false));
        Register(debug, "setlocal", call => LocalVariable(call, set: true));
        Register(debug, "getupvalue", call => UpvalueAccess(call, set: false));
        Register(debug, "setupvalue", call => UpvalueAccess(call, set: true));
        Register(debug, "upvalueid", UpvalueId);
        Register(debug, "upvaluejoin", call =>
            throw call.Thread.RuntimeError("debug.upvaluejoin is not supported: compiled closures cannot replace their upvalue cells"));
        Register(debug, "sethook", SetHook);
        Register(debug, "gethook", GetHook);
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

    // ---- getlocal/setlocal (compiler engineer's wiring; see LuaThread.TryGetLocal) ----

    /// <summary>
    /// debug.getlocal/setlocal on the running thread's levels. Functions keep their locals where these can
    /// reach them only when compiled with local-variable access (LuaState.CompileLocalAccess); for others,
    /// and for another thread's levels, the call fails with an error saying so.
    /// </summary>
    private static int LocalVariable(LuaCall call, bool set)
    {
        var (thread, arg) = ThreadArgument(call);
        if (!set && call[arg].Ref is LuaFunction f)
        {
            // getlocal(f, n): the parameter names of a Lua function.
            int p = call.CheckInt(arg + 1);
            // (A stripped function has none.)
            return f is LuaClosure c && !c.Proto.IsStripped && p >= 1 && p <= c.Proto.ParameterNames.Length
                ? call.Return(LuaString.FromUtf8(c.Proto.ParameterNames[p - 1]))
                : call.Return(LuaValue.Nil);
        }
        int level = (int)OsLibrary.TimeT(call.CheckNumber(arg));
        int n = call.CheckInt(arg + 1);
        if (thread != call.Thread) throw LocalAccess(call, set ? "debug.setlocal" : "debug.getlocal");
        if (level == 0) return call.Return(LuaValue.Nil); // getlocal itself: a host function has no locals
        string? name;
        if (set)
        {
            if (!thread.TrySetLocal(level, n, call[arg + 2], out name)) throw call.ArgError(arg, "level out of range");
            return call.Return(name is null ? LuaValue.Nil : LuaString.FromUtf8(name));
        }
        if (!thread.TryGetLocal(level, n, out name, out var value)) throw call.ArgError(arg, "level out of range");
        return name is null ? call.Return(LuaValue.Nil) : call.Return(LuaString.FromUtf8(name), value);
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
        // A suspended coroutine starts at level 0, the host function it yielded in; any other thread's
        // levels count from 1 as for the running one.
        else text = thread.Traceback(null, thread.Status == CoroutineStatus.Suspended && !self ? Math.Max(level, 0) : Math.Max(level, 1));

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
        LuaFunction? function;
        int level = -1;
        bool suspended = thread != call.Thread && thread.IsCoroutine && thread.Status == CoroutineStatus.Suspended;
        if (target.IsNumber || (target.Ref is LuaString text && LuaNumber.TryParse(text.Span, out _)))
        {
            level = (int)OsLibrary.TimeT(call.CheckNumber(arg));
            if (suspended)
            {
                if (level < 0 || level >= thread.SuspendedFrames.Count) return call.Return(LuaValue.Nil);
                function = null;
            }
            else
            {
                function = level == 0 && thread == call.Thread ? call.Function : thread.GetFunctionAtLevel(level);
                if (level < 0 || function is null) return call.Return(LuaValue.Nil);
            }
        }
        else if (target.Ref is LuaFunction f) function = f;
        else throw call.ArgError(arg, "function or level expected");

        foreach (char o in options)
            if ("SlunfL".IndexOf(o) < 0) throw call.ArgError(arg + 1, "invalid option");

        FrameView view;
        if (level < 0) view = new FrameView(function, -1, null, null);
        else if (suspended) view = SuspendedFrameView(thread, level);
        else
        {
            var (name, kind) = CallSiteName(call, thread, level);
            bool lua = LuaWrittenBuiltin.Resolve(function!, call.State) is LuaClosure;
            view = new FrameView(function, level > 0 && lua ? thread.CurrentLineAt(level) : -1, name,
                name is null ? null : kind ?? NameKind(thread, level, name, function!));
        }
        return call.Return(FrameInfo(call.State, options, view));
    }

    /// <summary>What getinfo reports about one function or running frame.</summary>
    /// <param name="Function">The function, or null for a host frame of a suspended coroutine (not recorded).</param>
    private readonly record struct FrameView(LuaFunction? Function, int CurrentLine, string? Name, string? NameKind);

    /// <summary>
    /// A level of a suspended coroutine, from its saved frames (innermost first): level 0 is the host
    /// function it yielded in, then the Lua functions that called it. A saved host frame does not record
    /// which function it was, so it reads as an unnamed C function without <c>func</c>.
    /// </summary>
    private static FrameView SuspendedFrameView(LuaThread thread, int level)
    {
        var frames = thread.SuspendedFrames;
        string? name = null, kind = null;
        if (level + 1 < frames.Count && frames[level + 1] is CompiledFrameState { Function: LuaClosure caller } callerFrame)
        {
            int site = caller.Proto.ResumeSites[callerFrame.ResumePoint];
            name = caller.Proto.NameOfSite(site);
            kind = name is null ? null : caller.Proto.NameKindOfSite(site) ?? "";
        }
        if (frames[level] is CompiledFrameState { Function: LuaClosure c } frame)
            return new FrameView(c, c.Proto.LineOfSite(c.Proto.ResumeSites[frame.ResumePoint]), name, kind);
        return new FrameView(null, -1, name, kind);
    }

    private static LuaTable FrameInfo(LuaState state, string options, FrameView view)
    {
        var info = new LuaTable(0, 16);
        var function = view.Function;
        var closure = function is null ? null : LuaWrittenBuiltin.Resolve(function, state) as LuaClosure;
        var proto = closure?.Proto;
        foreach (char o in options)
        {
            switch (o)
            {
                case 'S':
                    // A host function reads as LuaJIT's C functions; a Lua-written builtin as LuaJIT's
                    // ("foreachi", "[builtin:foreachi]", lines -1).
                    info["source"] = LuaString.FromUtf8(proto?.ChunkName ?? "=[C]");
                    info["short_src"] = LuaString.FromUtf8(proto?.ShortSource ?? "[C]");
                    info["linedefined"] = proto?.LineDefined ?? -1;
                    info["lastlinedefined"] = proto?.LastLineDefined ?? -1;
                    info["what"] = LuaString.FromUtf8(proto is null ? "C" : proto.IsMainChunk ? "main" : "Lua");
                    break;
                case 'l':
                    info["currentline"] = view.CurrentLine;
                    break;
                case 'u':
                    // LuaJIT 2.1 adds nparams and isvararg; its C functions count as vararg with no parameters.
                    info["nups"] = closure?.GetUpvalueCells().Length
                        ?? (function is HostFunction host ? HostFunctionUpvalues.Of(host).Length : 0);
                    info["nparams"] = proto?.ParameterCount ?? 0;
                    info["isvararg"] = proto?.IsVararg ?? true;
                    break;
                case 'n':
                    if (view.Name is not null) info["name"] = LuaString.FromUtf8(view.Name);
                    info["namewhat"] = LuaString.FromUtf8(view.Name is null ? "" : view.NameKind ?? "");
                    break;
                case 'f':
                    if (function is not null) info["func"] = function;
                    break;
                case 'L':
                    if (proto is not null)
                    {
                        // The lines that hold code, as the compiler records them (each statement's line and the closing line).
                        var lines = new LuaTable();
                        foreach (int line in proto.ActiveLines) lines[line] = LuaValue.True;
                        info["activelines"] = lines;
                    }
                    break;
            }
        }
        return info;
    }

    /// <summary>
    /// The name the caller of the function at <paramref name="level"/> used for it, and the kind of name
    /// (getinfo's namewhat) when the compiler recorded it; (null, null) when the caller is not Lua code.
    /// </summary>
    private static (string? Name, string? Kind) CallSiteName(LuaCall call, LuaThread thread, int level)
    {
        if (level == 0)
        {
            if (thread != call.Thread) return (null, null);
            string? hostName = NullIfUnknown(thread.CurrentHostFunctionName(call.Function));
            var current = thread.FrameCount > 0 ? thread.Frames[thread.FrameCount - 1].Function as LuaClosure : null;
            return (hostName, hostName is null ? null : current?.Proto.NameKindOfSite(thread.CurrentSite));
        }
        int index = thread.FrameCount - level;
        if (index <= 0 || index >= thread.FrameCount) return (null, null);
        if (thread.Frames[index - 1].Function is not LuaClosure caller) return (null, null);
        int site = thread.Frames[index].CallerSite;
        string? name = caller.Proto.NameOfSite(site);
        return (name, name is null ? null : caller.Proto.NameKindOfSite(site));
    }

    private static string? NullIfUnknown(string name) => name == "?" ? null : name;

    /// <summary>
    /// namewhat for a call site the compiler recorded no kind for: a method call is "method"; otherwise a
    /// name the caller's environment binds to this very function is "global", one the caller holds as an
    /// upvalue is "upvalue", and anything else "local".
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
        if (f is HostFunction host)
        {
            // A host function's upvalues have the empty name, as LuaJIT's C functions' do.
            var values = HostFunctionUpvalues.Of(host);
            if (n < 1 || n > values.Length) return call.Return();
            if (!set) return call.Return(LuaString.Empty, values[n - 1]);
            values[n - 1] = call[2];
            return call.Return(LuaString.Empty);
        }
        if (LuaWrittenBuiltin.Resolve(f, call.State) is not LuaClosure closure) return call.Return();
        var cells = closure.GetUpvalueCells();
        if (n < 1 || n > cells.Length) return call.Return();
        var names = closure.Proto.UpvalueNames;
        var name = LuaString.FromUtf8(n - 1 < names.Length && !closure.Proto.IsStripped ? names[n - 1] : "");
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

    /// <summary>What debug.sethook last set for a thread, for gethook to report.</summary>
    private sealed record HookSetting(LuaFunction Function, string Mask, int Count);

    private static readonly ConditionalWeakTable<LuaThread, HookSetting> Hooks = new();

    /// <summary>
    /// debug.sethook. A count hook runs through <see cref="LuaState.SetCountHook"/>: compiled code counts
    /// function entries and loop back-edges, not bytecode instructions, so "every N instructions" is "every N
    /// of those" (scripts only rely on it firing regularly). Call, return and line masks go to the
    /// compiler's hook mechanism (<see cref="SetEventHook"/>).
    /// </summary>
    private static int SetHook(LuaCall call)
    {
        var (thread, arg) = ThreadArgument(call);
        var state = call.State;
        if (call[arg].IsNil)
        {
            Hooks.Remove(thread);
            state.SetCountHook(null, 0);
            SetEventHook(call, null, ""u8);
            return call.Return();
        }
        var mask = call.CheckString(arg + 1).Span;
        var function = call.CheckFunction(arg);
        int count = call[arg + 2].IsNil ? 0 : (int)OsLibrary.TimeT(call.CheckNumber(arg + 2));
        string eventMask = SetEventHook(call, function, mask);
        // LuaJIT keeps the function even when nothing can fire (empty mask, no count): gethook reports it.
        thread.KeepIdentity(); // the hook is kept per thread object: it must not be recycled
        Hooks.AddOrUpdate(thread, new HookSetting(function, eventMask, Math.Max(count, 0)));
        if (count > 0) state.SetCountHook(CountHook(thread, function), count);
        else state.SetCountHook(null, 0);
        call.Thread.RestartEntryBatch(); // the running thread counts from its next entry on (see LuaThread.EntryBudget.cs)
        return call.Return();
    }

    // ---- call/return/line hooks (compiler engineer's wiring; see LuaState.SetHook) ----

    /// <summary>Sets the state's call/return/line hook from a sethook mask; returns the mask as gethook reports it.</summary>
    private static string SetEventHook(LuaCall call, LuaFunction? function, ReadOnlySpan<byte> mask)
    {
        var events = LuaHookEvents.None;
        if (mask.IndexOf((byte)'c') >= 0) events |= LuaHookEvents.Call;
        if (mask.IndexOf((byte)'r') >= 0) events |= LuaHookEvents.Return;
        if (mask.IndexOf((byte)'l') >= 0) events |= LuaHookEvents.Line;
        call.State.SetHook(function, events, call.Thread);
        return ((events & LuaHookEvents.Call) != 0 ? "c" : "") + ((events & LuaHookEvents.Return) != 0 ? "r" : "") +
               ((events & LuaHookEvents.Line) != 0 ? "l" : "");
    }

    private static readonly LuaString CountEvent = "count";

    /// <summary>
    /// The action the countdown runs: calls the hook with "count" when <paramref name="hooked"/> is the
    /// running thread, never inside the hook itself (LuaJIT disables hooks while one runs). The hook runs
    /// on a thread of its own: the countdown fires at function entries and back-edges of compiled code,
    /// where the running thread's stack top is not maintained, so no slot of that stack is known to be free.
    /// An error raised by the hook propagates into the running code, as in LuaJIT.
    /// </summary>
    private static Action<LuaThread> CountHook(LuaThread hooked, LuaFunction function)
    {
        LuaThread? hookThread = null;
        bool running = false;
        return thread =>
        {
            if (running || thread != hooked) return;
            running = true;
            try
            {
                hookThread ??= new LuaThread(thread.State);
                int b = hookThread.Top;
                hookThread.EnsureStack(b + 2);
                hookThread.Stack[b] = CountEvent;
                hookThread.Call(function, b, 1);
            }
            finally
            {
                running = false;
            }
        };
    }

    private static int GetHook(LuaCall call)
    {
        var (thread, _) = ThreadArgument(call);
        if (!Hooks.TryGetValue(thread, out var hook)) return call.Return(LuaValue.Nil, LuaString.Empty, 0);
        return call.Return(hook.Function, LuaString.FromUtf8(hook.Mask), hook.Count);
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
