using System.Globalization;
using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// ngx.var: nginx variables by name (read: the value or nil; write: variables made by <c>set</c>
/// and the changeable built-ins), and regex captures by number (<c>ngx.var[1]</c>).
/// </summary>
public static class NgxVarApi
{
    public static LuaTable CreateProxy()
    {
        var proxy = new LuaTable();
        var meta = new LuaTable();
        meta["__index"] = new HostFunction("__index", call =>
        {
            var request = NgxApi.Request(PhaseMask.AnyRequest);
            var ctx = request.Context;
            var key = call[1];
            if (key.IsNumber)
            {
                int index = (int)key.Number;
                var m = ctx.Captures;
                if (m is null || index < 0 || index >= m.Groups.Count || !m.Groups[index].Success) return call.Return(LuaValue.Nil);
                return call.Return(NgxApi.Str(m.Groups[index].Value));
            }
            if (key.Ref is not LuaString name) throw call.Thread.RuntimeError("bad variable name");
            string value = name.ToLatin1().ToLowerInvariant();
            if (ctx.GetVariable(value) is { } v) return call.Return(NgxApi.Str(v));
            if (NgxApi.Worker.Config.Lua.DeclaredVariables?.Contains(value) ?? false)
            {
                // A set variable not assigned yet: empty, with nginx's warning.
                NgxApi.Worker.Log(Logging.LogLevel.Warn, $"using uninitialized \"{value}\" variable");
                return call.Return(LuaString.Empty);
            }
            return call.Return(LuaValue.Nil);
        });
        meta["__newindex"] = new HostFunction("__newindex", call =>
        {
            var request = NgxApi.Request(PhaseMask.Set | PhaseMask.Yieldable | PhaseMask.HeaderFilter | PhaseMask.BodyFilter | PhaseMask.Log | PhaseMask.Balancer);
            var ctx = request.Context;
            if (call[1].Ref is not LuaString key) throw call.Thread.RuntimeError("bad variable name");
            string name = key.ToLatin1().ToLowerInvariant();
            var value = call[2];
            string? text = value.Ref switch
            {
                null => null,
                LuaString s => s.ToLatin1(),
                _ when value.IsNumber => LuaNumber.ToLuaString(value.Number).ToLatin1(),
                _ => throw new LuaException(call.Thread.Where(1) + "bad variable value type " + value.TypeName),
            };
            switch (name)
            {
                case "args": case "query_string": ctx.Request.Args = text; return call.Return();
                case "limit_rate": return call.Return();
            }
            if (!(NgxApi.Worker.Config.Lua.DeclaredVariables?.Contains(name) ?? false) && !ctx.UserVariables.ContainsKey(name))
                throw new LuaException(call.Thread.Where(1) + $"variable \"{name}\" not found for writing; maybe it is a built-in variable that is not changeable or you forgot to use \"set ${name} '';\" in the config file to define it first");
            if (text is null) ctx.UserVariables.Remove(name);
            else ctx.UserVariables[name] = text;
            return call.Return();
        });
        proxy.Metatable = meta;
        return proxy;
    }
}
