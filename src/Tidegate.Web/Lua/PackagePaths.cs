using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua;

/// <summary>
/// lua_package_path / lua_package_cpath as ngx_lua applies them: ";;" stands for the default path,
/// "$prefix" (or "${prefix}") for the server prefix.
/// </summary>
public static class PackagePaths
{
    public static void Apply(LuaState state, LuaMainSettings settings)
    {
        if (state.Globals["package"].AsTable is not { } package) return;
        if (settings.PackagePath is { } path) package["path"] = LuaString.FromLatin1(Expand(path, package["path"], settings.Prefix));
        if (settings.PackageCPath is { } cpath) package["cpath"] = LuaString.FromLatin1(Expand(cpath, package["cpath"], settings.Prefix));
    }

    public static string Expand(string configured, LuaValue current, string prefix)
    {
        string defaults = current.Ref is LuaString s ? s.ToLatin1() : "";
        string text = configured.Replace("${prefix}", prefix).Replace("$prefix", prefix);
        return text.Replace(";;", ";" + defaults + ";");
    }
}
