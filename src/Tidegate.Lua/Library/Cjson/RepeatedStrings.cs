using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library.Cjson;

/// <summary>
/// Short strings seen during one decode, so a key repeated in every object of an array ("id", "name") is
/// one Lua string, allocated and hashed once (LuaJIT interns every string; this is the cheap part of
/// that). A small direct-mapped cache: a miss just replaces the slot.
/// </summary>
internal sealed class RepeatedStrings
{
    private const int MaxLength = 32;
    private readonly LuaString?[] _slots = new LuaString?[128];

    public LuaString Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength || bytes.Length < 2) return LuaString.FromBytes(bytes);
        int slot = (bytes.Length * 31 + bytes[0] * 7 + bytes[^1] + bytes[bytes.Length >> 1] * 3) & (_slots.Length - 1);
        var cached = _slots[slot];
        if (cached is not null && cached.Span.SequenceEqual(bytes)) return cached;
        var created = LuaString.FromBytes(bytes);
        _slots[slot] = created;
        return created;
    }
}
