using System.Security.Cryptography;
using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// The codec functions of the ngx table: URI escaping, query arguments, base64, digests, CRC-32 and
/// SQL quoting, byte-exact with ngx_lua 0.10.23 (whose resty.core wrappers set the argument rules:
/// most take any value, false/nil as "" and others through tostring). ngx_lua 0.10.23 has no
/// ngx.decode_base64mime (it came later), so there is none here either.
/// </summary>
public static class NgxCodec
{
    public static void Register(LuaTable ngx)
    {
        NgxArgs.Register(ngx, "escape_uri", EscapeUri);
        NgxArgs.Register(ngx, "unescape_uri", call => call.Return(new LuaString(UriEscaping.Unescape(NgxArgs.StringOrEmpty(call, 0).Span))));
        NgxArgs.Register(ngx, "encode_args", QueryArgs.Encode);
        NgxArgs.Register(ngx, "decode_args", QueryArgs.Decode);
        NgxArgs.Register(ngx, "encode_base64", EncodeBase64);
        NgxArgs.Register(ngx, "decode_base64", DecodeBase64);
        NgxArgs.Register(ngx, "md5", call => call.Return(LuaString.FromLatin1(Convert.ToHexStringLower(MD5.HashData(NgxArgs.StringOrEmpty(call, 0).Span)))));
        NgxArgs.Register(ngx, "md5_bin", call => call.Return(new LuaString(MD5.HashData(NgxArgs.StringOrEmpty(call, 0).Span))));
        NgxArgs.Register(ngx, "sha1_bin", call => call.Return(new LuaString(SHA1.HashData(NgxArgs.StringOrEmpty(call, 0).Span))));
        NgxArgs.Register(ngx, "hmac_sha1", HmacSha1);
        NgxArgs.Register(ngx, "crc32_short", call => call.Return((double)Crc32.Compute(NgxArgs.StringOrEmpty(call, 0).Span)));
        NgxArgs.Register(ngx, "crc32_long", call => call.Return((double)Crc32.Compute(NgxArgs.StringOrEmpty(call, 0).Span)));
        NgxArgs.Register(ngx, "quote_sql_str", QuoteSqlString);
    }

    /// <summary>The table <c>require "ngx.base64"</c> returns: encode_base64url and decode_base64url.</summary>
    public static LuaTable OpenBase64Module()
    {
        var module = new LuaTable(0, 4);
        NgxArgs.Register(module, "encode_base64url", call => call[0].Ref is LuaString s
            ? call.Return(new LuaString(Base64Codec.Encode(s.Span, padding: false, url: true)))
            : call.Return(LuaValue.Nil, MustProvideString));
        NgxArgs.Register(module, "decode_base64url", call =>
        {
            if (call[0].Ref is not LuaString s) return call.Return(LuaValue.Nil, MustProvideString);
            var decoded = Base64Codec.Decode(s.Span, url: true);
            return decoded is null ? call.Return(LuaValue.Nil, InvalidInput) : call.Return(new LuaString(decoded));
        });
        module["version"] = 10023;
        return module;
    }

    private static readonly LuaString MustProvideString = "must provide a string", InvalidInput = "invalid input";

    /// <summary>ngx.escape_uri(s [, type]): type 0..6 as nginx's ngx_escape_uri, 2 (URI component) by default.</summary>
    private static int EscapeUri(LuaCall call)
    {
        var s = NgxArgs.StringOrEmpty(call, 0);
        int type = UriEscaping.UriComponent;
        var t = call[1];
        if (!t.IsNil)
        {
            if (!t.IsNumber) throw NgxArgs.Error(call, "\"type\" is not a number", 3);
            if (t.Number < UriEscaping.Uri || t.Number > UriEscaping.MailAuth)
                throw NgxArgs.Error(call, "\"type\" " + LuaNumber.ToLuaString(t.Number) + " out of range", 3);
            type = (int)t.Number; // the C side takes an int: 1.5 is type 1
        }
        if (UriEscaping.EscapedLength(s.Span, type) == s.Length) return call.Return(s);
        return call.Return(new LuaString(UriEscaping.Escape(s.Span, type)));
    }

    private static int EncodeBase64(LuaCall call)
    {
        var s = NgxArgs.StringOrEmpty(call, 0);
        var noPadding = call[1];
        if (noPadding.IsTruthy && !noPadding.AsBoolean)
            throw NgxArgs.Error(call, "bad no_padding: boolean expected, got " + noPadding.TypeName, 2);
        return call.Return(new LuaString(Base64Codec.Encode(s.Span, padding: !noPadding.IsTruthy)));
    }

    private static int DecodeBase64(LuaCall call)
    {
        if (call[0].Ref is not LuaString s) throw NgxArgs.Error(call, "string argument only", 2);
        var decoded = Base64Codec.Decode(s.Span);
        return call.Return(decoded is null ? LuaValue.Nil : new LuaString(decoded));
    }

    private static int HmacSha1(LuaCall call)
    {
        if (call.Count != 2) throw NgxArgs.CError(call.Thread, $"expecting 2 arguments, but got {call.Count}");
        var key = call.CheckString(0);
        var message = call.CheckString(1);
        return call.Return(new LuaString(HMACSHA1.HashData(key.Span, message.Span)));
    }

    /// <summary>ngx.quote_sql_str: MySQL's escapes inside single quotes.</summary>
    private static int QuoteSqlString(LuaCall call)
    {
        if (call.Count != 1) throw NgxArgs.CError(call.Thread, "expecting one argument");
        var s = call.CheckString(0).Span;
        var output = new List<byte>(s.Length + 2) { (byte)'\'' };
        foreach (byte b in s)
        {
            byte escaped = b switch
            {
                0 => (byte)'0',
                (byte)'\b' => (byte)'b',
                (byte)'\n' => (byte)'n',
                (byte)'\r' => (byte)'r',
                (byte)'\t' => (byte)'t',
                26 => (byte)'Z',
                (byte)'\\' or (byte)'\'' or (byte)'"' => b,
                _ => 0,
            };
            if (escaped != 0 || b == 0)
            {
                output.Add((byte)'\\');
                output.Add(escaped);
            }
            else output.Add(b);
        }
        output.Add((byte)'\'');
        return call.Return(new LuaString(output.ToArray()));
    }
}
