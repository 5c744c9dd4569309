using Tidegate.Web.Config;

namespace Tidegate.Web.Hosting;

/// <summary>nginx's value parsers for times (<c>75s</c>, <c>1m30s</c>, <c>500ms</c>) and sizes (<c>8k</c>, <c>1m</c>).</summary>
public static class ConfigValues
{
    public static TimeSpan ParseTime(ConfigDirective d, int index)
    {
        if (TryParseTimeMs(d.Arguments[index], out long ms)) return TimeSpan.FromMilliseconds(ms);
        throw ConfigException.At($"\"{d.Name}\" directive invalid value", d);
    }

    public static bool TryParseTimeMs(string text, out long ms)
    {
        ms = 0;
        if (text.Length == 0) return false;
        int i = 0;
        bool any = false;
        while (i < text.Length)
        {
            if (text[i] == ' ') { i++; continue; }
            long value = 0;
            int digits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i])) { value = checked(value * 10 + (text[i] - '0')); i++; digits++; }
            if (digits == 0) return false;
            long unit = 1000;
            if (i < text.Length && text[i] != ' ')
            {
                if (text[i] == 'm' && i + 1 < text.Length && text[i + 1] == 's') { unit = 1; i += 2; }
                else
                {
                    unit = text[i] switch
                    {
                        's' => 1000L, 'm' => 60_000L, 'h' => 3_600_000L, 'd' => 86_400_000L,
                        'w' => 604_800_000L, 'M' => 2_592_000_000L, 'y' => 31_536_000_000L, _ => -1,
                    };
                    if (unit < 0) return false;
                    i++;
                }
            }
            ms += value * unit;
            any = true;
        }
        return any;
    }

    public static long ParseSize(ConfigDirective d, int index)
    {
        string text = d.Arguments[index];
        long scale = 1;
        string digits = text;
        if (text.Length > 0)
        {
            char last = text[^1];
            scale = last switch { 'k' or 'K' => 1024, 'm' or 'M' => 1024 * 1024, 'g' or 'G' => 1024L * 1024 * 1024, _ => 1 };
            if (scale != 1) digits = text[..^1];
        }
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit) && long.TryParse(digits, out long n)) return n * scale;
        throw ConfigException.At($"\"{d.Name}\" directive invalid value", d);
    }

    public static bool Flag(ConfigDirective d) => d.Arguments[0].Equals("on", StringComparison.OrdinalIgnoreCase);
}
