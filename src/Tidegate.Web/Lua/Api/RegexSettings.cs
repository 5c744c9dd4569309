namespace Tidegate.Web.Lua.Api;

/// <summary>
/// One worker's ngx.re state: the limits from nginx.conf (lua_regex_cache_max_entries,
/// lua_regex_match_limit) and the cache of patterns compiled with the 'o' flag.
/// </summary>
public sealed class RegexSettings
{
    /// <summary>PCRE's own default match limit, used when lua_regex_match_limit is 0.</summary>
    public const int PcreDefaultMatchLimit = 10_000_000;

    /// <summary>
    /// How long PCRE's default limit of 10 million steps roughly lasts. .NET's engine counts no
    /// steps, so a match limit becomes a time budget in proportion: a match that runs past it fails
    /// as PCRE's does on its limit ("pcre_exec() failed: -8").
    /// </summary>
    public static readonly TimeSpan DefaultLimitDuration = TimeSpan.FromMilliseconds(250);

    /// <summary>lua_regex_cache_max_entries (default 1024; 0 disables the 'o' cache).</summary>
    public int CacheMaxEntries { get; set; } = 1024;

    /// <summary>lua_regex_match_limit (0: PCRE's default).</summary>
    public int MatchLimit { get; set; }

    internal RegexCache Cache { get; }

    /// <summary>True until a pattern is compiled with 'o' (ngx.re.opt refuses changes after that).</summary>
    public bool CacheIsEmpty => Cache.IsEmpty;

    /// <summary>Patterns compiled without 'o' are cached here too (their results cannot differ), just not counted.</summary>
    internal RegexCache Scratch { get; } = new(() => 256);

    public RegexSettings() => Cache = new RegexCache(() => CacheMaxEntries);

    internal TimeSpan MatchTimeout
    {
        get
        {
            int limit = MatchLimit > 0 ? MatchLimit : PcreDefaultMatchLimit;
            double ms = DefaultLimitDuration.TotalMilliseconds * limit / PcreDefaultMatchLimit;
            return TimeSpan.FromMilliseconds(Math.Clamp(ms, 1, 60_000));
        }
    }
}

/// <summary>A least-recently-used map from a pattern key to its compiled form.</summary>
internal sealed class RegexCache(Func<int> capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, CompiledRegex Value)>> _map = new();
    private readonly LinkedList<(string Key, CompiledRegex Value)> _order = new();

    public bool IsEmpty => _map.Count == 0 && !EverUsed;
    public bool EverUsed { get; private set; }
    public int Capacity => capacity();

    public CompiledRegex? Get(string key)
    {
        if (!_map.TryGetValue(key, out var node)) return null;
        _order.Remove(node);
        _order.AddFirst(node);
        return node.Value.Value;
    }

    public void Set(string key, CompiledRegex value)
    {
        int max = capacity();
        if (max <= 0) return;
        EverUsed = true;
        if (_map.TryGetValue(key, out var old))
        {
            _order.Remove(old);
            _map.Remove(key);
        }
        while (_map.Count >= max)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _map.Remove(last.Value.Key);
        }
        _map[key] = _order.AddFirst((key, value));
    }
}
