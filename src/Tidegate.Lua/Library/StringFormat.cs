using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// string.format as LuaJIT implements it (lj_strfmt.c): its own parser (at most two digits of width
/// and of precision, flags in any order and repeated), its own conversions (see
/// <see cref="PrintfConversions"/>), %s/%q on any value through tostring, %p, and its error messages.
/// </summary>
internal static class StringFormat
{
    /// <summary>The conversion letters LuaJIT accepts.</summary>
    private static ReadOnlySpan<byte> Conversions => "AEFGXacdefgiopqsux"u8;

    public static LuaString Format(LuaCall call)
    {
        var format = call.CheckString(0).Span;
        var sb = new LuaStringBuilder(call.Thread, format.Length + 16);
        int arg = 0;
        int i = 0;
        while (i < format.Length)
        {
            byte c = format[i++];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            if (i < format.Length && format[i] == '%')
            {
                sb.Append((byte)'%');
                i++;
                continue;
            }
            int specStart = i - 1;
            var spec = Parse(format, ref i);
            if (spec.Conversion == 0)
            {
                // The message quotes the spec up to and including the offending character; LuaJIT
                // formats it as a C string, so it stops at a NUL byte.
                var quoted = format[specStart..Math.Min(i + 1, format.Length)];
                int nul = quoted.IndexOf((byte)0);
                if (nul >= 0) quoted = quoted[..nul];
                throw InvalidOption(call.Thread, quoted);
            }
            arg++;
            if (arg >= call.Count) throw call.ArgError(arg, "value expected");
            AppendConversion(call, sb, spec, arg);
        }
        return sb.ToLuaString();
    }

    /// <summary>"invalid option '%y' to 'format'" with the spec's bytes as they are (they may be any byte values).</summary>
    private static LuaException InvalidOption(LuaThread thread, ReadOnlySpan<byte> spec)
    {
        var message = new LuaStringBuilder(thread);
        message.Append(System.Text.Encoding.UTF8.GetBytes(thread.Where(1) + "invalid option '"));
        message.Append(spec);
        message.Append("' to 'format'"u8);
        return new LuaException(message.ToLuaString());
    }

    /// <summary>
    /// Parses flags, width, precision and conversion starting at <paramref name="i"/> (just after '%').
    /// On an invalid spec returns Conversion = 0 with <paramref name="i"/> at the offending character.
    /// </summary>
    private static FormatSpec Parse(ReadOnlySpan<byte> format, ref int i)
    {
        var spec = new FormatSpec { Precision = -1 };
        for (; i < format.Length; i++)
        {
            switch (format[i])
            {
                case (byte)'-': spec.Left = true; continue;
                case (byte)'+': spec.Plus = true; continue;
                case (byte)' ': spec.Space = true; continue;
                case (byte)'#': spec.Alternate = true; continue;
                case (byte)'0': spec.Zero = true; continue;
            }
            break;
        }
        if (i < format.Length && IsDigit(format[i]))
        {
            spec.Width = format[i++] - '0';
            if (i < format.Length && IsDigit(format[i])) spec.Width = spec.Width * 10 + (format[i++] - '0');
        }
        if (i < format.Length && format[i] == '.')
        {
            i++;
            spec.Precision = 0;
            if (i < format.Length && IsDigit(format[i]))
            {
                spec.Precision = format[i++] - '0';
                if (i < format.Length && IsDigit(format[i])) spec.Precision = spec.Precision * 10 + (format[i++] - '0');
            }
        }
        if (i < format.Length && Conversions.IndexOf(format[i]) >= 0)
        {
            spec.Conversion = format[i++];
            return spec;
        }
        spec.Conversion = 0;
        return spec;
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') < 10;

    private static void AppendConversion(LuaCall call, LuaStringBuilder sb, in FormatSpec spec, int arg)
    {
        switch (spec.Conversion)
        {
            case (byte)'d':
            case (byte)'i':
                PrintfConversions.AppendInteger(sb, spec, Ffi.CDataOps.TryInt64Bits(call[arg], out ulong bits) ? bits : (ulong)CInt64(call.CheckNumber(arg)));
                break;
            case (byte)'u':
            case (byte)'o':
            case (byte)'x':
            case (byte)'X':
                PrintfConversions.AppendInteger(sb, spec, Ffi.CDataOps.TryInt64Bits(call[arg], out ulong ubits) ? ubits : CUInt64(call.CheckNumber(arg)));
                break;
            case (byte)'c':
            {
                byte ch = (byte)call.CheckInt(arg);
                int pad = spec.Width > 1 ? spec.Width - 1 : 0;
                if (!spec.Left) sb.Append((byte)' ', pad);
                sb.Append(ch);
                if (spec.Left) sb.Append((byte)' ', pad);
                break;
            }
            case (byte)'s':
            {
                var s = ToStringForFormat(call, arg).Span;
                if (spec.Precision >= 0 && s.Length > spec.Precision) s = s[..spec.Precision];
                int pad = spec.Width > s.Length ? spec.Width - s.Length : 0;
                if (!spec.Left) sb.Append((byte)' ', pad);
                sb.Append(s);
                if (spec.Left) sb.Append((byte)' ', pad);
                break;
            }
            case (byte)'q':
                AppendQuoted(sb, ToStringForFormat(call, arg).Span); // no width or flags, as LuaJIT
                break;
            case (byte)'p':
            {
                var v = call[arg];
                bool isObject = v.Ref is LuaString or LuaTable or LuaFunction or LuaThread or LuaUserdata;
                if (isObject) sb.AppendAscii(ObjectIdentity.AddressOf(v.Ref!));
                else sb.AppendAscii("NULL");
                break;
            }
            default:
                PrintfConversions.AppendFloat(sb, spec, call.CheckNumber(arg));
                break;
        }
    }

    /// <summary>
    /// %s and %q accept any value: strings as they are, numbers as tostring prints them, values with
    /// __tostring through it (a non-string result is then shown raw, as LuaJIT does), others raw.
    /// </summary>
    private static LuaString ToStringForFormat(LuaCall call, int arg)
    {
        var v = call[arg];
        if (v.Ref is LuaString s) return s;
        if (v.IsNumber) return LuaNumber.ToLuaString(v.Number);
        var handler = LuaOps.GetMetaMethod(call.State, v, MetaMethodNames.ToString);
        if (!handler.IsNil)
        {
            var r = call.Thread.Call1(handler, v);
            return r.Ref as LuaString ?? LuaOps.RawToString(r);
        }
        return LuaOps.RawToString(v);
    }

    /// <summary>
    /// %q (lj_strfmt_putquoted): '"', '\\' and newline get a backslash; other control bytes become
    /// \ddd when a digit follows (or the code is 100 or more), else the shortest decimal escape;
    /// every other byte, 128..255 included, is copied as it is.
    /// </summary>
    public static void AppendQuoted(LuaStringBuilder sb, ReadOnlySpan<byte> s)
    {
        sb.Reserve(s.Length + 2);
        sb.Append((byte)'"');
        for (int i = 0; i < s.Length; i++)
        {
            byte c = s[i];
            if (c == '"' || c == '\\' || c == '\n')
            {
                sb.Append((byte)'\\');
                sb.Append(c);
            }
            else if (c < 32 || c == 127)
            {
                sb.Append((byte)'\\');
                bool digitFollows = i + 1 < s.Length && IsDigit(s[i + 1]);
                if (c >= 100 || digitFollows)
                {
                    sb.Append((byte)('0' + c / 100));
                    sb.Append((byte)('0' + c / 10 % 10));
                }
                else if (c >= 10) sb.Append((byte)('0' + c / 10));
                sb.Append((byte)('0' + c % 10));
            }
            else sb.Append(c);
        }
        sb.Append((byte)'"');
    }

    /// <summary>C's (int64_t) cast on x86-64: toward zero; NaN and out-of-range give INT64_MIN.</summary>
    internal static long CInt64(double n) =>
        n >= -9223372036854775808.0 && n < 9223372036854775808.0 ? (long)n : long.MinValue;

    /// <summary>LuaJIT's conversion for unsigned conversions: values from 2^63 wrap through n - 2^64.</summary>
    internal static ulong CUInt64(double n) =>
        (ulong)(n >= 9223372036854775808.0 ? CInt64(n - 18446744073709551616.0) : CInt64(n));
}
