using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Http;

/// <summary>
/// One request in flight: the parsed head, the chosen server and location, the response being
/// built and the connection facts; it resolves nginx variables for templates and logs.
/// </summary>
public sealed class RequestContext : IVariableResolver
{
    public required ConnectionInfo Connection { get; init; }
    public required HttpRequest Request { get; init; }
    public required ServerBlock Server { get; set; }
    public LocationBlock Location { get; set; } = null!;
    public HttpResponse Response { get; } = new();
    public Match? Captures { get; set; }
    public DateTimeOffset StartTime { get; private set; } = Runtime.WorkerClock.UtcNow;
    public long StartTimestamp { get; private set; } = Runtime.WorkerClock.Timestamp;
    /// <summary>Internal redirects so far (nginx stops at 10 with "rewrite or internal redirection cycle").</summary>
    public int InternalRedirects { get; set; }
    public bool IsInternal => InternalRedirects > 0 || Parent is not null;
    public long RequestLength { get; set; }
    /// <summary>The request body once read (null when there was none or it was not read).</summary>
    public byte[]? RequestBody { get; set; }
    /// <summary>
    /// Reading the body stopped at client_max_body_size (a chunked body; a Content-Length over it
    /// is refused before the phases): the reader answers 413 instead of 400.
    /// </summary>
    public bool BodyTooLarge { get; set; }
    /// <summary>
    /// The client connection as handlers see it: read the body on demand, stream the response.
    /// Set by the connection for every request it runs through the pipeline.
    /// </summary>
    public IRequestChannel Channel { get; set; } = null!;
    /// <summary>Per-module state of this request (the proxy's upstream state, the Lua request), keyed by the module's type.</summary>
    public Dictionary<Type, object>? ModuleState { get; set; }
    /// <summary>False for responses to requests that failed to parse (nginx answers those without the location's filters).</summary>
    public bool RunsFilters { get; set; } = true;

    public LocationSettings Settings => Location.Settings;

    /// <summary>The request that started this one as a subrequest (echo_location, ngx.location.capture), or null for a main request.</summary>
    public RequestContext? Parent
    {
        get => parent;
        init
        {
            parent = value;
            // A subrequest holds its parent: the parent's objects are not reused for the connection's next request.
            if (value is not null) value.hadSubrequests = true;
        }
    }
    private readonly RequestContext? parent;
    private bool hadSubrequests;
    public bool IsSubrequest => Parent is not null;
    /// <summary>The client's request at the root of the subrequest tree.</summary>
    public RequestContext Main => Parent is null ? this : Parent.Main;
    /// <summary>Subrequest levels still allowed below this request (nginx: 50 from the main request).</summary>
    public int SubrequestsLeft { get; init; } = Subrequests.Subrequest.MaxDepth + 1;

    public RequestLogContext LogContext => new(Connection.RemoteAddress, Server.PrimaryName,
        Request.RequestLine, Request.RawHost) { Subrequest = Parent is null ? null : Request.Path, Listen = Connection.Listen };

    /// <summary>The Host for redirects: the request's, else the server's first name.</summary>
    public string HostName => Request.Host ?? (Server.PrimaryName.Length > 0 ? Server.PrimaryName : Connection.LocalAddress);

    public string ServerToken => Settings.ServerTokens == ServerTokens.Off ? ServerVersion.Name : ServerVersion.NameAndVersion;

    /// <summary>Variables made by <c>set</c> (names lowercased); a subrequest with share_all_vars shares its parent's.</summary>
    public Dictionary<string, string> UserVariables
    {
        // Made on first use: most requests set no variable, and this was a dictionary per request.
        get => userVariables ??= new(StringComparer.Ordinal);
        init => userVariables = value;
    }
    private Dictionary<string, string>? userVariables;

    /// <summary>
    /// The Lua module's state of this request (<see cref="Lua.LuaRequest.Of"/>), kept here rather than in
    /// <see cref="ModuleState"/>: a Lua handler runs on most requests of a Lua server, and the dictionary
    /// with its arrays was several allocations per request.
    /// </summary>
    public Lua.LuaRequest? LuaRequest { get; set; }

    /// <summary>
    /// The proxy's state of this request (<see cref="Proxy.ProxyRequestState.For"/>), kept here rather than
    /// in <see cref="ModuleState"/>, which rules recycling out: nothing of a proxied request outlives it.
    /// </summary>
    internal Proxy.ProxyRequestState? ProxyState { get; set; }

    /// <summary>The Lua request state of this connection's last request, reset, for the next request's Lua code to take.</summary>
    internal Lua.LuaRequest? SpareLuaRequest { get; set; }

    /// <summary>
    /// Whether this main request's objects (this context, its request, response and Lua state) may serve the
    /// connection's next request once this one is over: nothing that can outlive the request may hold them.
    /// Subrequests (they keep their parent), module state (a proxy exchange, cosocket owners, echo state) and
    /// a Lua request that left anything behind (user threads) rule it out; such a request's objects are left
    /// to the collector and the next request gets new ones.
    /// </summary>
    internal bool MayRecycle => Parent is null && !hadSubrequests && ModuleState is null && (LuaRequest?.MayRecycle ?? true);

    /// <summary>
    /// Makes this context the connection's next request's, after <see cref="MayRecycle"/> said yes and the
    /// parser refilled <see cref="Request"/>: everything goes back to a new context's state (the connection's
    /// channel is reset by the connection). Every field must be covered here (HttpRecyclingTests checks a
    /// recycled context against a new one).
    /// </summary>
    internal void Recycle(ServerBlock server, Match? captures)
    {
        Server = server;
        Location = server.Root;
        Captures = captures;
        Response.Clear();
        // The worker turn's time, as nginx's r->start_sec/start_msec (ngx_timeofday, cached per event-loop pass).
        StartTime = Runtime.WorkerClock.UtcNow;
        StartTimestamp = Runtime.WorkerClock.Timestamp;
        InternalRedirects = 0;
        RequestLength = 0;
        RequestBody = null;
        BodyTooLarge = false;
        ModuleState = null;
        ProxyState = null;
        RunsFilters = true;
        userVariables = null;
        hadSubrequests = false;
        if (LuaRequest is { } lua)
        {
            lua.Recycle();
            SpareLuaRequest = lua;
            LuaRequest = null;
        }
    }

    public string? GetVariable(string name)
    {
        if (userVariables is { Count: > 0 } set && set.TryGetValue(name, out var user)) return user;
        var r = Request;
        switch (name)
        {
            case "uri": case "document_uri": return r.Path;
            case "request_uri": return r.RawUri;
            case "args": case "query_string": return r.Args;
            case "is_args": return r.Args is null ? "" : "?";
            case "host": return r.Host ?? Server.PrimaryName;
            case "hostname": return Dns.GetHostName();
            case "server_name": return Server.PrimaryName;
            case "server_addr": return Connection.LocalAddress;
            case "server_port": return Connection.LocalPort == 0 ? "" : Connection.LocalPort.ToString(CultureInfo.InvariantCulture);
            case "server_protocol": return r.Protocol;
            case "remote_addr": return Connection.RemoteAddress;
            case "remote_port": return Connection.RemotePort;
            case "binary_remote_addr":
                return Connection.Remote is IPEndPoint ip ? System.Text.Encoding.Latin1.GetString(ip.Address.GetAddressBytes()) : "";
            case "remote_user": return null;
            case "scheme": return "http";
            case "https": return "";
            // nginx gives the main request's method, also in subrequests.
            case "request_method": return Main.Request.Method;
            case "request": return r.RequestLine;
            case "request_length": return RequestLength.ToString(CultureInfo.InvariantCulture);
            case "request_time":
                return (System.Diagnostics.Stopwatch.GetElapsedTime(StartTimestamp).TotalMilliseconds / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
            case "request_body": return RequestBody is null ? null : System.Text.Encoding.Latin1.GetString(RequestBody);
            case "content_type": return r.Header("Content-Type");
            case "content_length": return r.Header("Content-Length");
            case "status": return Response.Status.ToString("000", CultureInfo.InvariantCulture);
            case "body_bytes_sent": return Response.BodyBytesSent.ToString(CultureInfo.InvariantCulture);
            case "bytes_sent": return Response.BytesSent.ToString(CultureInfo.InvariantCulture);
            case "connection": return Connection.Id.ToString(CultureInfo.InvariantCulture);
            case "connection_requests": return Connection.Requests.ToString(CultureInfo.InvariantCulture);
            case "msec":
                return (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
            case "time_local": return HttpDate.LocalLogTime;
            case "time_iso8601": return DateTimeOffset.Now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
            case "nginx_version": return ServerVersion.NginxCompatible;
            case "pid": return Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            case "document_root": return StaticFiles.DocumentRoot(this);
            case "request_id": return Guid.NewGuid().ToString("N");
        }
        if (name.StartsWith("http_", StringComparison.Ordinal)) return HeaderVariable(r.Headers, name[5..]);
        if (name.StartsWith("sent_http_", StringComparison.Ordinal)) return SentHeader(name[10..]);
        if (name.StartsWith("arg_", StringComparison.Ordinal)) return Argument(name[4..]);
        if (name.StartsWith("cookie_", StringComparison.Ordinal)) return Cookie(name[7..]);
        if (name.Length == 1 && char.IsAsciiDigit(name[0]))
        {
            int index = name[0] - '0';
            return Captures is { } m && index < m.Groups.Count && m.Groups[index].Success ? m.Groups[index].Value : null;
        }
        foreach (var provider in ModuleVariables.Providers)
            if (provider.TryGet(this, name, out var value)) return value;
        return null;
    }

    /// <summary>
    /// $http_x_name: the header X-Name (underscores for dashes, any case). nginx 1.22 joins
    /// repeated Cookie ("; ") and X-Forwarded-For (", ") headers; for any other it gives the first.
    /// </summary>
    private static string? HeaderVariable(List<KeyValuePair<string, string>> headers, string key)
    {
        string? result = null;
        string? separator = key switch { "cookie" => "; ", "x_forwarded_for" => ", ", _ => null };
        foreach (var h in headers)
        {
            if (!NameMatches(h.Key, key)) continue;
            if (result is null) result = h.Value;
            else if (separator is null) return result;
            else result += separator + h.Value;
        }
        return result;
    }

    private string? SentHeader(string key) => key switch
    {
        "content_type" => Response.ContentType,
        "content_length" => Response.ContentLength?.ToString(CultureInfo.InvariantCulture),
        "location" => Response.Location,
        "last_modified" => Response.LastModified?.ToString("r", CultureInfo.InvariantCulture),
        "connection" => null,
        _ => HeaderVariable(Response.Headers, key),
    };

    private static bool NameMatches(string header, string key)
    {
        if (header.Length != key.Length) return false;
        for (int i = 0; i < header.Length; i++)
        {
            char h = char.ToLowerInvariant(header[i]);
            if (h == '-') h = '_';
            if (h != key[i]) return false;
        }
        return true;
    }

    private string? Argument(string key)
    {
        if (Request.Args is null) return null;
        foreach (var pair in Request.Args.Split('&'))
        {
            int eq = pair.IndexOf('=');
            string k = eq < 0 ? pair : pair[..eq];
            if (k.Equals(key, StringComparison.OrdinalIgnoreCase)) return eq < 0 ? "" : pair[(eq + 1)..];
        }
        return null;
    }

    private string? Cookie(string key)
    {
        foreach (var h in Request.Headers)
        {
            if (!h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var part in h.Value.Split(';'))
            {
                var p = part.Trim(' ');
                int eq = p.IndexOf('=');
                if (eq > 0 && p[..eq].Equals(key, StringComparison.OrdinalIgnoreCase)) return p[(eq + 1)..];
            }
        }
        return null;
    }
}

/// <summary>Facts about the connection a request came on.</summary>
public sealed class ConnectionInfo
{
    public required long Id { get; init; }
    /// <summary>IPEndPoints, or UnixDomainSocketEndPoints on a unix socket.</summary>
    public required EndPoint Local { get; init; }
    public required EndPoint Remote { get; init; }

    /// <summary>$remote_addr: the client's address, "unix:" on a unix socket (as nginx prints it).</summary>
    public string RemoteAddress => Remote is IPEndPoint ip ? ip.Address.ToString() : "unix:";
    public string RemotePort => Remote is IPEndPoint ip ? ip.Port.ToString(CultureInfo.InvariantCulture) : "";
    /// <summary>$server_addr: the local address, "unix:/path" on a unix socket.</summary>
    public string LocalAddress => Local is IPEndPoint ip ? ip.Address.ToString() : "unix:" + Local;
    public int LocalPort => Local is IPEndPoint ip ? ip.Port : 0;
    public int Requests { get; set; }
    /// <summary>The listening socket's address as nginx prints it (addr_text: "0.0.0.0:80" for a wildcard).</summary>
    public string Listen { get; init; } = "";
}
