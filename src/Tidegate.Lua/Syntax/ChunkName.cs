using System.Text;

namespace Tidegate.Lua.Syntax;

/// <summary>
/// Lua chunk names and the short form used in messages (LuaJIT's lj_debug_shortname, LUA_IDSIZE 60):
/// <c>"@file"</c> shows the file name (its last 56 bytes after "..." when long), <c>"=name"</c> shows
/// the name (at most 59 bytes), anything else is source text shown as <c>[string "first line..."]</c>.
/// Strings here hold one char per byte (Latin-1), like identifiers, so no byte is lost.
/// </summary>
public static class ChunkName
{
    private const int IdSize = 60; // LUA_IDSIZE, including C's terminating NUL

    /// <summary>The display form of a raw chunk name given as bytes.</summary>
    public static string ToDisplay(ReadOnlySpan<byte> chunkName)
    {
        // LuaJIT keeps chunk names as C strings: everything from the first NUL on is invisible.
        int nul = chunkName.IndexOf((byte)0);
        if (nul >= 0) chunkName = chunkName[..nul];
        if (chunkName.Length > 0 && chunkName[0] == '=')
        {
            var name = chunkName[1..];
            return Encoding.Latin1.GetString(name.Length > IdSize - 1 ? name[..(IdSize - 1)] : name);
        }
        if (chunkName.Length > 0 && chunkName[0] == '@')
        {
            var file = chunkName[1..];
            if (file.Length >= IdSize)
                return "..." + Encoding.Latin1.GetString(file[(file.Length - (IdSize - 4))..]);
            return Encoding.Latin1.GetString(file);
        }
        // Source text: shown up to its first control character, truncated with "..." when longer.
        int len = 0;
        while (len < IdSize - 12 && len < chunkName.Length && chunkName[len] >= ' ') len++;
        if (len < chunkName.Length)
        {
            if (len > IdSize - 15) len = IdSize - 15;
            return "[string \"" + Encoding.Latin1.GetString(chunkName[..len]) + "...\"]";
        }
        return "[string \"" + Encoding.Latin1.GetString(chunkName) + "\"]";
    }

    /// <summary>
    /// The display form of a raw chunk name given as text. Text made only of chars up to U+00FF is
    /// taken as one byte per char; other text (a .NET path, say) is taken as its UTF-8 bytes.
    /// </summary>
    public static string ToDisplay(string chunkName) => ToDisplay(ToBytes(chunkName));

    /// <summary>The bytes a chunk-name string stands for (see <see cref="ToDisplay(string)"/>).</summary>
    public static byte[] ToBytes(string chunkName)
    {
        foreach (char c in chunkName)
            if (c > 0xFF) return Encoding.UTF8.GetBytes(chunkName);
        return Encoding.Latin1.GetBytes(chunkName);
    }
}
