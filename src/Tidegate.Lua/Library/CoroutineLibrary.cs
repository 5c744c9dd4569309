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
        Register(co, "resume", Resume);
        Register(co, "yield", call => call.Thread.Yield(call));
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
        var co = call.State.NewThread(f);
        return call.Return(new HostFunction("wrap", inner =>
        {
            var thread = inner.Thread;
            bool ok = co.ResumeCore(thread, inner.Args, out int rb, out int rc, out LuaValue error);
            if (!ok)
            {
                // As 5.1's auxwrap: a string (or number) error gets the position of the wrap call prepended.
                if (error.Ref is LuaString || error.IsNumber)
                {
                    var text = error.Ref as LuaString ?? LuaNumber.ToLuaString(error.Number);
                    string where = thread.Where(1);
                    if (where.Length > 0) error = LuaString.Concat(LuaString.FromUtf8(where), text);
                    else error = text;
                }
                throw new LuaException(error);
            }
            thread.EnsureStack(inner.Base + rc + 1);
            LuaThread.CopyValues(co.Stack.AsSpan(rb, rc), thread.Stack, inner.Base);
            return rc;
        }));
    }
}
