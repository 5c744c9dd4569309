using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// Native, NUL-terminated copies of Lua strings for <c>const char *</c> conversions. LuaJIT hands C a
/// pointer into the string object itself, valid while the string lives, and because LuaJIT interns
/// every string, equal strings alive at the same time have the same address — programs rely on it
/// (<c>resty.lrucache.pureffi</c> hashes keys by <c>ffi.cast("const char *", key)</c>). A LuaString's
/// bytes are managed (movable) and equal strings may be distinct objects here, so the copies are
/// shared by content: each string object holds its copy (so the copy lives exactly as long as some
/// equal string does), and a content index finds the live copy for another object with the same bytes.
/// </summary>
public static class StringMemory
{
    private static readonly ConditionalWeakTable<LuaString, NativeBlock> Copies = new();

    /// <summary>Live copies by content. Keys are private copies of the bytes (a key must not keep a
    /// program's string alive, or its copy could never die); values are weak.</summary>
    private static readonly Dictionary<LuaString, WeakReference<NativeBlock>> ByContent = new();
    private static int _purgeAt = 1024;

    public static nint AddressOf(LuaString s)
    {
        if (Copies.TryGetValue(s, out var mine)) return mine.Address;
        lock (ByContent)
        {
            if (Copies.TryGetValue(s, out mine)) return mine.Address;
            if (!ByContent.TryGetValue(s, out var weak) || !weak.TryGetTarget(out var block))
            {
                block = new NativeBlock(s.Length + 1, 1);
                s.Span.CopyTo(CMemory.Bytes(block.Address, s.Length));
                if (ByContent.Count >= _purgeAt) Purge();
                ByContent[LuaString.FromBytes(s.Span)] = new WeakReference<NativeBlock>(block);
            }
            Copies.AddOrUpdate(s, block);
            return block.Address;
        }
    }

    /// <summary>Drops index entries whose copies have died; runs when the index has doubled.</summary>
    private static void Purge()
    {
        var dead = new List<LuaString>();
        foreach (var (key, weak) in ByContent)
            if (!weak.TryGetTarget(out _)) dead.Add(key);
        foreach (var key in dead) ByContent.Remove(key);
        _purgeAt = Math.Max(1024, ByContent.Count * 2);
    }
}
