namespace Tidegate.Web.Hosting;

/// <summary>
/// Virtual-server selection by Host, in nginx's order: exact name, longest leading wildcard
/// (<c>*.example.com</c>), longest trailing wildcard (<c>www.example.*</c>), first matching
/// regex in definition order, else the address's default server.
/// </summary>
public static class ServerSelector
{
    public static ServerBlock Select(ListenGroup group, string? host, out System.Text.RegularExpressions.Match? captures)
    {
        captures = null;
        // No Host (HTTP/1.0) is the empty name, which server_name "" (the default name) matches.
        host ??= "";

        foreach (var server in group.Servers)
            foreach (var name in server.Names)
                if (name.Kind == ServerNameKind.Exact && name.Fixed == host) return server;

        ServerBlock? best = null;
        int bestLength = -1;
        foreach (var server in group.Servers)
            foreach (var name in server.Names)
                if (name.Kind == ServerNameKind.LeadingWildcard && host.EndsWith(name.Fixed, StringComparison.Ordinal)
                    && host.Length > name.Fixed.Length && name.Fixed.Length > bestLength)
                { best = server; bestLength = name.Fixed.Length; }
        if (best is not null) return best;

        foreach (var server in group.Servers)
            foreach (var name in server.Names)
                if (name.Kind == ServerNameKind.TrailingWildcard && host.StartsWith(name.Fixed, StringComparison.Ordinal)
                    && host.Length > name.Fixed.Length && name.Fixed.Length > bestLength)
                { best = server; bestLength = name.Fixed.Length; }
        if (best is not null) return best;

        foreach (var server in group.Servers)
            foreach (var name in server.Names)
                if (name.Kind == ServerNameKind.Regex && name.Regex!.Match(host) is { Success: true } m)
                {
                    captures = m;
                    return server;
                }

        return group.DefaultServer;
    }
}
