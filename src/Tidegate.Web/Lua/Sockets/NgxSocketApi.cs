using Tidegate.Lua.Runtime;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>The ngx.socket table: tcp, connect (tcp + connect in one call) and udp.</summary>
public static class NgxSocketApi
{
    private const PhaseMask Allowed = PhaseMask.Yieldable | PhaseMask.Timer;

    public static LuaTable Create(LuaState state)
    {
        var table = new LuaTable();
        var tcpMeta = new LuaTable { ["__index"] = NgxSocketTcp.CreateMethods() };
        NgxApi.Set(table, "tcp", call =>
        {
            CosocketOwner.Current(Allowed);
            if (call.Count != 0) throw new LuaException("expecting zero arguments, but got " + call.Count);
            return call.Return(NgxSocketTcp.NewObject(tcpMeta));
        });
        // ngx.socket.connect(...) = tcp() then connect(...): the object, or nil and connect's error.
        var connect = state.Load("""
            local tcp = ...
            return function(...)
                local sock = tcp()
                local ok, err = sock:connect(...)
                if not ok then return nil, err end
                return sock
            end
            """u8, "=ngx.socket.connect");
        table["connect"] = state.Call(connect, table["tcp"])[0];
        NgxApi.Set(table, "stream", call => throw new LuaException("ngx.socket.stream is not built in tidegate yet"));
        // As in ngx_lua, the method table is the objects' metatable and its own __index.
        var udpMeta = NgxSocketUdp.CreateMethods();
        udpMeta["__index"] = udpMeta;
        NgxApi.Set(table, "udp", call => NgxSocketUdp.New(call, udpMeta));
        return table;
    }
}
