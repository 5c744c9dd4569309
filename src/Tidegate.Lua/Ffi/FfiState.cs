using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// Where each Lua state keeps its C declarations: one <see cref="CTypeRegistry"/> per state, made on
/// first use. Code with no state at hand (adding const to a member type) uses a shared scratch
/// registry, which only interns derived types and never holds declarations.
/// </summary>
public static class FfiState
{
    private static readonly ConditionalWeakTable<LuaState, CTypeRegistry> Registries = new();
    private static readonly CTypeRegistry Scratch = new();

    public static CTypeRegistry RegistryOf(LuaState? state)
    {
        if (state is null) return Scratch;
        return Registries.GetValue(state, _ => new CTypeRegistry());
    }
}
