using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Modules;

/// <summary>
/// resty.string: <c>to_hex(s)</c> (lower-case hex of every byte, as ngx_hex_dump) and <c>atoi(s)</c>
/// (nginx's ngx_atoi: only decimal digits, no sign or space, at most 2^63-1; anything else, and the empty
/// string, is -1 — NGX_ERROR).
/// </summary>
public static class StringModule
{
    public static LuaTable Create(LuaState state)
    {
        var module = new LuaTable(0, 3);
        module["_VERSION"] = (LuaString)DigestModule.Version;
        module["to_hex"] = new HostFunction("to_hex", ToHex);
        module["atoi"] = new HostFunction("atoi", Atoi);
        return module;
    }

    private static int ToHex(LuaCall call)
    {
        var s = RestyArguments.CheckString(call, 0, "s", "ngx_hex_dump", 2, "const unsigned char *").Span;
        if (s.Length == 0) return call.Return(LuaString.Empty);
        var hex = new byte[s.Length * 2];
        var digits = "0123456789abcdef"u8;
        for (int i = 0; i < s.Length; i++)
        {
            hex[2 * i] = digits[s[i] >> 4];
            hex[2 * i + 1] = digits[s[i] & 15];
        }
        return call.Return(new LuaString(hex));
    }

    private static int Atoi(LuaCall call)
    {
        var s = RestyArguments.CheckString(call, 0, "s", "ngx_atoi", 1, "const unsigned char *").Span;
        return call.Return(NginxAtoi(s));
    }

    /// <summary>ngx_atoi: the value, or -1 for an empty string, a non-digit, or overflow past intptr_t.</summary>
    internal static double NginxAtoi(ReadOnlySpan<byte> s)
    {
        if (s.Length == 0) return -1;
        const long cutoff = long.MaxValue / 10, cutlim = long.MaxValue % 10;
        long value = 0;
        foreach (byte c in s)
        {
            if (c < '0' || c > '9') return -1;
            int digit = c - '0';
            if (value >= cutoff && (value > cutoff || digit > cutlim)) return -1;
            value = value * 10 + digit;
        }
        return value; // tonumber() of the intptr_t: a double, as in lua-resty-string
    }
}
