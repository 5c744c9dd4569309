namespace Tidegate.Lua.Runtime;

/// <summary>
/// Sharing of short strings, so equal short strings are usually one object and table lookups and
/// per-site caches that compare keys by reference hit. A direct-mapped cache rather than a full intern
/// table: bounded memory, no locks (a slot is one reference, written atomically; a race only loses a
/// share), nothing pinned forever, and a string that misses its slot is still a correct string (equality
/// stays by content everywhere; sharing only makes it cheaper).
///
/// <para>Two kinds of strings go through it. Constants (compiler constants, library names) take their
/// slot unconditionally and are marked <see cref="LuaString.IsConstant"/>. Short run-time results
/// (concatenations) go through <see cref="InternResult"/>: LuaJIT and Lua 5.1 intern every string, so a
/// program that builds the same short key many times (<c>prefix .. name</c>, <c>w .. "?"</c>) gets one
/// object whose hash is computed once, and its lookups compare references instead of bytes; without this,
/// 5,000 words built as separate objects made a counting loop touch 5,000 objects instead of the 1,727
/// distinct ones. A run-time result never evicts a constant, so the constants that slot hints rely on
/// stay shared across chunks.</para>
///
/// <para>Constants are also kept in <see cref="Constants"/>, by content, so a constant whose slot another
/// constant took (two of a program's few hundred constants and library names share one of the 16K slots in
/// most runs, which ones depending on the per-process hash seed) is still found and shared: before, the
/// second interning of the evicted bytes made a new object, and every site hint comparing that key by
/// reference against the first (a library table's <c>format</c>, a class's <c>__index</c>, an object field
/// set by a constructor in one function and read in another) missed on every access of that run.</para>
/// </summary>
public static class StringInterner
{
    /// <summary>Strings longer than this are returned as new objects, uncached.</summary>
    public const int MaxInternedLength = 40;

    internal const int Slots = 1 << 14;
    private static readonly LuaString?[] Cache = new LuaString?[Slots];

    static StringInterner()
    {
        foreach (var name in MetaEventNames.ByEvent) Intern(name);
    }

    /// <summary>
    /// Every constant shared so far, by content (up to <see cref="MaxConstants"/>): the evicted ones are found here.
    /// Only compiling and library registration add to it (and read it when the cache slot does not hold the constant).
    /// </summary>
    private static readonly Dictionary<LuaString, LuaString> Constants = new();
    private static readonly Lock ConstantsLock = new();

    /// <summary>
    /// A bound on <see cref="Constants"/>, which is never pruned: a host that interns keys from request data
    /// (<c>LuaTable[string]</c>) cannot grow it past this (a few MB); past it a constant is shared through its
    /// cache slot only, as before the registry existed.
    /// </summary>
    internal const int MaxConstants = 1 << 16;

    /// <summary>The shared string with these bytes (for compiler constants and library names).</summary>
    public static LuaString Intern(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxInternedLength) return LuaString.FromBytes(bytes);
        if (bytes.Length <= 1) return LuaString.FromBytes(bytes);
        int h = LuaString.HashOf(bytes);
        ref LuaString? slot = ref Cache[h & (Slots - 1)];
        var existing = slot;
        if (existing is not null && existing.IsConstant && existing.GetHashCode() == h && existing.Span.SequenceEqual(bytes))
            return existing;
        var shared = ShareConstant(new LuaString(bytes.ToArray(), h));
        slot = shared;
        return shared;
    }

    /// <summary><see cref="Intern(ReadOnlySpan{byte})"/> for a string already made: returns the shared
    /// instance if there is one, else shares and returns <paramref name="s"/> itself.</summary>
    public static LuaString Intern(LuaString s)
    {
        if (s.Length > MaxInternedLength || s.Length <= 1) return s;
        int h = s.GetHashCode();
        ref LuaString? slot = ref Cache[h & (Slots - 1)];
        var existing = slot;
        if (existing is not null && existing.IsConstant
            && (ReferenceEquals(existing, s) || (existing.GetHashCode() == h && existing.Span.SequenceEqual(s.Span))))
            return existing;
        var shared = ShareConstant(s);
        slot = shared;
        return shared;
    }

    /// <summary>
    /// The constant already registered with <paramref name="candidate"/>'s bytes, else <paramref name="candidate"/>
    /// registered (while there is room) and marked constant. A run-time result with the same bytes that holds the
    /// cache slot is not taken over: it may be a different object than an earlier constant that lost the slot.
    /// </summary>
    private static LuaString ShareConstant(LuaString candidate)
    {
        lock (ConstantsLock)
        {
            if (Constants.TryGetValue(candidate, out var known)) return known;
            if (Constants.Count < MaxConstants) Constants.Add(candidate, candidate);
            candidate.IsConstant = true;
        }
        return candidate;
    }

    /// <summary>
    /// A string made at run time with these bytes (2..<see cref="MaxInternedLength"/> of them, in the
    /// caller's scratch; fewer give the shared empty and one-byte strings): the cached one if its slot holds an equal string, else a new one (with its hash
    /// already set), which takes the slot unless a constant holds it.
    /// </summary>
    internal static LuaString InternResult(ReadOnlySpan<byte> bytes) => InternResult(bytes, out _);

    /// <summary><see cref="InternResult(ReadOnlySpan{byte})"/>, telling whether the cache already held the string.</summary>
    internal static LuaString InternResult(ReadOnlySpan<byte> bytes, out bool found)
    {
        found = false;
        if (bytes.Length <= 1) return LuaString.FromBytes(bytes);
        int h = LuaString.HashOf(bytes);
        ref LuaString? slot = ref Cache[h & (Slots - 1)];
        var existing = slot;
        if (existing is not null)
        {
            if (existing.GetHashCode() == h && existing.Span.SequenceEqual(bytes))
            {
                found = true;
                return existing;
            }
            if (existing.IsConstant) return new LuaString(bytes.ToArray(), h);
        }
        var created = new LuaString(bytes.ToArray(), h);
        slot = created;
        return created;
    }
}
