using System.Text.RegularExpressions;

namespace Tidegate.Web.Hosting;

/// <summary>
/// nginx's location lookup (ngx_http_core_find_location), level by level: the exact match wins
/// at once; otherwise the longest matching prefix is taken and its nested locations searched;
/// then, unless that prefix was <c>^~</c>, this level's regex locations are tried in order and
/// the first match wins (its own nested locations searched in turn); if none matches, the
/// longest prefix (or what its nested search found) is the answer.
/// </summary>
public static class LocationMatcher
{
    /// <summary>Finds the location for <paramref name="uri"/>; captures of a regex location are returned.</summary>
    public static LocationBlock Find(ServerBlock server, string uri, out Match? captures)
    {
        captures = null;
        var found = server.Root;
        Search(server.Root, uri, ref found, ref captures);
        return found;
    }

    /// <returns>true when the search is final (an exact or regex match).</returns>
    private static bool Search(LocationBlock level, string uri, ref LocationBlock found, ref Match? captures)
    {
        LocationBlock? longest = null;
        foreach (var candidate in level.StaticLocations)
        {
            if (candidate.Kind == LocationKind.Exact)
            {
                if (uri == candidate.Name) { found = candidate; return true; }
                continue;
            }
            if (uri.StartsWith(candidate.Name, StringComparison.Ordinal) && (longest is null || candidate.Name.Length > longest.Name.Length))
                longest = candidate;
        }

        bool noRegex = false;
        if (longest is not null)
        {
            found = longest;
            noRegex = longest.Kind == LocationKind.NoRegexPrefix;
            if (Search(longest, uri, ref found, ref captures)) return true;
        }

        if (noRegex) return false;
        foreach (var candidate in level.RegexLocations)
        {
            var match = candidate.Pattern!.Match(uri);
            if (!match.Success) continue;
            found = candidate;
            captures = match;
            Search(candidate, uri, ref found, ref captures);
            return true;
        }
        return false;
    }
}
