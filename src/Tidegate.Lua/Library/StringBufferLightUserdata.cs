using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// The payload of a userdata that stands for one of LuaJIT's light userdata: a bare pointer value, as
/// <c>string.buffer</c>'s format carries them (tags 0x03-0x05). Tidegate has no light userdata of its own,
/// so a decoded one becomes a full userdata holding the address; encoding it again writes the same bytes.
/// Two decodings of the same address are distinct objects (LuaJIT's compare equal).
/// </summary>
public sealed record StringBufferLightUserdata(ulong Address)
{
    public static LuaValue Box(ulong address) => new LuaUserdata(new StringBufferLightUserdata(address));
}
