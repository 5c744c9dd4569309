namespace Tidegate.Lua.Runtime;

/// <summary>
/// Sharing of short constant strings, so the same name used as a constant in many chunks (field names,
/// method names, metamethod names) is one object, and table lookups and per-site caches that compare
/// keys by reference hit. A direct-mapped cache rather than a full intern table: bounded memory, no
/// locks (a slot is one reference, written atomically; a race only loses a share), nothing pinned
/// forever. Strings made at run time (concatenation, string.sub) are deliberately not interned:
/// measured, hashing and probing every new string costs more than the byte compare it saves, since
/// table lookups already compare the cached hash before any bytes.
/// </summary>
public static class StringInterner
{
    /// <summary>Strings longer than this are returned as new objects, uncached.</summary>
    public const int MaxInternedLength = 40;

    private const int Slots = 1 << 13;
    private static readonly LuaString?[] Cache = new LuaString?[Slots];

    static StringInterner()
    {
        foreach (var name in MetaEventNames.ByEvent) Intern(name);
    }

    /// <summary>The shared string with these bytes (for compiler constants and library names).</summary>
    public static LuaString Intern(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxInternedLength) return LuaString.FromBytes(bytes);
        if (bytes.Length <= 1) return LuaString.FromBytes(bytes);
        var hc = new HashCode();
        hc.AddBytes(bytes);
        int h = hc.ToHashCode();
        if (h == 0) h = 1;
        ref LuaString? slot = ref Cache[h & (Slots - 1)];
        var existing = slot;
        if (existing is not null && existing.GetHashCode() == h && existing.Span.SequenceEqual(bytes)) return existing;
        var created = LuaString.FromBytes(bytes);
        slot = created;
        return created;
    }

    /// <summary><see cref="Intern(ReadOnlySpan{byte})"/> for a string already made: returns the shared
    /// instance if one is cached, else caches and returns <paramref name="s"/> itself.</summary>
    public static LuaString Intern(LuaString s)
    {
        if (s.Length > MaxInternedLength || s.Length <= 1) return s;
        int h = s.GetHashCode();
        ref LuaString? slot = ref Cache[h & (Slots - 1)];
        var existing = slot;
        if (existing is not null && (ReferenceEquals(existing, s) || (existing.GetHashCode() == h && existing.Span.SequenceEqual(s.Span))))
            return existing;
        slot = s;
        return s;
    }
}
