using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// The <c>os</c> library as LuaJIT 2.1 provides it on POSIX: time and date through C's calendar rules,
/// files through the C library (so errors read "name: strerror" with errno), and <c>exit</c>.
/// </summary>
public static class OsLibrary
{
    private static readonly ConditionalWeakTable<LuaState, Action<int>> ExitHandlers = new();

    /// <summary>
    /// Replaces what os.exit does for one state (a server must not let a script end the process): the
    /// handler receives the exit status. Without one, os.exit flushes the standard streams and open files
    /// and ends the process, as C's exit does. A handler that returns lets the script go on (os.exit returns
    /// nothing); one that throws (a LuaException, say) unwinds the script instead.
    /// </summary>
    public static void SetExitHandler(LuaState state, Action<int>? handler)
    {
        ExitHandlers.Remove(state);
        if (handler is not null) ExitHandlers.Add(state, handler);
    }

    public static void Open(LuaState state)
    {
        var os = new LuaTable(0, 16);
        Register(os, "time", Time);
        Register(os, "clock", call => call.Return(Environment.CpuUsage.TotalTime.TotalSeconds));
        Register(os, "date", Date);
        Register(os, "difftime", call =>
            call.Return((double)(TimeT(call.CheckNumber(0)) - TimeT(call.OptNumber(1, 0)))));
        Register(os, "getenv", GetEnv);
        Register(os, "remove", call =>
        {
            var name = call.CheckString(0);
            return FileResult(call, IoNative.Remove(name), name);
        });
        Register(os, "rename", call =>
        {
            var from = call.CheckString(0);
            var to = call.CheckString(1);
            return FileResult(call, IoNative.Rename(from, to), from);
        });
        Register(os, "tmpname", call =>
        {
            var name = IoNative.MakeTempFile() ?? throw call.Thread.RuntimeError("unable to generate a unique filename");
            return call.Return(new LuaString(name));
        });
        // system(3)'s raw status, as LuaJIT returns it in its Lua 5.1 mode (768 for "exit 3").
        Register(os, "execute", call => call.Return(IoNative.System(call.OptString(0, null))));
        Register(os, "exit", Exit);
        Register(os, "setlocale", SetLocale);
        state.Globals["os"] = os;
    }

    private static void Register(LuaTable table, string name, HostFunctionBody body) =>
        table[name] = new HostFunction(name, body);

    /// <summary>true, or LuaJIT's failure triple: nil, "name: strerror", errno.</summary>
    internal static int FileResult(LuaCall call, int errno, LuaString? name)
    {
        if (errno == 0) return call.Return(LuaValue.True);
        string text = IoNative.ErrorText(errno);
        LuaString message = name is null ? LuaString.FromUtf8(text) : Concat(name, ": " + text);
        return call.Return(LuaValue.Nil, message, errno);
    }

    internal static LuaString Concat(LuaString prefix, string suffix)
    {
        var tail = System.Text.Encoding.UTF8.GetBytes(suffix);
        var bytes = new byte[prefix.Length + tail.Length];
        prefix.Span.CopyTo(bytes);
        tail.CopyTo(bytes, prefix.Length);
        return new LuaString(bytes);
    }

    /// <summary>C's (time_t) cast of a double: truncation, with out-of-range values becoming INT64_MIN as x86-64 does.</summary>
    internal static long TimeT(double d) => d >= -9.2233720368547758e18 && d < 9.2233720368547758e18 ? (long)d : long.MinValue;

    // ---- time ----

    private static int Time(LuaCall call)
    {
        if (call[0].IsNil) return call.Return((double)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var t = call.CheckTable(0);
        // LuaJIT reads the fields in this order, so the first missing one is the one reported.
        int sec = Field(call, t, "sec", 0);
        int min = Field(call, t, "min", 0);
        int hour = Field(call, t, "hour", 12);
        int day = Field(call, t, "day", null);
        int month = Field(call, t, "month", null) - 1;
        int year = Field(call, t, "year", null);
        var isdstValue = t["isdst"];
        int isdst = isdstValue.IsNil ? -1 : isdstValue.IsTruthy ? 1 : 0;
        long? time = OsCalendar.MakeTime(year, month, day, hour, min, sec, isdst);
        return call.Return(time is long v ? (double)v : LuaValue.Nil);
    }

    /// <summary>A date-table field as LuaJIT's getfield reads it: numbers and numeric strings, cut to C int.</summary>
    private static int Field(LuaCall call, LuaTable t, string key, int? fallback)
    {
        var v = t[key];
        double d;
        if (v.IsNumber) d = v.Number;
        else if (v.Ref is LuaString s && LuaNumber.TryParse(s.Span, out double parsed)) d = parsed;
        else return fallback ?? throw call.Thread.RuntimeError($"field '{key}' missing in date table");
        return (int)TimeT(d); // lua_tointeger then an (int) cast: the low 32 bits
    }

    // ---- date ----

    private static int Date(LuaCall call)
    {
        ReadOnlySpan<byte> format = call.OptString(0, null) is LuaString f ? f.Span : "%c"u8;
        long time = call[1].IsNil ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() : TimeT(call.CheckNumber(1));
        // C sees the format as a NUL-terminated string.
        int nul = format.IndexOf((byte)0);
        if (nul >= 0) format = format[..nul];

        BrokenDownTime tm;
        bool ok;
        if (format.Length > 0 && format[0] == '!')
        {
            format = format[1..];
            ok = OsCalendar.TryUtc(time, out tm);
        }
        else ok = OsCalendar.TryLocal(time, out tm);

        if (!ok) return call.Return(LuaValue.Nil);
        if (format.SequenceEqual("*t"u8)) return call.Return(DateTable(tm));
        if (format.Length == 0) return call.Return(LuaString.Empty);

        // LuaJIT asks strftime for 30 bytes per '%' and one per other byte, in a buffer rounded up to a power of
        // two (at least 32), growing the request four times. A result that never fits (or is empty) pushes
        // nothing, so os.date returns the top stack slot: its last argument.
        long request = 0;
        foreach (byte b in format) request += b == '%' ? 30 : 1;
        var sizes = new long[4];
        for (int retry = 0; retry < 4; retry++)
        {
            long size = 32;
            while (size < request) size += size;
            sizes[retry] = size;
            request += request | 1;
        }
        byte[] result = OsDateFormatter.Format(format, tm, (int)Math.Min(sizes[3], int.MaxValue - 1));
        foreach (long size in sizes)
            if (result.Length > 0 && result.Length < size) return call.Return(new LuaString(result));
        return call.Return(call[call.Count - 1]);
    }

    private static LuaTable DateTable(in BrokenDownTime tm)
    {
        var t = new LuaTable(0, 9);
        t["sec"] = tm.Second;
        t["min"] = tm.Minute;
        t["hour"] = tm.Hour;
        t["day"] = tm.Day;
        t["month"] = tm.Month + 1;
        t["year"] = (double)tm.Year;
        t["wday"] = tm.WeekDay + 1;
        t["yday"] = tm.YearDay + 1;
        t["isdst"] = tm.IsDst;
        return t;
    }

    // ---- environment and process ----

    private static int GetEnv(LuaCall call)
    {
        var name = call.CheckString(0);
        // C sees the name up to its first NUL; a name with '=' can never be set.
        string key = System.Text.Encoding.UTF8.GetString(IoNative.CPath(name).AsSpan()[..^1]);
        var lookup = call.State.EnvironmentLookup;
        string? value = key.Length == 0 || key.Contains('=') ? null
            : lookup is not null ? lookup(key) : Environment.GetEnvironmentVariable(key);
        return call.Return(value is null ? LuaValue.Nil : LuaString.FromUtf8(value));
    }

    private static int Exit(LuaCall call)
    {
        int status = call[0].IsBoolean ? (call[0].AsBoolean ? 0 : 1) : call.OptInt(0, 0);
        var state = call.State;
        if (ExitHandlers.TryGetValue(state, out var handler))
        {
            handler(status);
            return call.Return();
        }
        // C's exit flushes every stdio stream, so buffered file output is not lost.
        IoLibrary.FlushAll(state);
        Environment.Exit(status);
        return call.Return();
    }

    /// <summary>
    /// Only the C locale exists here: queries and requests for "C", "POSIX" or the environment's default ("")
    /// answer "C"; any other locale cannot be set, which C reports as nil.
    /// </summary>
    private static int SetLocale(LuaCall call)
    {
        var locale = call.OptString(0, null);
        var category = call.OptString(1, null)?.ToString() ?? "all";
        if (category is not ("all" or "collate" or "ctype" or "monetary" or "numeric" or "time"))
            throw call.ArgError(1, $"invalid option '{category}'");
        if (locale is null) return call.Return(LuaString.FromUtf8("C"));
        string name = locale.ToString();
        return call.Return(name is "" or "C" or "POSIX" ? LuaString.FromUtf8("C") : LuaValue.Nil);
    }
}
