using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// coroutine.*: coroutines that run on the resumer's .NET stack and yield by unwinding
/// (see LuaThread.Coroutines.cs); no OS thread is involved.
/// </summary>
public static class CoroutineLibrary
{
    public static void Open(LuaState state)
    {
        var co = new LuaTable();
        Register(co, "create", Create);
        // resume and yield run on every round trip: see CoroutineFunctions.cs (Resume is their error path).
        co["resume"] = new CoroutineResumeFunction(Resume);
        co["yield"] = new CoroutineYieldFunction(call => call.Thread.Yield(call));
        Register(co, "status", Status);
        Register(co, "running", call => call.Thread.IsCoroutine ? call.Return(call.Thread) : call.Return(LuaValue.Nil));
        Register(co, "wrap", Wrap);
        Register(co, "isyieldable", call => call.Return(call.Thread.IsYieldable));
        state.Globals["coroutine"] = co;
    }

    private static void Register(LuaTable table, string name, HostFunctionBody body) =>
        table[name] = new HostFunction(name, body);

    private static int Create(LuaCall call)
    {
        var f = call.CheckFunction(0);
        return call.Return(call.State.NewThread(f));
    }

    private static LuaThread CheckCoroutine(LuaCall call) =>
        call[0].Ref as LuaThread ?? throw call.ArgError(0, "coroutine expected");

    private static int Resume(LuaCall call)
    {
        var co = CheckCoroutine(call);
        var thread = call.Thread;
        var args = call.Count > 1 ? call.Args[1..] : ReadOnlySpan<LuaValue>.Empty;
        bool ok = co.ResumeCore(thread, args, out int rb, out int rc, out LuaValue error);
        if (!ok) return call.Return(LuaValue.False, error);
        thread.EnsureStack(call.Base + rc + 2);
        thread.Stack[call.Base] = LuaValue.True;
        LuaThread.CopyValues(co.Stack.AsSpan(rb, rc), thread.Stack, call.Base + 1);
        return rc + 1;
    }

    private static int Status(LuaCall call)
    {
        var co = CheckCoroutine(call);
        string s = co == call.Thread ? "running" : co.Status switch
        {
            CoroutineStatus.Suspended => "suspended",
            CoroutineStatus.Running => co.IsCoroutine ? "running" : "normal",
            CoroutineStatus.Normal => "normal",
            _ => "dead",
        };
        return call.Return(LuaString.FromUtf8(s));
    }

    private static int Wrap(LuaCall call)
    {
        var f = call.CheckFunction(0);
        return call.Return(new WrappedCoroutineFunction(call.State.NewThread(f)));
    }
}
