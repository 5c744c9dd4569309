namespace Tidegate.Web.Shared;

/// <summary>
/// The shared dictionaries of a running configuration, by name, shared by all its workers.
/// On reload nginx keeps a zone whose name and size are unchanged, contents and all; <see cref="Create"/>
/// does the same with the previous configuration's dictionaries.
/// </summary>
public sealed class SharedDictZones
{
    private readonly Dictionary<string, SharedDictionary> _byName;

    private SharedDictZones(Dictionary<string, SharedDictionary> byName, List<SharedDictionary> ordered)
    {
        _byName = byName;
        All = ordered;
    }

    public static SharedDictZones Empty { get; } = new(new(StringComparer.Ordinal), new());

    /// <summary>Every dictionary, in declaration order.</summary>
    public IReadOnlyList<SharedDictionary> All { get; }

    public SharedDictionary? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// Builds the dictionaries declared, reusing <paramref name="previous"/>'s where name and size match.
    /// A zone too small for its own bookkeeping throws <see cref="InvalidOperationException"/> with
    /// nginx's message ("ngx_slab_alloc() failed: no memory", which nginx logs at [crit] before failing).
    /// </summary>
    public static SharedDictZones Create(SharedDictDeclarations declarations, SharedDictZones? previous = null, SharedDictClock? clock = null) =>
        Create(declarations.All.Select(d => (d.Name, d.Size)), previous, clock);

    /// <summary>The same from (name, size) pairs already checked (the Lua config module's declarations).</summary>
    public static SharedDictZones Create(IEnumerable<(string Name, long Size)> declarations, SharedDictZones? previous = null, SharedDictClock? clock = null)
    {
        var byName = new Dictionary<string, SharedDictionary>(StringComparer.Ordinal);
        var ordered = new List<SharedDictionary>();
        foreach (var d in declarations)
        {
            var kept = previous?.Find(d.Name);
            var dict = kept is not null && kept.Capacity == d.Size ? kept : new SharedDictionary(d.Name, d.Size, clock);
            byName[d.Name] = dict;
            ordered.Add(dict);
        }
        return new SharedDictZones(byName, ordered);
    }
}
