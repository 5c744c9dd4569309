using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// Native, NUL-terminated copies of Lua strings for <c>const char *</c> conversions. LuaJIT hands C a
/// pointer into the string object itself, valid while the string lives; a LuaString's bytes are managed
/// (movable), so each string gets one native copy that lives exactly as long as the string does.
/// </summary>
public static class StringMemory
{
    private static readonly ConditionalWeakTable<LuaString, NativeBlock> Copies = new();

    public static nint AddressOf(LuaString s)
    {
        var block = Copies.GetValue(s, str =>
        {
            var b = new NativeBlock(str.Length + 1, 1);
            str.Span.CopyTo(CMemory.Bytes(b.Address, str.Length));
            return b;
        });
        return block.Address;
    }
}
