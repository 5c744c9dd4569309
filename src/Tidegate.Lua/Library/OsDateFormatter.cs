namespace Tidegate.Lua.Library;

/// <summary>
/// strftime as glibc 2.36 runs it in the C locale, which is what os.date hands its format to in LuaJIT:
/// the flags <c>_ - 0 ^ #</c>, a field width, the E and O modifiers (accepted or rejected per conversion
/// as glibc does), and every conversion glibc knows. An unknown or malformed conversion is copied through
/// literally, as glibc does.
/// </summary>
public static class OsDateFormatter
{
    private static readonly string[] WeekDays = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
    private static readonly string[] Months = { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" };

    // Conversions glibc refuses with the E or O modifier.
    private const string RejectsE = "aAbBdDeFgGhHIjklmMSUVwW";
    private const string RejectsO = "aAcDFxXY";

    /// <summary>
    /// Formats <paramref name="tm"/>. Output beyond <paramref name="limit"/> bytes is cut short (the caller
    /// treats such a result as not fitting), so a huge field width cannot exhaust memory.
    /// </summary>
    public static byte[] Format(ReadOnlySpan<byte> format, in BrokenDownTime tm, int limit = int.MaxValue)
    {
        var output = new List<byte>(format.Length * 2);
        Format(format, tm, output, limit);
        return output.ToArray();
    }

    private static void Format(ReadOnlySpan<byte> f, in BrokenDownTime tm, List<byte> o, int limit)
    {
        for (int i = 0; i < f.Length; i++)
        {
            if (f[i] != '%') { o.Add(f[i]); continue; }
            int start = i;
            byte pad = 0;
            bool upper = false, changeCase = false;
            for (i++; i < f.Length; i++)
            {
                byte c = f[i];
                if (c is (byte)'_' or (byte)'-' or (byte)'0') pad = c;
                else if (c == '^') upper = true;
                else if (c == '#') changeCase = true;
                else break;
            }
            int width = -1;
            if (i < f.Length && char.IsAsciiDigit((char)f[i]))
            {
                long w = 0;
                while (i < f.Length && char.IsAsciiDigit((char)f[i])) { w = Math.Min(w * 10 + (f[i] - '0'), int.MaxValue); i++; }
                width = (int)w;
            }
            byte modifier = 0;
            if (i < f.Length && f[i] is (byte)'E' or (byte)'O') modifier = f[i++];
            if (o.Count > limit) return;
            var spec = new Spec(o, pad, width, upper, false, limit);

            if (i >= f.Length)
            {
                // A '%' at the very end: glibc copies what it has seen so far, minus the missing conversion.
                i = f.Length - 1;
                spec.Copy(f[start..f.Length]);
                continue;
            }
            char conv = (char)f[i];
            if ((modifier == 'E' && RejectsE.Contains(conv)) || (modifier == 'O' && RejectsO.Contains(conv)))
            {
                spec.Copy(f[start..(i + 1)]);
                continue;
            }
            switch (conv)
            {
                case '%': spec.Add((byte)'%'); break;
                case 'n': spec.Add((byte)'\n'); break;
                case 't': spec.Add((byte)'\t'); break;
                case 'a': spec.Upper |= changeCase; spec.Text(WeekDays[tm.WeekDay][..3]); break;
                case 'A': spec.Upper |= changeCase; spec.Text(WeekDays[tm.WeekDay]); break;
                case 'b': case 'h': spec.Upper |= changeCase; spec.Text(Months[tm.Month][..3]); break;
                case 'B': spec.Upper |= changeCase; spec.Text(Months[tm.Month]); break;
                case 'c': spec.Sub("%a %b %e %H:%M:%S %Y", tm); break;
                case 'D': case 'x': spec.Sub("%m/%d/%y", tm); break;
                case 'F': spec.Sub("%Y-%m-%d", tm); break;
                case 'r': spec.Sub("%I:%M:%S %p", tm); break;
                case 'R': spec.Sub("%H:%M", tm); break;
                case 'T': case 'X': spec.Sub("%H:%M:%S", tm); break;
                case 'C': spec.Number(1, FloorDiv(tm.Year, 100)); break;
                case 'y': spec.Number(2, Mod100(tm.Year)); break;
                case 'Y': spec.Number(1, tm.Year); break;
                case 'd': spec.Number(2, tm.Day); break;
                case 'e': spec.SpacePadded(2, tm.Day); break;
                case 'H': spec.Number(2, tm.Hour); break;
                case 'k': spec.SpacePadded(2, tm.Hour); break;
                case 'I': spec.Number(2, Hour12(tm.Hour)); break;
                case 'l': spec.SpacePadded(2, Hour12(tm.Hour)); break;
                case 'j': spec.Number(3, tm.YearDay + 1); break;
                case 'm': spec.Number(2, tm.Month + 1); break;
                case 'M': spec.Number(2, tm.Minute); break;
                case 'S': spec.Number(2, tm.Second); break;
                case 'u': spec.Number(1, (tm.WeekDay + 6) % 7 + 1); break;
                case 'w': spec.Number(1, tm.WeekDay); break;
                case 'U': spec.Number(2, (tm.YearDay - tm.WeekDay + 7) / 7); break;
                case 'W': spec.Number(2, (tm.YearDay - (tm.WeekDay + 6) % 7 + 7) / 7); break;
                case 'G': case 'g': case 'V':
                {
                    var (isoYear, days) = IsoWeek(tm);
                    if (conv == 'G') spec.Number(1, isoYear);
                    else if (conv == 'g') spec.Number(2, Mod100(isoYear));
                    else spec.Number(2, days / 7 + 1);
                    break;
                }
                case 'p': case 'P':
                    spec.Lower = conv == 'P' || changeCase;
                    spec.Text(tm.Hour > 11 ? "PM" : "AM");
                    break;
                case 'Z':
                    spec.Lower = changeCase;
                    spec.Text(tm.Zone ?? "");
                    break;
                case 'z':
                {
                    long diff = tm.UtcOffset;
                    spec.Add(diff < 0 ? (byte)'-' : (byte)'+');
                    diff = Math.Abs(diff) / 60;
                    spec.Number(4, diff / 60 * 100 + diff % 60);
                    break;
                }
                case 's':
                {
                    long t = OsCalendar.MakeTime(tm.Year, tm.Month, tm.Day, tm.Hour, tm.Minute, tm.Second, tm.IsDst ? 1 : 0) ?? -1;
                    spec.Number(1, t, widthSetsDigits: false);
                    break;
                }
                default: spec.Copy(f[start..(i + 1)]); break;
            }
        }
    }

    private static int Hour12(int hour) => hour % 12 == 0 ? 12 : hour % 12;
    private static long FloorDiv(long a, long b) => a / b - (a % b < 0 ? 1 : 0);
    private static long Mod100(long year) => (year % 100 + 100) % 100;

    /// <summary>The ISO 8601 week-based year and the days since the start of its first week.</summary>
    private static (long Year, int Days) IsoWeek(in BrokenDownTime tm)
    {
        long year = tm.Year;
        int days = IsoWeekDays(tm.YearDay, tm.WeekDay);
        if (days < 0)
        {
            year--;
            days = IsoWeekDays(tm.YearDay + (OsCalendar.IsLeap(year) ? 366 : 365), tm.WeekDay);
        }
        else
        {
            int d = IsoWeekDays(tm.YearDay - (OsCalendar.IsLeap(year) ? 366 : 365), tm.WeekDay);
            if (d >= 0) { year++; days = d; }
        }
        return (year, days);
    }

    // Days since the Monday that starts ISO week 1 (the week holding the year's first Thursday).
    private static int IsoWeekDays(int yday, int wday)
    {
        const int bigEnoughMultipleOf7 = (366 / 7 + 2) * 7;
        return yday - (yday - wday + 4 + bigEnoughMultipleOf7) % 7 + 3;
    }

    /// <summary>One conversion's output rules: glibc's add/cpy/DO_NUMBER macros.</summary>
    private struct Spec
    {
        private readonly List<byte> _o;
        private readonly byte _pad;
        private int _width;
        private readonly int _limit;
        public bool Upper, Lower;

        public Spec(List<byte> o, byte pad, int width, bool upper, bool lower, int limit)
        {
            _o = o; _pad = pad; _width = width; Upper = upper; Lower = lower; _limit = limit;
        }

        // Padding stops just past the limit: the result is rejected then anyway.
        private void Fill(byte b, long count)
        {
            count = Math.Min(count, (long)_limit + 1 - _o.Count);
            for (long k = 0; k < count; k++) _o.Add(b);
        }

        // glibc's add(): pads to the field width (zeros only for the '0' flag), then the text.
        private void Pad(int length) => Fill(_pad == '0' ? (byte)'0' : (byte)' ', (long)_width - length);

        public void Add(byte b) { Pad(1); _o.Add(b); }

        // A conversion glibc rejects is copied as written, upper-cased under '^' like any copied text.
        public void Copy(ReadOnlySpan<byte> s)
        {
            Pad(s.Length);
            foreach (byte b in s) _o.Add(Upper && b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b);
        }

        public void Text(string s)
        {
            Pad(s.Length);
            foreach (char ch in s)
                _o.Add((byte)(Lower ? char.ToLowerInvariant(ch) : Upper ? char.ToUpperInvariant(ch) : ch));
        }

        public void Sub(string format, in BrokenDownTime tm)
        {
            var inner = OsDateFormatter.Format(System.Text.Encoding.ASCII.GetBytes(format), tm, _limit);
            Pad(inner.Length);
            foreach (byte b in inner) _o.Add(Upper && b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b);
        }

        public void SpacePadded(int digits, long value)
        {
            var pad = _pad == 0 ? (byte)'_' : _pad;
            new Spec(_o, pad, _width, Upper, Lower, _limit).Number(digits, value);
        }

        /// <summary>
        /// DO_NUMBER: at least <paramref name="digits"/> digits (or the width, when larger), padded with
        /// zeros after a minus sign, or with spaces for '_', or not at all for '-'.
        /// </summary>
        public void Number(int digits, long value, bool widthSetsDigits = true)
        {
            if (widthSetsDigits && _width > digits) digits = _width;
            bool negative = value < 0;
            string text = (negative ? -(decimal)value : value).ToString(System.Globalization.CultureInfo.InvariantCulture);
            int length = text.Length + (negative ? 1 : 0);
            if (_pad != '-')
            {
                int padding = digits - length;
                if (padding > 0)
                {
                    if (_pad == '_') Fill((byte)' ', padding);
                    else
                    {
                        int used = padding;
                        if (negative) { _o.Add((byte)'-'); negative = false; length--; used++; }
                        Fill((byte)'0', padding);
                        padding = used;
                    }
                    _width = _width > padding ? _width - padding : 0;
                }
            }
            Pad(length);
            if (negative) _o.Add((byte)'-');
            foreach (char ch in text) _o.Add((byte)ch);
        }
    }
}
