using System.Text.RegularExpressions;
using Tidegate.Web.Config;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.Map;

/// <summary>The map module: <c>map $source $result { ... }</c> at http level, with nginx's messages.</summary>
public sealed class MapConfigModule : IConfigModule
{
    public bool TryApply(ConfigDirective d, LocationSettings? settings, ConfigLevel level, ConfigCompiler compiler)
    {
        if (d.Name != "map" || settings is null) return false;
        string result = d.Arguments[1];
        if (!result.StartsWith('$') || result.Length < 2) throw ConfigException.At($"invalid variable name \"{result}\"", d);
        var map = new MapDefinition { Source = ConfigCompiler.Template(d, 0) };
        foreach (var entry in d.Block ?? new())
        {
            var args = entry.Arguments;
            if (entry.Name == "hostnames" && args.Count == 0) { map.Hostnames = true; continue; }
            if (entry.Name == "volatile" && args.Count == 0) { map.Volatile = true; continue; }
            if (args.Count != 1) throw ConfigException.At("invalid number of the map parameters", entry);
            string key = entry.Name;
            var value = ConfigCompiler.Template(entry, 0);
            if (key == "default")
            {
                if (map.HasDefault) throw ConfigException.At("duplicate default map parameter", entry);
                map.HasDefault = true;
                map.Default = value;
                continue;
            }
            if (key.StartsWith('~') && key.Length > 1)
            {
                bool caseless = key.StartsWith("~*", StringComparison.Ordinal);
                string pattern = key[(caseless ? 2 : 1)..];
                try
                {
                    map.Regexes.Add((new Regex(pattern, RegexOptions.CultureInvariant | (caseless ? RegexOptions.IgnoreCase : 0)), value));
                }
                catch (ArgumentException e)
                {
                    throw ConfigException.At($"pcre2_compile() failed: {e.Message} in \"{pattern}\"", entry);
                }
                continue;
            }
            if (key.StartsWith('\\')) key = key[1..];
            if (map.Hostnames && (key.StartsWith("*.", StringComparison.Ordinal) || key.StartsWith('.')))
            {
                map.Wildcards.Add((key.StartsWith('*') ? key[1..] : key, true, value));
                continue;
            }
            if (map.Hostnames && key.EndsWith(".*", StringComparison.Ordinal))
            {
                map.Wildcards.Add((key[..^1], false, value));
                continue;
            }
            if (!map.Exact.TryAdd(key, value))
                throw ConfigException.At($"conflicting parameter \"{key}\"", entry);
        }
        string name = result[1..].ToLowerInvariant();
        if (!settings.Maps.TryAdd(name, map)) throw ConfigException.At($"the duplicate \"{name}\" variable", d);
        return true;
    }

    public void Complete(ServerConfiguration config, ConfigCompiler compiler) { }
}
