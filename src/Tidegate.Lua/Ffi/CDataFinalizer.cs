using Tidegate.Lua.Library;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// ffi.gc: runs a Lua finalizer when a cdata becomes garbage. The Lua code must run on the state's own
/// thread, so this reuses the engine's userdata finalizer queue: the cdata holds a proxy userdata whose
/// __gc calls the finalizer with the cdata; the proxy becomes garbage with the cdata, and the queue runs
/// its __gc at the state's next safe point (collectgarbage), as newproxy's __gc runs. The queued proxy
/// reaches the cdata through the __gc closure, and a natively allocated block's own finalizer is held
/// back meanwhile, so the memory stays valid until the Lua finalizer has run.
/// </summary>
internal sealed class CDataFinalizer
{
    public LuaValue Function;
    private readonly LuaUserdata _proxy;

    private CDataFinalizer(CData target, LuaValue function, LuaState state)
    {
        Function = function;
        var mt = new LuaTable();
        mt[MetaMethodNames.Gc] = new HostFunction("gc", call =>
        {
            var f = Function;
            Function = LuaValue.Nil;
            try
            {
                if (!f.IsNil) call.Thread.Call1(f, target);
            }
            finally { target.Owner?.ReleaseAfterLuaFinalizer(); }
            return 0;
        });
        _proxy = new LuaUserdata(null, mt);
        target.Owner?.HoldForLuaFinalizer();
        UserdataFinalizers.Watch(state, _proxy);
    }

    /// <summary>Sets (or with nil, clears) the finalizer of <paramref name="c"/>.</summary>
    public static void Set(LuaState state, CData c, in LuaValue function)
    {
        if (c.Finalizer is { } existing)
        {
            existing.Function = function;
            return;
        }
        if (function.IsNil) return;
        c.Finalizer = new CDataFinalizer(c, function, state);
    }
}
