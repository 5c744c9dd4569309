using System.Buffers;
using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// Lua's base library as LuaJIT 2.1 has it: the global functions (assert, print, pairs, load, ...),
/// <c>_G</c> and <c>_VERSION</c>. pcall, xpcall and error live in BaseLibrary.Protected.cs.
/// Every message and argument rule follows luajit's (lib_base.c); where LuaJIT's behaviour is odd
/// (tostring returning all results of __tostring, assert with a non-string message) it is kept.
/// </summary>
public static partial class BaseLibrary
{
    public static readonly LuaString VersionString = "Lua 5.1";

    public static void Open(LuaState state)
    {
        var g = state.Globals;
        g["_G"] = g;
        g["_VERSION"] = VersionString;

        var next = new HostFunction("next", Next);
        Register(g, "assert", Assert);
        Register(g, "collectgarbage", CollectGarbage);
        Register(g, "dofile", DoFile);
        Register(g, "getfenv", GetFenv);
        Register(g, "setfenv", SetFenv);
        Register(g, "getmetatable", GetMetatable);
        Register(g, "setmetatable", SetMetatable);
        g["next"] = next;
        // pairs and ipairs return their iterator from an upvalue, as LuaJIT's do (debug.setupvalue changes it).
        LuaValue[]? ipairsUpvalues = null, pairsUpvalues = null;
        var ipairs = new HostFunction("ipairs", call =>
        {
            call.CheckAny(0);
            return call.Return(ipairsUpvalues![0], call.CheckTable(0), 0.0);
        });
        ipairsUpvalues = HostFunctionUpvalues.Attach(ipairs, new HostFunction("ipairs_aux", IpairsIterator));
        g["ipairs"] = ipairs;
        var pairs = new HostFunction("pairs", call =>
        {
            call.CheckAny(0);
            return call.Return(pairsUpvalues![0], call.CheckTable(0), LuaValue.Nil);
        });
        pairsUpvalues = HostFunctionUpvalues.Attach(pairs, next);
        g["pairs"] = pairs;
        Register(g, "load", Load);
        // In LuaJIT loadstring is load itself (it accepts a reader function and mode/env too).
        Register(g, "loadstring", Load);
        Register(g, "loadfile", LoadFile);
        // print's upvalue is the name of the global it converts values with, as in LuaJIT.
        LuaValue[]? printUpvalues = null;
        var print = new HostFunction("print", call => Print(call, printUpvalues![0]));
        printUpvalues = HostFunctionUpvalues.Attach(print, ToStringName);
        g["print"] = print;
        Register(g, "rawequal", call => call.Return(LuaValue.RawEquals(call.CheckAny(0), call.CheckAny(1))));
        Register(g, "rawget", call => call.Return(call.CheckTable(0).Get(call.CheckAny(1))));
        Register(g, "rawset", RawSet);
        Register(g, "select", Select);
        Register(g, "tonumber", ToNumber);
        g["tostring"] = ToStringFunction;
        Register(g, "type", call => call.Return(TypeNames[(int)call.CheckAny(0).Type]));
        Register(g, "unpack", Unpack);
        Register(g, "newproxy", NewProxy);
        Register(g, "gcinfo", call => call.Return((double)(GC.GetTotalMemory(false) >> 10)));
        OpenProtected(state); // pcall, xpcall, error: BaseLibrary.Protected.cs
    }

    private static void Register(LuaTable table, string name, HostFunctionBody body) =>
        table[name] = new HostFunction(name, body);

    // Indexed by LuaType, so the table follows LuaValue.TypeNames (which includes "cdata").
    private static readonly LuaString[] TypeNames = Array.ConvertAll(LuaValue.TypeNames, n => (LuaString)n);

    /// <summary>
    /// An error whose message is <paramref name="message"/> (bytes, kept 8-bit clean) prefixed with the
    /// caller's position, as LuaJIT's lj_err_callermsg.
    /// </summary>
    internal static LuaException CallerError(LuaThread thread, LuaString message)
    {
        string where = thread.Where(1);
        return new LuaException(where.Length == 0 ? message : LuaString.Concat(LuaString.FromUtf8(where), message));
    }

    // ---- assert, select, type conversions ----

    private static int Assert(LuaCall call)
    {
        var v = call.CheckAny(0);
        if (v.IsTruthy) return call.Count; // the arguments are the results, already in place
        if (call.Count == 1) throw call.Thread.RuntimeError("assertion failed!");
        var message = call[1];
        // LuaJIT (OpenResty's branch) positions a string or number message; any other value is raised as is.
        if (message.IsString || message.IsNumber) throw CallerError(call.Thread, call.CheckString(1));
        throw new LuaException(message);
    }

    private static int Select(LuaCall call)
    {
        if (call[0].Ref is LuaString s && s.Length > 0 && s[0] == (byte)'#')
            return call.Return(call.Count - 1);
        int n = call.CheckInt(0);
        if (n < 0) n = call.Count + n;
        else if (n > call.Count - 1) n = call.Count; // past the end: no results
        if (n <= 0) throw call.ArgError(0, "index out of range");
        // The results are the arguments after index n: shift them down to the base.
        int count = call.Count - n;
        var stack = call.Thread.Stack;
        Array.Copy(stack, call.Base + n, stack, call.Base, count);
        return count;
    }

    private static int ToNumber(LuaCall call)
    {
        int numberBase = call[1].IsNil ? 10 : call.CheckInt(1);
        if (numberBase == 10)
        {
            // The plain conversion (decimal, exponent, hex prefix) — of a string or a number only.
            var v = call.CheckAny(0);
            if (v.IsNumber) return call.Return(v);
            if (v.Ref is LuaString s && LuaNumber.TryParse(s.Span, out double d)) return call.Return(d);
            // cdata numbers (int64_t, double boxes, pointers...) convert as LuaJIT's tonumber does.
            if (v.Ref is Ffi.CData) return call.Return(FfiLibrary.ToNumber(v));
            return call.Return(LuaValue.Nil);
        }
        var text = call.CheckString(0);
        if (numberBase < 2 || numberBase > 36) throw call.ArgError(1, "base out of range");
        return call.Return(LuaNumber.TryParse(text.Span, numberBase, out double r) ? LuaValue.FromNumber(r) : LuaValue.Nil);
    }

    /// <summary>
    /// tostring: with a __tostring metamethod LuaJIT tail-calls it, so every result it returns comes back
    /// (and a non-string result is not an error here, unlike in print).
    /// </summary>
    private static int ToString(LuaCall call)
    {
        var v = call.CheckAny(0);
        var handler = LuaOps.GetMetaMethod(call.State, v, MetaEvent.ToString);
        if (handler.IsNil) return call.Return(LuaOps.RawToString(v));
        var thread = call.Thread;
        int argBase = call.Base, argCount = 1;
        thread.PendingTailCall = thread.ResolveCallable(handler, ref argBase, ref argCount);
        thread.PendingTailCallArgCount = argCount;
        return CallStatus.TailCall;
    }

    private static int Unpack(LuaCall call)
    {
        var t = call.CheckTable(0);
        int first = call.OptInt(1, 1);
        int last = call[2].IsNil ? t.Length() : call.CheckInt(2);
        if (first > last) return 0;
        uint span = (uint)last - (uint)first;
        int n = (int)(span + 1);
        // LuaJIT's lua_checkstack limit: the arguments plus the results must fit in LUAI_MAXCSTACK (8000) slots.
        if (n <= 0 || (long)call.Count + n > 8000) throw call.Thread.RuntimeError("too many results to unpack");
        var thread = call.Thread;
        thread.EnsureStack(call.Base + n);
        var stack = thread.Stack;
        for (int i = 0; i < n; i++) stack[call.Base + i] = t.Get(first + i);
        return n;
    }

    // ---- tables, metatables, traversal ----

    internal static int Next(LuaCall call)
    {
        var t = call.CheckTable(0);
        var key = call[1];
        if (t.Next(ref key, out var value)) return call.Return(key, value);
        return call.Return(LuaValue.Nil);
    }

    /// <summary>
    /// ipairs' iterator. LuaJIT's fast path looks up the truncated index + 1 but returns the given
    /// control value + 1, so a fractional control value shows through (f(t, 1.5) gives 2.5, t[2]).
    /// </summary>
    private static int IpairsIterator(LuaCall call)
    {
        var t = call.CheckTable(0);
        double control = call.CheckNumber(1);
        var v = t.Get(LuaNumber.ToInt32(control) + 1);
        return v.IsNil ? 0 : call.Return(control + 1, v);
    }

    private static int RawSet(LuaCall call)
    {
        var t = call.CheckTable(0);
        t.Set(call.CheckAny(1), call.CheckAny(2));
        return call.Return(t);
    }

    private static int GetMetatable(LuaCall call)
    {
        var mt = call.State.GetMetatable(call.CheckAny(0));
        if (mt is null) return call.Return(LuaValue.Nil);
        var protectedValue = mt.Get(MetaMethodNames.Metatable);
        return call.Return(protectedValue.IsNil ? mt : protectedValue);
    }

    private static int SetMetatable(LuaCall call)
    {
        var t = call.CheckTable(0);
        var mt = call[1];
        if (call.Count < 2 || (!mt.IsNil && !mt.IsTable)) throw call.ArgError(1, "nil or table expected");
        if (t.Metatable is { } old && !old.Get(MetaMethodNames.Metatable).IsNil)
            throw call.Thread.RuntimeError("cannot change a protected metatable");
        t.Metatable = mt.AsTable;
        return call.Return(t);
    }

    /// <summary>Metatables made by newproxy(true): only a proxy with one of these may be cloned by newproxy(p).</summary>
    private static readonly ConditionalWeakTable<LuaTable, object> ProxyMetatables = new();

    private static int NewProxy(LuaCall call)
    {
        var arg = call[0];
        if (arg.IsFalsy) return call.Return(new LuaUserdata());
        if (arg.IsBoolean)
        {
            var mt = new LuaTable();
            ProxyMetatables.AddOrUpdate(mt, ProxyMetatables);
            var proxy = new LuaUserdata(null, mt);
            UserdataFinalizers.Watch(call.State, proxy);
            return call.Return(proxy);
        }
        if (arg.AsUserdata?.Metatable is { } shared && ProxyMetatables.TryGetValue(shared, out _))
        {
            var proxy = new LuaUserdata(null, shared);
            UserdataFinalizers.Watch(call.State, proxy);
            return call.Return(proxy);
        }
        throw call.ArgError(0, "boolean or proxy expected");
    }

    // ---- environments ----

    private static int GetFenv(LuaCall call)
    {
        if (call[0].Ref is LuaFunction f) return call.Return(EnvironmentOf(call.Thread, f));
        int level = call.OptInt(0, 1);
        if (level == 0) return call.Return(ThreadEnvironment(call.Thread)); // level 0 is getfenv itself: a host function
        var target = level > 0 ? call.Thread.GetFunctionAtLevel(level) : null;
        if (target is null) throw call.ArgError(0, "invalid level");
        return call.Return(EnvironmentOf(call.Thread, target));
    }

    /// <summary>A Lua function's environment; host functions see the thread's environment, as in LuaJIT.</summary>
    private static LuaTable EnvironmentOf(LuaThread thread, LuaFunction f) => f is LuaClosure c ? c.Environment : ThreadEnvironment(thread);

    /// <summary>Environments set with setfenv(0, t); a thread without one uses the globals table.</summary>
    private static readonly ConditionalWeakTable<LuaThread, LuaTable> ThreadEnvironments = new();

    /// <summary>
    /// LuaJIT's per-thread environment (L->env): what setfenv(0, t) replaces, what getfenv(0) and host
    /// functions see, and what newly loaded chunks get as their environment. The globals table unless a
    /// script replaced it. (A coroutine starts with the globals, not its creator's replacement.)
    /// </summary>
    public static LuaTable ThreadEnvironment(LuaThread thread) =>
        ThreadEnvironments.TryGetValue(thread, out var env) ? env : thread.State.Globals;

    private static int SetFenv(LuaCall call)
    {
        var env = call.CheckTable(1);
        LuaFunction? target;
        if (call[0].Ref is LuaFunction f) target = f;
        else
        {
            int level = call.CheckInt(0);
            if (level == 0)
            {
                call.Thread.KeepIdentity(); // the environment is kept per thread object: it must not be recycled
                ThreadEnvironments.AddOrUpdate(call.Thread, env);
                return 0;
            }
            target = level > 0 ? call.Thread.GetFunctionAtLevel(level) : null;
            if (target is null) throw call.ArgError(0, "invalid level");
        }
        if (target is not LuaClosure closure)
            throw call.Thread.RuntimeError("'setfenv' cannot change environment of given object");
        closure.Environment = env;
        return call.Return(closure);
    }

    // ---- garbage collection ----

    /// <summary>
    /// collectgarbage's settings per state. The .NET collector cannot be paused or tuned per state, so
    /// "stop"/"restart"/"setpause"/"setstepmul" record what the script asked for (and report it back, as
    /// "isrunning" does) while the collector goes on working; "collect", "step" and "count" are real.
    /// </summary>
    private sealed class CollectorSettings
    {
        public bool Running = true;
        public int Pause = 200, StepMultiplier = 200;
    }

    private static readonly ConditionalWeakTable<LuaState, CollectorSettings> Collectors = new();

    private static int CollectGarbage(LuaCall call)
    {
        var option = call.OptString(0, null);
        int data = call.OptInt(1, 0); // LuaJIT checks the argument for every option
        string name = option is null ? "collect" : option.ToLatin1();
        var settings = Collectors.GetValue(call.State, _ => new CollectorSettings());
        switch (name)
        {
            case "collect":
                FullCollection(call.Thread);
                return call.Return(0.0);
            case "count":
                return call.Return(GC.GetTotalMemory(false) / 1024.0);
            case "step":
                // A step of size 0 is a young-generation collection, which never completes a full cycle;
                // a positive size asks for enough work to finish one.
                if (data <= 0)
                {
                    GC.Collect(0);
                    UserdataFinalizers.RunDue(call.Thread);
                    return call.Return(false);
                }
                FullCollection(call.Thread);
                return call.Return(true);
            case "stop":
                settings.Running = false;
                return call.Return(0.0);
            case "restart":
                settings.Running = true;
                return call.Return(0.0);
            case "setpause":
            {
                int old = settings.Pause;
                settings.Pause = data;
                return call.Return(old);
            }
            case "setstepmul":
            {
                int old = settings.StepMultiplier;
                settings.StepMultiplier = data;
                return call.Return(old);
            }
            case "isrunning":
                return call.Return(settings.Running);
            default:
                throw call.ArgError(0, "invalid option '" + option!.ToLatin1() + "'");
        }
    }

    /// <summary>
    /// A full collection cycle as LuaJIT's: weak tables drop the entries whose keys or values are garbage
    /// (<see cref="WeakTables.FullCollect"/>, which also clears the dead value-stack slots above the running
    /// call), then the __gc of every proxy found to be garbage runs, on this thread.
    /// </summary>
    private static void FullCollection(LuaThread thread)
    {
        WeakTables.FullCollect(thread);
        UserdataFinalizers.RunDue(thread);
    }

    // ---- print ----

    private static readonly LuaString ToStringName = "tostring";

    /// <summary>The built-in tostring (shared by all states: it keeps no state), recognised by print's shortcut.</summary>
    private static readonly HostFunction ToStringFunction = new("tostring", ToString);

    /// <summary>
    /// print as LuaJIT's: each argument goes through the global <c>tostring</c> (looked up each call, so
    /// a script may replace it), except that numbers and strings are written directly while
    /// <c>tostring</c> is the built-in one. The global's name is print's upvalue (see Open). Results that are not strings or numbers are an error.
    /// The line is assembled and written to <see cref="LuaState.StandardOutput"/> in one piece.
    /// </summary>
    private static int Print(LuaCall call, LuaValue tostringName)
    {
        var thread = call.Thread;
        var state = call.State;
        var globals = ThreadEnvironment(thread);
        var tostring = globals.Get(tostringName);
        if (tostring.IsNil) tostring = LuaOps.Index(thread, globals, tostringName);
        // LuaJIT takes the shortcut only while numbers have no metatable (one could give them __tostring).
        bool builtin = ReferenceEquals(tostring.Ref, ToStringFunction) && state.NumberMetatable is null;
        // A line buffer reused across calls; taken out of its slot while in use, since a __tostring
        // called below may print too.
        var line = s_printBuffer ?? new ArrayBufferWriter<byte>(256);
        s_printBuffer = null;
        line.ResetWrittenCount();
        Span<byte> digits = stackalloc byte[32];
        int count = call.Count, argBase = call.Base;
        for (int i = 0; i < count; i++)
        {
            var v = thread.Stack[argBase + i];
            if (i > 0) line.Write("\t"u8);
            if (builtin && v.Ref is LuaString s) { line.Write(s.Span); continue; }
            if (builtin && v.IsNumber)
            {
                line.Write(digits[..LuaNumber.Format(v.Number, digits)]);
                continue;
            }
            var r = thread.Call1(tostring, v);
            if (r.Ref is LuaString rs) line.Write(rs.Span);
            else if (r.IsNumber) line.Write(LuaNumber.ToLuaString(r.Number).Span);
            else throw thread.RuntimeError("'tostring' must return a string to 'print'");
        }
        line.Write("\n"u8);
        state.StandardOutput.Write(line.WrittenSpan);
        if (line.Capacity <= 64 * 1024) s_printBuffer = line; // keep a modest buffer, not one a huge line grew
        return 0;
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? s_printBuffer;
}
