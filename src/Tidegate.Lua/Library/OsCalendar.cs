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

    // glibc's mktime remembers the offset of its previous result (minus the UTC offset) and starts the next
    // search from it, which decides which of two valid times an ambiguous local time gets. Shared by all
    // states, as the C library's static is shared by the whole process.
    private static long _mktimeOffsetGuess;

    /// <summary>
    /// mktime as glibc computes it: normalises out-of-range fields (month 13, day 0, negative hours...),
    /// finds the time by Newton steps from the previous call's offset (so fall-back overlaps resolve as
    /// glibc's do, and spring-forward gaps give a time the gap's width away), and honours an explicit isdst
    /// by borrowing the offset of a nearby time that has it. Returns null where mktime returns -1
    /// (including a valid -1: LuaJIT cannot tell them apart either). <paramref name="isDst"/> is tm_isdst:
    /// negative to let the zone decide. <paramref name="month"/> counts from 0.
    /// </summary>
    public static long? MakeTime(long year, int month, int day, int hour, int minute, int second, int isDst)
    {
        long y = year + FloorDiv(month, 12);
        long m = month - FloorDiv(month, 12) * 12;
        // Seconds outside 0..59 are searched for as the nearest in range and added back at the end, as glibc
        // does (it allows for leap seconds), which matters next to a transition.
        int sec = Math.Clamp(second, 0, 59);
        long target = (DaysFromCivil(y, m + 1, 1) + (day - 1L)) * 86400 + hour * 3600L + minute * 60L + sec;

        long t0 = target + _mktimeOffsetGuess;
        long t = t0, t1 = t0, t2 = t0;
        bool previousDst = false, dst;
        int probes = 6;
        while (true)
        {
            (long offset, dst) = LocalOffset(t);
            long error = target - (t + offset);
            if (error == 0) break;
            // Oscillating between two times: the target is in a spring-forward gap. Stop on the side glibc
            // prefers: the isdst that differs from the one requested, or with none requested, daylight time.
            if (t == t1 && t != t2 && (isDst < 0 ? !previousDst || dst : (isDst != 0) != dst))
                return Found(t, target, second - sec);
            if (--probes == 0) return null;
            t1 = t2;
            t2 = t;
            t += error;
            previousDst = dst;
        }

        if (isDst >= 0 && (isDst != 0) != dst)
        {
            // The requested isdst disagrees: probe a week apart in both directions, up to about seven years,
            // for a time that has it, and use that time's offset; failing that, assume an hour's difference.
            const long stride = 601200, deltaBound = 457243200 / 2 + stride;
            for (long delta = stride; delta < deltaBound; delta += stride)
            {
                for (int direction = -1; direction <= 1; direction += 2)
                {
                    var (probeOffset, probeDst) = LocalOffset(t + delta * direction);
                    if (probeDst == (isDst != 0)) return Found(target - probeOffset, target, second - sec);
                }
            }
            t += 3600 * ((isDst == 0 ? 1 : 0) - (dst ? 0 : 1));
        }
        return Found(t, target, second - sec);
    }

    private static long? Found(long t, long target, long secondsAdjustment)
    {
        _mktimeOffsetGuess = t - target;
        return Finish(t + secondsAdjustment);
    }

    // mktime fails when the result's year does not fit C's int; a result of -1 is indistinguishable from failure.
    private static long? Finish(long t) => !TryLocal(t, out _) || t == -1 ? null : t;
}
