using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// Upvalues of host functions, for the few library functions that have them in LuaJIT and really use
/// them: <c>print</c> holds the name of the global it calls to convert values ("tostring"), <c>pairs</c>
/// and <c>ipairs</c> hold the iterator they return. The function reads its value from the same array
/// that <c>debug.getupvalue</c>/<c>setupvalue</c> and <c>debug.getinfo(f).nups</c> see, so what the debug
/// library reports is what the function does (LuaJIT's C upvalues have the empty name).
/// </summary>
public static class HostFunctionUpvalues
{
    private static readonly ConditionalWeakTable<HostFunction, LuaValue[]> Cells = new();

    /// <summary>Makes <paramref name="values"/> the upvalues of <paramref name="function"/>; returns them.</summary>
    public static LuaValue[] Attach(HostFunction function, params LuaValue[] values)
    {
        Cells.AddOrUpdate(function, values);
        return values;
    }

    /// <summary>The upvalues of a host function (empty when it has none).</summary>
    public static LuaValue[] Of(HostFunction function) =>
        Cells.TryGetValue(function, out var values) ? values : Array.Empty<LuaValue>();
}
