using System.Text;
using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>Query strings as ngx_lua reads and writes them (get_uri_args, get_post_args, set_uri_args, ngx.exec's args).</summary>
public static class NgxReqArgs
{
    /// <summary>
    /// Decodes "a=1&amp;b&amp;a=2" into a table: a key alone is true, repeated keys collect into an
    /// array, '+' is a space and %XX is unescaped. Stops after <paramref name="max"/> pairs (0 = all).
    /// </summary>
    public static LuaTable Decode(ReadOnlySpan<byte> query, int max, out bool truncated)
    {
        var result = new LuaTable();
        truncated = false;
        int count = 0;
        while (query.Length > 0)
        {
            int amp = query.IndexOf((byte)'&');
            var pair = amp < 0 ? query : query[..amp];
            query = amp < 0 ? ReadOnlySpan<byte>.Empty : query[(amp + 1)..];
            if (pair.Length == 0) continue;
            if (max > 0 && count >= max) { truncated = true; break; }
            int eq = pair.IndexOf((byte)'=');
            var key = LuaString.FromBytes(Unescape(eq < 0 ? pair : pair[..eq]));
            if (key.Length == 0 && eq >= 0) { count++; continue; }
            LuaValue value = eq < 0 ? LuaValue.True : LuaString.FromBytes(Unescape(pair[(eq + 1)..]));
            count++;
            var existing = result.Get(key);
            if (existing.IsNil) result[key] = value;
            else if (existing.Ref is LuaTable list) list.Set(list.Length() + 1, value);
            else
            {
                var values = new LuaTable();
                values.Set(1, existing);
                values.Set(2, value);
                result[key] = values;
            }
        }
        return result;
    }

    public static byte[] Unescape(ReadOnlySpan<byte> s)
    {
        var output = new byte[s.Length];
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            byte b = s[i];
            if (b == '+') { output[n++] = (byte)' '; continue; }
            if (b == (byte)'%' && i + 2 < s.Length && IsHex(s[i + 1]) && IsHex(s[i + 2]))
            {
                output[n++] = (byte)(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
                i += 2;
                continue;
            }
            output[n++] = b;
        }
        return output.AsSpan(0, n).ToArray();
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    /// <summary>ngx.encode_args's form of a table: k=v pairs, %XX-escaped, true as a bare key, false left out, arrays repeated.</summary>
    public static string Encode(in LuaCall call, LuaTable table)
    {
        var sb = new StringBuilder();
        var key = LuaValue.Nil;
        while (table.Next(ref key, out var value))
        {
            string k = key.Ref is LuaString ks ? Escape(ks.Span) : key.IsNumber ? Escape(LuaNumber.ToLuaString(key.Number).Span)
                : throw new LuaException("attempt to use " + key.TypeName + " as query arg key");
            if (value.Ref is LuaTable list)
            {
                int n = list.Length();
                for (int i = 1; i <= n; i++) AppendPair(sb, k, list.Get(i));
            }
            else AppendPair(sb, k, value);
        }
        return sb.ToString();
    }

    private static void AppendPair(StringBuilder sb, string key, LuaValue value)
    {
        if (value.IsBoolean && !value.AsBoolean) return;
        if (sb.Length > 0) sb.Append('&');
        sb.Append(key);
        if (value.IsBoolean) return;
        sb.Append('=');
        if (value.Ref is LuaString s) sb.Append(Escape(s.Span));
        else if (value.IsNumber) sb.Append(Escape(LuaNumber.ToLuaString(value.Number).Span));
        else throw new LuaException("attempt to use " + value.TypeName + " as query arg value");
    }

    /// <summary>ngx.escape_uri's component escaping: everything but unreserved characters becomes %XX.</summary>
    public static string Escape(ReadOnlySpan<byte> s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (byte b in s)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
                sb.Append((char)b);
            else sb.Append('%').Append(((int)b).ToString("X2"));
        }
        return sb.ToString();
    }
}
