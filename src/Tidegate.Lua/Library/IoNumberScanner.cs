using System.Globalization;
using System.Text;

namespace Tidegate.Lua.Library;

/// <summary>
/// file:read("*n"): C's fscanf(f, "%lf") as glibc runs it, which is what LuaJIT calls. glibc skips
/// whitespace, collects characters that could belong to a number one at a time (pushing back only the
/// first that cannot), then converts the longest valid prefix of what it collected with strtod. So "1e"
/// reads as 1 (the 'e' consumed), "0x" fails, and "0x." reads as 0.
/// </summary>
internal static class IoNumberScanner
{
    [ThreadStatic] private static StringBuilder? _buffer;

    public static bool TryRead(LuaFile file, out double value)
    {
        value = 0;
        int c;
        do c = file.ReadByte(); while (c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r');

        var buffer = _buffer ??= new StringBuilder();
        buffer.Clear();
        bool gotSign = false;
        if (c is '+' or '-')
        {
            gotSign = true;
            buffer.Append((char)c);
            c = file.ReadByte();
            if (c < 0) return false;
        }

        if (c is 'n' or 'N' or 'i' or 'I') return ReadWord(file, c, buffer, out value);

        bool hex = false, gotDigit = false, gotDot = false, gotE = false;
        char expChar = 'e';
        if (c == '0')
        {
            buffer.Append('0');
            c = file.ReadByte();
            if (c < 0) return Convert(buffer, false, out value);
            if (c is 'x' or 'X')
            {
                buffer.Append('x');
                hex = true;
                expChar = 'p';
                c = file.ReadByte();
            }
            else gotDigit = true;
        }

        while (c >= 0)
        {
            char ch = (char)c;
            if (char.IsAsciiDigit(ch)) { buffer.Append(ch); gotDigit = true; }
            else if (!gotE && hex && char.IsAsciiHexDigit(ch)) { buffer.Append(ch); gotDigit = true; }
            else if (gotE && buffer[^1] == expChar && ch is '+' or '-') buffer.Append(ch);
            else if (gotDigit && !gotE && char.ToLowerInvariant(ch) == expChar) { buffer.Append(expChar); gotE = gotDot = true; }
            else if (!gotE && !gotDot && ch == '.') { buffer.Append('.'); gotDot = true; }
            else
            {
                file.Unread(c);
                break;
            }
            c = file.ReadByte();
        }

        // Only a sign or a bare "0x" prefix: nothing to convert.
        if (buffer.Length == (gotSign ? 1 : 0) + (hex ? 2 : 0)) return false;
        return Convert(buffer, hex, out value);
    }

    /// <summary>
    /// "inf", "infinity" or "nan", any case. A partial match fails with every byte it read consumed, the
    /// mismatching one included (glibc does not push it back).
    /// </summary>
    private static bool ReadWord(LuaFile file, int c, StringBuilder buffer, out double value)
    {
        bool negative = buffer.Length > 0 && buffer[0] == '-';
        value = 0;
        bool inf = c is 'i' or 'I';
        string word = inf ? "inf" : "nan";
        for (int i = 0; i < word.Length; i++)
        {
            if (i > 0) c = file.ReadByte();
            if (c < 0 || char.ToLowerInvariant((char)c) != word[i]) return false;
        }
        c = file.ReadByte();
        if (inf && c is 'i' or 'I')
        {
            foreach (char expected in "nity")
            {
                c = file.ReadByte();
                if (c < 0 || char.ToLowerInvariant((char)c) != expected) return false;
            }
        }
        else file.Unread(c);
        value = inf ? (negative ? double.NegativeInfinity : double.PositiveInfinity) : double.NaN;
        return true;
    }

    /// <summary>strtod on the collected characters: the longest prefix that is a number; false if none is.</summary>
    private static bool Convert(StringBuilder buffer, bool hex, out double value)
    {
        string s = buffer.ToString();
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < s.Length && s[i] is '+' or '-') negative = s[i++] == '-';
        if (hex)
        {
            i += 2;
            double mantissa = 0;
            int scale = 0, digits = 0;
            bool fraction = false;
            for (; i < s.Length && (char.IsAsciiHexDigit(s[i]) || (s[i] == '.' && !fraction)); i++)
            {
                if (s[i] == '.') { fraction = true; continue; }
                digits++;
                int d = System.Convert.ToInt32(s[i].ToString(), 16);
                if (mantissa < 1e300) { mantissa = mantissa * 16 + d; if (fraction) scale -= 4; }
                else if (!fraction) scale += 4;
            }
            // "0x" without hex digits: strtod takes just the "0".
            if (digits > 0) scale += Exponent(s, ref i, 'p');
            double v = Math.ScaleB(mantissa, scale);
            value = negative ? -v : v;
            return true;
        }

        int mantissaDigits = 0;
        bool dot = false;
        for (; i < s.Length && (char.IsAsciiDigit(s[i]) || (s[i] == '.' && !dot)); i++)
        {
            if (s[i] == '.') dot = true; else mantissaDigits++;
        }
        if (mantissaDigits == 0) return false;
        int end = i;
        int expStart = i;
        if (Exponent(s, ref i, 'e') != 0 || i > expStart) end = i;
        value = double.Parse(s.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>An exponent ("e+12", "p-3") at <paramref name="i"/> if it has digits; advances past it.</summary>
    private static int Exponent(string s, ref int i, char marker)
    {
        if (i >= s.Length || s[i] != marker) return 0;
        int j = i + 1, sign = 1;
        if (j < s.Length && s[j] is '+' or '-') sign = s[j++] == '-' ? -1 : 1;
        if (j >= s.Length || !char.IsAsciiDigit(s[j])) return 0;
        long e = 0;
        for (; j < s.Length && char.IsAsciiDigit(s[j]); j++) e = Math.Min(e * 10 + (s[j] - '0'), 100000);
        i = j;
        return (int)(sign * e);
    }
}
