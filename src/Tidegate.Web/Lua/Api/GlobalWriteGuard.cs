using Tidegate.Lua.Runtime;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// The warning lua-resty-core's _G write guard gives when request code creates a global (shared by
/// all requests of the worker): logged at warn, worded and positioned as OpenResty's, then the
/// global is set. Code in init_by_lua and init_worker_by_lua may create globals freely.
/// </summary>
public static class GlobalWriteGuard
{
    public static void Install(LuaWorker worker)
    {
        var globals = worker.State.Globals;
        var meta = globals.Metatable ?? new LuaTable();
        meta["__newindex"] = new HostFunction("__newindex", call =>
        {
            var table = call.CheckTable(0);
            var key = call[1];
            if (worker.Request is not null && worker.Phase is not (LuaPhase.Init or LuaPhase.InitWorker))
            {
                string name = key.Ref is LuaString s ? s.ToLatin1() : LuaErrors.Message(key);
                string trace = call.Thread.Traceback("", 1);
                worker.Log(LogLevel.Warn, "[lua] _G write guard:12: __newindex(): writing a global Lua variable ('" + name
                    + "') which may lead to race conditions between concurrent requests, so prefer the use of 'local' variables" + trace);
            }
            table.Set(key, call[2]);
            return call.Return();
        });
        globals.Metatable = meta;
    }
}
