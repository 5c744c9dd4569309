namespace Tidegate.Web.Lua.Api;

/// <summary>
/// nginx's HTTP dates: ngx_http_time ("Thu, 18 Nov 2010 11:27:35 GMT"), ngx_http_cookie_time
/// ("Thu, 18-Nov-10 11:27:35 GMT"; four-digit years after 2037) and ngx_parse_http_time (RFC 822,
/// RFC 850 and asctime forms, parsed with nginx's exact leniency and strictness).
/// </summary>
public static class HttpTime
{
    /// <summary>The largest time nginx formats: 9999-12-31 23:59:59.</summary>
    public const long MaxTime = 253402300799;

    private static readonly string[] Weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly int[] MonthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    /// <summary>A Lua number as the C time_t it becomes: truncated; NaN and out-of-range values become
    /// the x86 conversion's "integer indefinite" (long.MinValue).</summary>
    public static long ToTimeT(double seconds) =>
        double.IsNaN(seconds) || seconds >= 9.2233720368547758e18 || seconds < -9.2233720368547758e18 ? long.MinValue : (long)seconds;

    private static DateTime Clamped(long t) => DateTime.UnixEpoch.AddSeconds(Math.Clamp(t, 0, MaxTime));

    public static string Format(long t)
    {
        var d = Clamped(t);
        return $"{Weekdays[(int)d.DayOfWeek]}, {d.Day:00} {Months[d.Month - 1]} {d.Year} {d.Hour:00}:{d.Minute:00}:{d.Second:00} GMT";
    }

    public static string FormatCookie(long t)
    {
        var d = Clamped(t);
        string year = d.Year > 2037 ? d.Year.ToString() : (d.Year % 100).ToString("00");
        return $"{Weekdays[(int)d.DayOfWeek]}, {d.Day:00}-{Months[d.Month - 1]}-{year} {d.Hour:00}:{d.Minute:00}:{d.Second:00} GMT";
    }

    private enum Form { None, Rfc822, Rfc850, Asctime }

    /// <summary>ngx_parse_http_time: the Unix time, or null where nginx returns NGX_ERROR.</summary>
    public static long? Parse(ReadOnlySpan<byte> input)
    {
        // Reads past the end see NUL, as nginx reading a NUL-terminated Lua string does.
        byte[] value = input.ToArray();
        int end = value.Length;
        byte At(int i) => i < end ? value[i] : (byte)0;
        bool Digit(int i) => At(i) is >= (byte)'0' and <= (byte)'9';
        int Two(int i) => (At(i) - '0') * 10 + At(i + 1) - '0';

        var form = Form.None;
        int day = 32, year = 2038, month;
        int p = 0;
        for (; p < end; p++)
        {
            if (value[p] == ',') break;
            if (value[p] == ' ') { form = Form.Asctime; break; }
        }
        for (p++; p < end; p++)
            if (value[p] != ' ') break;
        if (end - p < 18) return null;

        if (form != Form.Asctime)
        {
            if (!Digit(p) || !Digit(p + 1)) return null;
            day = Two(p);
            p += 2;
            if (At(p) == ' ')
            {
                if (end - p < 18) return null;
                form = Form.Rfc822;
            }
            else if (At(p) == '-') form = Form.Rfc850;
            else return null;
            p++;
        }

        switch (At(p))
        {
            case (byte)'J': month = At(p + 1) == 'a' ? 0 : At(p + 2) == 'n' ? 5 : 6; break;
            case (byte)'F': month = 1; break;
            case (byte)'M': month = At(p + 2) == 'r' ? 2 : 4; break;
            case (byte)'A': month = At(p + 1) == 'p' ? 3 : 7; break;
            case (byte)'S': month = 8; break;
            case (byte)'O': month = 9; break;
            case (byte)'N': month = 10; break;
            case (byte)'D': month = 11; break;
            default: return null;
        }
        p += 3;
        if ((form == Form.Rfc822 && At(p) != ' ') || (form == Form.Rfc850 && At(p) != '-')) return null;
        p++;

        if (form == Form.Rfc822)
        {
            if (!Digit(p) || !Digit(p + 1) || !Digit(p + 2) || !Digit(p + 3)) return null;
            year = Two(p) * 100 + Two(p + 2);
            p += 4;
        }
        else if (form == Form.Rfc850)
        {
            if (!Digit(p) || !Digit(p + 1)) return null;
            year = Two(p);
            year += year < 70 ? 2000 : 1900;
            p += 2;
        }

        if (form == Form.Asctime)
        {
            if (At(p) == ' ') p++;
            if (!Digit(p)) return null;
            day = At(p++) - '0';
            if (At(p) != ' ')
            {
                if (!Digit(p)) return null;
                day = day * 10 + At(p++) - '0';
            }
            if (end - p < 14) return null;
        }

        if (At(p++) != ' ') return null;
        if (!Digit(p) || !Digit(p + 1)) return null;
        int hour = Two(p);
        p += 2;
        if (At(p++) != ':') return null;
        if (!Digit(p) || !Digit(p + 1)) return null;
        int min = Two(p);
        p += 2;
        if (At(p++) != ':') return null;
        if (!Digit(p) || !Digit(p + 1)) return null;
        int sec = Two(p);

        if (form == Form.Asctime)
        {
            p += 2;
            if (At(p++) != ' ') return null;
            if (!Digit(p) || !Digit(p + 1) || !Digit(p + 2) || !Digit(p + 3)) return null;
            year = Two(p) * 100 + Two(p + 2);
        }

        if (hour > 23 || min > 59 || sec > 59) return null;
        if (day == 29 && month == 1)
        {
            if ((year & 3) != 0 || (year % 100 == 0 && year % 400 != 0)) return null;
        }
        else if (day > MonthDays[month]) return null;

        // Gauss's formula, with the year starting on March 1 and months counted from 1.
        if (--month <= 0)
        {
            month += 12;
            year -= 1;
        }
        long days = 365L * year + year / 4 - year / 100 + year / 400 + 367L * month / 12 - 30 + day - 1 - 719527 + 31 + 28;
        return days * 86400 + hour * 3600 + min * 60 + sec;
    }

}
