using System.Text;

namespace Tidegate.Web.Lua.Subrequests;

/// <summary>
/// nginx's ngx_http_parse_unsafe_uri, which ngx.location.capture runs on its URI: empty, a
/// leading '?', "../" at the start or "/../" (also once %-decoded) and NUL bytes are refused; a
/// '?' splits off the arguments; %XX escapes in the path are decoded.
/// </summary>
public static class UnsafeUri
{
    public readonly record struct Result(string Path, string? Args);

    /// <returns>null when nginx calls the URI unsafe.</returns>
    public static Result? Parse(ReadOnlySpan<byte> uri)
    {
        string? args = null;
        var path = uri;
        while (true)
        {
            if (path.Length == 0 || path[0] == '?') return null;
            if (path[0] == '.' && path.Length > 1 && path[1] == '.' && (path.Length == 2 || path[2] == '/')) return null;
            bool quoted = false;
            for (int i = 0; i < path.Length; i++)
            {
                byte ch = path[i];
                if (ch == '%') { quoted = true; continue; }
                if (ch == '?')
                {
                    args = Encoding.Latin1.GetString(path[(i + 1)..]);
                    path = path[..i];
                    break;
                }
                if (ch == 0) return null;
                int left = path.Length - i;
                if (ch == '/' && left > 2 && path[i + 1] == '.' && path[i + 2] == '.' && (left == 3 || path[i + 3] == '/')) return null;
            }
            if (!quoted) return new Result(Encoding.Latin1.GetString(path), args);
            // nginx decodes the escapes and checks the result again.
            path = Unescape(path);
        }
    }

    /// <summary>ngx_unescape_uri with no flags: a bad first hex digit drops the '%', a bad second drops both.</summary>
    private static byte[] Unescape(ReadOnlySpan<byte> src)
    {
        var output = new List<byte>(src.Length);
        for (int i = 0; i < src.Length; i++)
        {
            byte ch = src[i];
            if (ch != '%') { output.Add(ch); continue; }
            if (i + 1 >= src.Length) break;
            int high = HexValue(src[i + 1]);
            if (high < 0) { output.Add(src[i + 1]); i++; continue; }
            if (i + 2 >= src.Length) { i++; break; }
            int low = HexValue(src[i + 2]);
            i += 2;
            if (low >= 0) output.Add((byte)(high << 4 | low));
        }
        return output.ToArray();
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
