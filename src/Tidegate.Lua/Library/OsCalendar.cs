namespace Tidegate.Lua.Library;

/// <summary>
/// C's <c>struct tm</c>: a broken-down time, with C's field conventions (month 0-11, year since 1900
/// kept here as the full year, weekday 0 = Sunday, day of year 0-365).
/// </summary>
public struct BrokenDownTime
{
    public long Year;
    public int Month, Day, Hour, Minute, Second, WeekDay, YearDay;
    public bool IsDst;
    /// <summary>Seconds east of UTC (tm_gmtoff).</summary>
    public long UtcOffset;
    /// <summary>The zone abbreviation (tm_zone): "GMT" for gmtime.</summary>
    public string Zone;
}

/// <summary>
/// gmtime, localtime and mktime over 64-bit time_t as glibc computes them, on the proleptic Gregorian
/// calendar (so years far outside DateTime's 1..9999 work). The local zone is TimeZoneInfo.Local.
/// </summary>
public static class OsCalendar
{
    /// <summary>Days since 1970-01-01 of a civil date (month 1-12), for any year.</summary>
    public static long DaysFromCivil(long year, long month, long day)
    {
        year -= month <= 2 ? 1 : 0;
        long era = (year >= 0 ? year : year - 399) / 400;
        long yoe = year - era * 400;
        long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    private static (long Year, int Month, int Day) CivilFromDays(long z)
    {
        z += 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int)(doy - (153 * mp + 2) / 5 + 1);
        int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
    }

    public static bool IsLeap(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    private static long FloorDiv(long a, long b) => a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);

    /// <summary>gmtime: false when the year does not fit C's int tm_year, as glibc fails then.</summary>
    public static bool TryUtc(long time, out BrokenDownTime tm) => TryBreakDown(time, 0, false, "GMT", out tm);

    /// <summary>localtime in TimeZoneInfo.Local.</summary>
    public static bool TryLocal(long time, out BrokenDownTime tm)
    {
        var (offset, dst, zone) = LocalZone(time);
        return TryBreakDown(time + offset, offset, dst, zone, out tm);
    }

    private static bool TryBreakDown(long shifted, long offset, bool dst, string zone, out BrokenDownTime tm)
    {
        tm = default;
        long days = FloorDiv(shifted, 86400);
        long secs = shifted - days * 86400;
        var (year, month, day) = CivilFromDays(days);
        if (year - 1900 > int.MaxValue || year - 1900 < int.MinValue) return false;
        tm.Year = year;
        tm.Month = month - 1;
        tm.Day = day;
        tm.Hour = (int)(secs / 3600);
        tm.Minute = (int)(secs / 60 % 60);
        tm.Second = (int)(secs % 60);
        tm.WeekDay = (int)(((days + 4) % 7 + 7) % 7);
        tm.YearDay = (int)(days - DaysFromCivil(year, 1, 1));
        tm.IsDst = dst;
        tm.UtcOffset = offset;
        tm.Zone = zone;
        return true;
    }

    /// <summary>The local zone's offset from UTC at a UTC instant, and whether it is daylight saving time.</summary>
    public static (long Offset, bool IsDst) LocalOffset(long utcTime)
    {
        var (offset, dst, _) = LocalZone(utcTime);
        return (offset, dst);
    }

    /// <summary>The local zone at a UTC instant: offset, DST flag and abbreviation, from the zone file where it decides.</summary>
    public static (long Offset, bool IsDst, string Name) LocalZone(long utcTime)
    {
        var names = OsTimeZoneNames.Current;
        if (names.Historical(utcTime) is { } historical) return historical;
        var (offset, dst) = RuleOffset(utcTime);
        return (offset, dst, names.NameFor(offset, dst));
    }

    private static (long Offset, bool IsDst) RuleOffset(long utcTime)
    {
        var zone = TimeZoneInfo.Local;
        // DateTime covers years 1..9999. Earlier times take the zone's earliest offset (its local mean time,
        // as glibc uses before the first transition); later ones move back by whole 400-year cycles, which
        // repeat the calendar exactly, so the zone's final rule applies to the same date as it would in C.
        const long minTime = -62135596800 + 86400 * 2, maxTime = 253402300799 - 86400 * 2;
        const long fourCenturies = 146097L * 86400;
        if (utcTime < minTime) utcTime = minTime;
        else if (utcTime > maxTime) utcTime -= ((utcTime - maxTime) / fourCenturies + 1) * fourCenturies;
        var instant = DateTimeOffset.FromUnixTimeSeconds(utcTime);
        return ((long)zone.GetUtcOffset(instant).TotalSeconds, zone.IsDaylightSavingTime(instant));
    }

    /// <summary>
    /// mktime: normalises out-of-range fields (month 13, day 0, negative hours...) as C does and returns the
    /// time, or null where mktime returns -1 (including a valid -1: LuaJIT cannot tell them apart either).
    /// <paramref name="isDst"/> is tm_isdst: negative to let the zone decide.
    /// </summary>
    public static long? MakeTime(long year, int month, int day, int hour, int minute, int second, int isDst)
    {
        // Fold months into years first, then everything else into a count of seconds.
        long months = month;
        long y = year + FloorDiv(months, 12);
        long m = months - FloorDiv(months, 12) * 12;
        long days = DaysFromCivil(y, m + 1, 1) + (day - 1L);
        long local = days * 86400 + hour * 3600L + minute * 60L + second;

        var (offset, _) = LocalOffset(local);
        long t = local - offset;
        var (offset2, dst) = LocalOffset(t);
        if (offset2 != offset) t = local - offset2;
        (_, dst) = LocalOffset(t);

        // A caller's explicit isdst that disagrees with the zone shifts by the daylight-saving delta,
        // as glibc does (an hour where the zone has no DST rules at all).
        if (isDst > 0 && !dst) t -= DstDelta();
        else if (isDst == 0 && dst) t += DstDelta();

        if (!TryLocal(t, out _)) return null;
        return t == -1 ? null : t;
    }

    private static long DstDelta()
    {
        foreach (var rule in TimeZoneInfo.Local.GetAdjustmentRules())
            if (rule.DaylightDelta != TimeSpan.Zero) return (long)rule.DaylightDelta.TotalSeconds;
        return 3600;
    }
}
