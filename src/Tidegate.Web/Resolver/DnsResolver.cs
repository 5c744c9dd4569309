using System.Net;
using Tidegate.Web.Lua;

namespace Tidegate.Web.Resolver;

/// <summary>
/// The DNS client behind the <c>resolver</c> directive. Until a location configures one, host
/// names cannot be resolved and cosocket connect answers ngx_lua's
/// <c>no resolver defined to resolve "name"</c> (nginx resolves even "localhost" only through it).
/// </summary>
public sealed class DnsResolver
{
    /// <summary>The resolver configured for the request's location, or null.</summary>
    public static DnsResolver? ForRequest(LuaRequest request) => null;

    public ValueTask<(IPAddress? Address, string? Error)> ResolveAsync(string host) =>
        throw new NotSupportedException("resolver is not built in tidegate yet");
}
