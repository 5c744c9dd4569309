namespace Tidegate.Lua.Tests.Differential;

/// <summary>
/// tests/lua/known-failures.txt: scripts on which tidegate-lua currently differs from luajit,
/// one per line as <c>path/to/script.lua  # reason</c>. Blank lines and lines starting with
/// <c>#</c> are ignored. Listing a script does not skip it: the test asserts it still differs,
/// so a fix forces the entry's removal and the list never hides a regression or a stale entry.
/// </summary>
public static class KnownFailures
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazyEntries = new(Load);

    /// <summary>Script name → reason (empty when none was given).</summary>
    public static IReadOnlyDictionary<string, string> Entries => LazyEntries.Value;

    public static bool Contains(string script) => Entries.ContainsKey(script);

    private static IReadOnlyDictionary<string, string> Load()
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(Corpus.KnownFailuresPath)) return entries;
        foreach (var raw in File.ReadLines(Corpus.KnownFailuresPath))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var hash = line.IndexOf('#');
            var name = (hash < 0 ? line : line[..hash]).Trim();
            var reason = hash < 0 ? "" : line[(hash + 1)..].Trim();
            entries[name] = reason;
        }
        return entries;
    }
}
