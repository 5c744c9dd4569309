using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// The Lua strings <c>ngx.req.get_headers</c> hands out for header names (lower-cased, or as sent) and
/// values, reused across calls on a thread: a keepalive client sends the same header lines request after
/// request, and the table used to convert (and lower-case) every one of them on every call. A small
/// direct-mapped cache per thread, keyed by the text; texts longer than <see cref="MaxCachedLength"/>
/// are converted each time, so a large cookie does not stay referenced here.
/// </summary>
internal static class HeaderLuaStrings
{
    private const int Slots = 256, MaxCachedLength = 128;
    [ThreadStatic] private static Slot[]? lowerCased, asSent;

    private struct Slot
    {
        public string? Text;
        public LuaString? Value;
    }

    /// <summary>The header name in lower case, as get_headers keys it by default.</summary>
    public static LuaString LowerCased(string name) =>
        Lookup(lowerCased ??= new Slot[Slots], name, static n => LuaString.FromLatin1(n.ToLowerInvariant()));

    /// <summary>The text as it is (a value, or a name with get_headers' raw flag).</summary>
    public static LuaString AsSent(string text) =>
        Lookup(asSent ??= new Slot[Slots], text, static t => LuaString.FromLatin1(t));

    private static LuaString Lookup(Slot[] slots, string text, Func<string, LuaString> convert)
    {
        if (text.Length > MaxCachedLength) return convert(text);
        ref var slot = ref slots[text.GetHashCode() & (Slots - 1)];
        if (slot.Text is { } known && (ReferenceEquals(known, text) || known == text)) return slot.Value!;
        var value = convert(text);
        slot.Text = text;
        slot.Value = value;
        return value;
    }
}
