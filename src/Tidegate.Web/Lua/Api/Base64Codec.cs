namespace Tidegate.Web.Lua.Api;

/// <summary>
/// nginx's ngx_encode_base64 / ngx_decode_base64 and their URL-safe forms (ngx_encode_base64url,
/// never padded; ngx_decode_base64url), which differ only in the alphabet's last two letters.
/// </summary>
internal static class Base64Codec
{
    private static ReadOnlySpan<byte> StandardAlphabet => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8;
    private static ReadOnlySpan<byte> UrlAlphabet => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8;

    public static byte[] Encode(ReadOnlySpan<byte> src, bool padding, bool url = false)
    {
        var alphabet = url ? UrlAlphabet : StandardAlphabet;
        int full = src.Length / 3, rest = src.Length % 3;
        int length = full * 4 + (rest == 0 ? 0 : padding ? 4 : rest + 1);
        var dst = new byte[length];
        int s = 0, d = 0;
        for (int i = 0; i < full; i++, s += 3)
        {
            int v = src[s] << 16 | src[s + 1] << 8 | src[s + 2];
            dst[d++] = alphabet[v >> 18];
            dst[d++] = alphabet[(v >> 12) & 63];
            dst[d++] = alphabet[(v >> 6) & 63];
            dst[d++] = alphabet[v & 63];
        }
        if (rest > 0)
        {
            int v = src[s] << 16 | (rest == 2 ? src[s + 1] << 8 : 0);
            dst[d++] = alphabet[v >> 18];
            dst[d++] = alphabet[(v >> 12) & 63];
            if (rest == 2) dst[d++] = alphabet[(v >> 6) & 63];
            else if (padding) dst[d++] = (byte)'=';
            if (padding) dst[d++] = (byte)'=';
        }
        return dst;
    }

    private static int Value(byte c, bool url) => c switch
    {
        (byte)'-' when url => 62,
        (byte)'_' when url => 63,
        (byte)'+' or (byte)'/' when url => -1,
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        _ => -1,
    };

    /// <summary>
    /// Decodes up to the first '=' (whatever follows it is ignored, as nginx does); null when a byte
    /// before it is outside the alphabet or the data length leaves a single dangling character.
    /// </summary>
    public static byte[]? Decode(ReadOnlySpan<byte> src, bool url = false)
    {
        int Value(byte c) => Base64Codec.Value(c, url);
        int len = 0;
        for (; len < src.Length; len++)
        {
            if (src[len] == '=') break;
            if (Value(src[len]) < 0) return null;
        }
        if (len % 4 == 1) return null;
        var dst = new byte[len / 4 * 3 + (len % 4 == 0 ? 0 : len % 4 - 1)];
        int s = 0, d = 0;
        while (len - s >= 4)
        {
            int v = Value(src[s]) << 18 | Value(src[s + 1]) << 12 | Value(src[s + 2]) << 6 | Value(src[s + 3]);
            dst[d++] = (byte)(v >> 16);
            dst[d++] = (byte)(v >> 8);
            dst[d++] = (byte)v;
            s += 4;
        }
        if (len - s > 1)
        {
            int v = Value(src[s]) << 18 | Value(src[s + 1]) << 12;
            dst[d++] = (byte)(v >> 16);
            if (len - s > 2)
            {
                v |= Value(src[s + 2]) << 6;
                dst[d++] = (byte)(v >> 8);
            }
        }
        return dst;
    }
}
