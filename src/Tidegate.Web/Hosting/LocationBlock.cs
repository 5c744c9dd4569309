using System.Text.RegularExpressions;

namespace Tidegate.Web.Hosting;

/// <summary>How a location's name is matched, by its modifier.</summary>
public enum LocationKind { Prefix, NoRegexPrefix, Exact, Regex, RegexCaseless, Named, ServerLevel }

/// <summary>
/// A <c>location</c> block (or the server level itself) with its settings already merged with
/// the enclosing levels, as nginx merges loc confs, and its nested locations split the way
/// nginx's lookup walks them: static (exact and prefix) and regex, in definition order.
/// </summary>
public sealed class LocationBlock
{
    public LocationBlock(string name, LocationKind kind, LocationSettings settings)
    {
        Name = name;
        Kind = kind;
        Settings = settings;
    }

    public string Name { get; }
    public LocationKind Kind { get; }
    public Regex? Pattern { get; init; }
    public LocationSettings Settings { get; }
    public List<LocationBlock> StaticLocations { get; } = new();
    public List<LocationBlock> RegexLocations { get; } = new();
}
