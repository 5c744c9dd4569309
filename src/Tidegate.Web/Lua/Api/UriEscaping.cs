namespace Tidegate.Web.Lua.Api;

/// <summary>
/// nginx's ngx_escape_uri tables and ngx_http_lua's unescaping, byte for byte. Each table is a
/// 256-bit map (eight 32-bit words, bit n of word w = byte 32w+n) of the bytes escaped as %XX;
/// the maps were read off nginx 1.22 by escaping every byte with every type.
/// </summary>
internal static class UriEscaping
{
    public const int Uri = 0, UriComponent = 2, MailAuth = 6;

    private static readonly uint[][] Tables =
    [
        [0xffffffff, 0x80000029, 0x00000000, 0x80000000, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], // 0 uri
        [0xffffffff, 0x80000829, 0x00000000, 0x80000000, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], // 1 args
        [0xffffffff, 0xfc00987d, 0x78000001, 0xb8000001, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], // 2 uri component
        [0xffffffff, 0x000000ad, 0x00000000, 0x80000000, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], // 3 html
        [0xffffffff, 0x00000085, 0x00000000, 0x80000000, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], // 4 refresh
        [0xffffffff, 0x00000021, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000], // 5 memcached
        [0xffffffff, 0x00000021, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000], // 6 mail auth
    ];

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    private static bool Escaped(uint[] table, byte b) => (table[b >> 5] & (1u << (b & 31))) != 0;

    public static int EscapedLength(ReadOnlySpan<byte> src, int type)
    {
        var table = Tables[type];
        int n = src.Length;
        foreach (byte b in src) if (Escaped(table, b)) n += 2;
        return n;
    }

    public static byte[] Escape(ReadOnlySpan<byte> src, int type)
    {
        var table = Tables[type];
        var dst = new byte[EscapedLength(src, type)];
        int d = 0;
        foreach (byte b in src)
        {
            if (Escaped(table, b))
            {
                dst[d++] = (byte)'%';
                dst[d++] = Hex[b >> 4];
                dst[d++] = Hex[b & 15];
            }
            else dst[d++] = b;
        }
        return dst;
    }

    public static void AppendEscaped(List<byte> dst, ReadOnlySpan<byte> src, int type)
    {
        var table = Tables[type];
        foreach (byte b in src)
        {
            if (Escaped(table, b))
            {
                dst.Add((byte)'%');
                dst.Add(Hex[b >> 4]);
                dst.Add(Hex[b & 15]);
            }
            else dst.Add(b);
        }
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>
    /// ngx_http_lua's unescaping of a URI component: %XX decodes (any case), '+' becomes a space, and an
    /// incomplete or invalid escape is copied as it is, its offending byte read again as ordinary input.
    /// </summary>
    public static byte[] Unescape(ReadOnlySpan<byte> src)
    {
        var dst = new byte[src.Length];
        int d = 0;
        int i = 0;
        while (i < src.Length)
        {
            byte c = src[i];
            if (c == '+') { dst[d++] = (byte)' '; i++; continue; }
            if (c != '%') { dst[d++] = c; i++; continue; }
            int hi = i + 1 < src.Length ? HexValue(src[i + 1]) : -1;
            if (hi < 0) { dst[d++] = c; i++; continue; }
            int lo = i + 2 < src.Length ? HexValue(src[i + 2]) : -1;
            if (lo < 0)
            {
                // '%' and the first digit stay; the byte after them is read again.
                dst[d++] = c;
                dst[d++] = src[i + 1];
                i += 2;
                continue;
            }
            dst[d++] = (byte)(hi * 16 + lo);
            i += 3;
        }
        return dst.AsSpan(0, d).ToArray();
    }
}
