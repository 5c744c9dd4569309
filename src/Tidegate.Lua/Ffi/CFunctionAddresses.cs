using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// The native address behind each function of a C namespace (<c>ffi.C.abs</c>). Those are host
/// functions here, not function cdata as in LuaJIT, so converting one to a pointer
/// (<c>ffi.cast("int (*)(int)", ffi.C.abs)</c>, a function pointer argument or member) must give the C
/// function itself rather than a callback into Lua that calls it.
/// </summary>
internal static class CFunctionAddresses
{
    private sealed class Address(nint value) { public readonly nint Value = value; }

    private static readonly ConditionalWeakTable<LuaFunction, Address> Table = new();

    public static void Register(LuaFunction f, nint address) => Table.AddOrUpdate(f, new Address(address));

    public static bool TryGet(LuaFunction f, out nint address)
    {
        if (Table.TryGetValue(f, out var a)) { address = a.Value; return true; }
        address = 0;
        return false;
    }
}
