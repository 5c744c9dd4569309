using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Modules;

/// <summary>resty.aes is not built yet: requiring it fails with an error naming it, never with a half-working module.</summary>
public static class AesModule
{
    public static LuaTable Create(LuaState state) =>
        throw new LuaException("module 'resty.aes' is not supported by tidegate yet (resty.sha*, resty.md5, resty.random, resty.string and ngx.base64 are)");
}
