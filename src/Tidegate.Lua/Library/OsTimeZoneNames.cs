using System.Buffers.Binary;
using System.Text;

namespace Tidegate.Lua.Library;

/// <summary>
/// The local zone as glibc's localtime reads it from the TZif file (TZ's file, else /etc/localtime): the
/// historical transitions with their exact offsets (local mean time to the second) and abbreviations
/// ("LMT", "CEST"), which .NET does not expose. Times after the last transition follow the zone's POSIX
/// rule, which .NET applies; its abbreviations come from the rule that ends the file.
/// </summary>
public sealed class OsTimeZoneNames
{
    private readonly long[] _transitions;
    private readonly byte[] _typeOfTransition;
    private readonly (int Offset, bool IsDst, string Name)[] _types;
    private readonly string _ruleStandard, _ruleDaylight;

    private OsTimeZoneNames(long[] transitions, byte[] typeOf, (int, bool, string)[] types, string std, string dst)
    {
        _transitions = transitions;
        _typeOfTransition = typeOf;
        _types = types;
        _ruleStandard = std;
        _ruleDaylight = dst;
    }

    // One reference, swapped whole, so worker threads sharing it never see a zone paired with another TZ.
    private static Tuple<string, OsTimeZoneNames>? _current;

    /// <summary>The zone for the current TZ, reloaded when TZ changes.</summary>
    public static OsTimeZoneNames Current
    {
        get
        {
            string tz = Environment.GetEnvironmentVariable("TZ") ?? "\0unset";
            var current = _current;
            if (current is null || current.Item1 != tz)
            {
                // TZ changed while running: .NET's cached local zone (used past the last transition) must follow.
                if (current is not null) TimeZoneInfo.ClearCachedData();
                current = Tuple.Create(tz, Load(tz));
                _current = current;
            }
            return current.Item2;
        }
    }


    /// <summary>
    /// The offset, DST flag and abbreviation at a UTC instant when the zone file decides it (before its last
    /// transition); null when the POSIX rule applies, which the caller takes from .NET.
    /// </summary>
    public (long Offset, bool IsDst, string Name)? Historical(long utcTime)
    {
        if (_types.Length == 0) return null;
        if (_transitions.Length == 0 || utcTime < _transitions[0])
        {
            // Before the first transition glibc uses the first standard-time type: usually local mean time.
            foreach (var t in _types)
                if (!t.IsDst) return (t.Offset, false, t.Name);
            return (_types[0].Offset, _types[0].IsDst, _types[0].Name);
        }
        if (utcTime >= _transitions[^1]) return null;
        int i = Array.BinarySearch(_transitions, utcTime);
        if (i < 0) i = ~i - 1;
        var type = _types[_typeOfTransition[i]];
        return (type.Offset, type.IsDst, type.Name);
    }

    /// <summary>The abbreviation for a rule-governed time: the footer's names, else a TZif type with that offset.</summary>
    public string NameFor(long offset, bool dst)
    {
        string rule = dst ? _ruleDaylight : _ruleStandard;
        if (rule.Length > 0) return rule;
        foreach (var t in _types)
            if (t.Offset == offset && t.IsDst == dst) return t.Name;
        return "UTC";
    }

    private static OsTimeZoneNames Load(string tz)
    {
        try
        {
            string path;
            if (tz == "\0unset" || tz == "") path = "/etc/localtime";
            else
            {
                string name = tz.StartsWith(':') ? tz[1..] : tz;
                path = name.StartsWith('/') ? name : Path.Combine("/usr/share/zoneinfo", name);
                if (!File.Exists(path)) return FromRule(name);
            }
            if (File.Exists(path)) return Parse(File.ReadAllBytes(path));
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return FromRule("UTC0");
    }

    private static OsTimeZoneNames FromRule(string rule)
    {
        var (std, dst) = RuleNames(rule);
        return new OsTimeZoneNames(Array.Empty<long>(), Array.Empty<byte>(), Array.Empty<(int, bool, string)>(), std, dst);
    }

    /// <summary>Reads a TZif file: the 64-bit (v2+) data block when present, and the POSIX rule after it.</summary>
    private static OsTimeZoneNames Parse(byte[] data)
    {
        if (data.Length < 44 || data[0] != 'T' || data[1] != 'Z' || data[2] != 'i' || data[3] != 'f') return FromRule("UTC0");
        int version = data[4];
        int pos = 0;
        var header = ReadHeader(data, pos);
        int timeSize = 4;
        if (version >= '2')
        {
            // Skip the 32-bit block; the 64-bit block with its own header follows.
            pos += 44 + BlockSize(header, 4);
            header = ReadHeader(data, pos);
            timeSize = 8;
        }
        pos += 44;
        var (isUtCount, isStdCount, leapCount, timeCount, typeCount, charCount) = header;
        var transitions = new long[timeCount];
        for (int i = 0; i < timeCount; i++, pos += timeSize)
            transitions[i] = timeSize == 8 ? BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(pos)) : BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(pos));
        var typeOf = data.AsSpan(pos, timeCount).ToArray();
        pos += timeCount;
        int typesAt = pos;
        int charsAt = typesAt + 6 * typeCount;
        var types = new (int, bool, string)[typeCount];
        for (int i = 0; i < typeCount; i++)
        {
            int at = typesAt + 6 * i;
            int offset = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at));
            bool dst = data[at + 4] != 0;
            int abbr = data[at + 5];
            int end = Array.IndexOf(data, (byte)0, charsAt + abbr);
            types[i] = (offset, dst, Encoding.ASCII.GetString(data, charsAt + abbr, Math.Max(0, end - charsAt - abbr)));
        }
        pos = charsAt + charCount + leapCount * (timeSize + 4) + isStdCount + isUtCount;

        string std = "", dstName = "";
        if (version >= '2' && pos < data.Length && data[pos] == '\n')
        {
            int end = Array.IndexOf(data, (byte)'\n', pos + 1);
            if (end > pos) (std, dstName) = RuleNames(Encoding.ASCII.GetString(data, pos + 1, end - pos - 1));
        }
        return new OsTimeZoneNames(transitions, typeOf, types, std, dstName);
    }

    private static (int, int, int, int, int, int) ReadHeader(byte[] data, int pos)
    {
        int Count(int k) => BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(pos + 20 + 4 * k));
        return (Count(0), Count(1), Count(2), Count(3), Count(4), Count(5));
    }

    private static int BlockSize((int IsUt, int IsStd, int Leap, int Time, int Type, int Char) h, int timeSize) =>
        h.Time * timeSize + h.Time + h.Type * 6 + h.Char + h.Leap * (timeSize + 4) + h.IsStd + h.IsUt;

    /// <summary>The standard and daylight names of a POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3", "&lt;+0530&gt;-5:30").</summary>
    private static (string, string) RuleNames(string rule)
    {
        int i = 0;
        string std = ParseName(rule, ref i);
        while (i < rule.Length && (char.IsAsciiDigit(rule[i]) || rule[i] is '+' or '-' or ':')) i++;
        string dst = ParseName(rule, ref i);
        return (std, dst.Length == 0 ? std : dst);
    }

    private static string ParseName(string rule, ref int i)
    {
        if (i < rule.Length && rule[i] == '<')
        {
            int end = rule.IndexOf('>', i);
            if (end < 0) return "";
            string quoted = rule[(i + 1)..end];
            i = end + 1;
            return quoted;
        }
        int start = i;
        while (i < rule.Length && char.IsAsciiLetter(rule[i])) i++;
        return rule[start..i];
    }
}
