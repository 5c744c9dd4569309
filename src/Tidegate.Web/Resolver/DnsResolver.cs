using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;
using Tidegate.Web.Lua;

namespace Tidegate.Web.Resolver;

/// <summary>
/// The DNS client behind the <c>resolver</c> directive, one per worker and directive (as each
/// nginx worker has its own ngx_resolver_t), so its cache and in-flight table need no locks: all
/// of its awaits resume on the worker's loop. As nginx's resolver it asks for A (and AAAA with
/// ipv6=on) records over UDP, retransmits to the next server every 5 seconds until
/// resolver_timeout, retries over TCP when an answer is truncated, follows a CNAME the server did
/// not resolve (at most 50 levels), shares one lookup among concurrent callers, and caches answers
/// for valid= or the smallest TTL; failures are not cached. Without a resolver host names cannot
/// be resolved (callers answer "no resolver defined to resolve ...").
/// </summary>
public sealed class DnsResolver
{
    private const int ResendMs = 5000, MaxRecursion = 50;

    [ThreadStatic] private static ConditionalWeakTable<ResolverSettings, DnsResolver>? perWorker;

    private readonly ResolverSettings settings;
    private readonly Dictionary<string, CacheEntry> cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Task<NodeAnswer>> inFlight = new(StringComparer.OrdinalIgnoreCase);
    private int nextServer;

    private DnsResolver(ResolverSettings settings) { this.settings = settings; }

    /// <summary>This worker's client for the resolver configured at <paramref name="location"/>, or null.</summary>
    public static DnsResolver? For(LocationSettings location) =>
        location.Resolver is { } s ? (perWorker ??= new()).GetValue(s, key => new DnsResolver(key)) : null;

    /// <summary>Resolves <paramref name="name"/> (one trailing dot ignored, any case) within <paramref name="timeoutMs"/>.</summary>
    public async Task<DnsResolution> ResolveAsync(string name, long timeoutMs, ErrorLog? log)
    {
        if (name.EndsWith('.')) name = name[..^1];
        long deadline = Environment.TickCount64 + Math.Max(1, timeoutMs);
        for (int depth = 0; depth <= MaxRecursion; depth++)
        {
            var answer = await LookupAsync(name, deadline, log);
            if (answer.State != 0) return DnsResolution.Failed(answer.State);
            if (answer.Addresses is { Length: > 0 } addresses) return new DnsResolution(addresses, 0);
            name = answer.Cname!;
        }
        return DnsResolution.Failed(DnsResolution.HostNotFound);
    }

    /// <summary>One name's node: from the cache, from a lookup already under way, or asked now.</summary>
    private async Task<NodeAnswer> LookupAsync(string name, long deadline, ErrorLog? log)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (cache.TryGetValue(name, out var entry))
        {
            if (entry.ValidUntil >= now) return entry.Answer;
            cache.Remove(name);
        }
        if (!inFlight.TryGetValue(name, out var pending))
        {
            pending = AskAsync(name, deadline, log);
            inFlight[name] = pending;
        }
        NodeAnswer answer;
        try { answer = await pending; }
        finally { if (inFlight.TryGetValue(name, out var p) && p == pending) inFlight.Remove(name); }
        if (answer.State == 0)
        {
            long valid = settings.ValidSeconds is { } v ? v : answer.Ttl;
            cache[name] = new CacheEntry(answer, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + valid);
        }
        return answer;
    }

    /// <summary>Asks the servers for A (and AAAA) records of one name and combines the answers.</summary>
    private async Task<NodeAnswer> AskAsync(string name, long deadline, ErrorLog? log)
    {
        var a = QueryAsync(name, DnsMessage.TypeA, deadline, log);
        var aaaa = settings.Ipv6 ? QueryAsync(name, DnsMessage.TypeAaaa, deadline, log) : null;
        var v4 = await a;
        var v6 = aaaa is null ? null : await aaaa;
        var addresses = v4.Addresses.Concat(v6?.Addresses ?? Enumerable.Empty<IPAddress>()).ToArray();
        uint ttl = Math.Min(v4.Ttl, v6?.Ttl ?? uint.MaxValue);
        if (addresses.Length > 0) return new NodeAnswer(0, addresses, null, ttl);
        if (v4.State != 0) return NodeAnswer.Failed(v4.State);
        if (v6 is { State: not 0 }) return NodeAnswer.Failed(v6.State);
        if ((v4.Cname ?? v6?.Cname) is { } cname) return new NodeAnswer(0, null, cname, ttl);
        return NodeAnswer.Failed(DnsResolution.HostNotFound);
    }

    /// <summary>One question over UDP, to the next server every 5 seconds, then over TCP if the answer was truncated.</summary>
    private async Task<QueryAnswer> QueryAsync(string name, int type, long deadline, ErrorLog? log)
    {
        ushort id = (ushort)Random.Shared.Next(0, 65536);
        if (DnsMessage.BuildQuery(id, name, type) is not { } query) return QueryAnswer.Failed(DnsResolution.HostNotFound);
        var buffer = new byte[4096];
        while (true)
        {
            long left = deadline - Environment.TickCount64;
            if (left <= 0) return QueryAnswer.Failed(DnsResolution.TimedOut);
            var server = settings.Servers[nextServer++ % settings.Servers.Count];
            if (nextServer >= settings.Servers.Count) nextServer = 0;
            using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            using var attempt = new CancellationTokenSource((int)Math.Min(left, ResendMs));
            try
            {
                socket.Connect(server);
                await socket.SendAsync(query, SocketFlags.None, attempt.Token);
                while (true)
                {
                    int n;
                    try { n = await socket.ReceiveAsync(buffer, SocketFlags.None, attempt.Token); }
                    catch (SocketException e)
                    {
                        // An ICMP error (nothing listens there): nginx logs it and waits for the resend.
                        log?.Write(LogLevel.Error, $"recv() failed ({e.NativeErrorCode}: {Lua.Sockets.SocketErrors.Describe(e)}) while resolving, resolver: {Show(server)}");
                        await Task.Delay(Timeout.Infinite, attempt.Token);
                        continue;
                    }
                    if (DnsMessage.Parse(buffer.AsSpan(0, n)) is not { } response || !Matches(response, id, name, type)) continue;
                    if (response.Truncated)
                        return await QueryTcpAsync(server, query, id, name, type, deadline);
                    if (Evaluate(response, type) is { } answer) return answer;
                }
            }
            catch (OperationCanceledException) { }
            catch (SocketException e)
            {
                log?.Write(LogLevel.Error, $"send() failed ({e.NativeErrorCode}: {Lua.Sockets.SocketErrors.Describe(e)}) while resolving, resolver: {Show(server)}");
                try { await Task.Delay(Timeout.Infinite, attempt.Token); }
                catch (OperationCanceledException) { }
            }
        }
    }

    private static async Task<QueryAnswer> QueryTcpAsync(IPEndPoint server, byte[] query, ushort id, string name, int type, long deadline)
    {
        long left = deadline - Environment.TickCount64;
        if (left <= 0) return QueryAnswer.Failed(DnsResolution.TimedOut);
        using var cts = new CancellationTokenSource((int)left);
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(server, cts.Token);
            var framed = new byte[query.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.CopyTo(framed, 2);
            await socket.SendAsync(framed, SocketFlags.None, cts.Token);
            var length = new byte[2];
            if (!await ReadExactlyAsync(socket, length, cts.Token)) return QueryAnswer.Failed(DnsResolution.TimedOut);
            var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
            if (!await ReadExactlyAsync(socket, message, cts.Token)) return QueryAnswer.Failed(DnsResolution.TimedOut);
            if (DnsMessage.Parse(message) is { Truncated: false } response && Matches(response, id, name, type) && Evaluate(response, type) is { } answer)
                return answer;
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
        return QueryAnswer.Failed(DnsResolution.TimedOut);
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, byte[] into, CancellationToken token)
    {
        int read = 0;
        while (read < into.Length)
        {
            int n = await socket.ReceiveAsync(into.AsMemory(read), SocketFlags.None, token);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }

    /// <summary>The answer to this query: same id, name (any case) and type; anything else is ignored, as nginx does.</summary>
    private static bool Matches(DnsResponse response, ushort id, string name, int type) =>
        response.Id == id && response.QuestionType == type && string.Equals(response.QuestionName, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The query's outcome from a response; null for an rcode nginx ignores (above 5), so the wait goes on.</summary>
    private static QueryAnswer? Evaluate(DnsResponse response, int type)
    {
        if (response.Rcode > DnsResolution.Refused) return null;
        if (response.Rcode != 0) return QueryAnswer.Failed(response.Rcode);
        var addresses = new List<IPAddress>();
        string? cname = null;
        uint ttl = uint.MaxValue;
        foreach (var record in response.Answers)
        {
            ttl = Math.Min(ttl, record.Ttl);
            if (record.Type == type && record.Address is { } address) addresses.Add(address);
            else if (record.Type == DnsMessage.TypeCname) cname = record.Target;
        }
        return new QueryAnswer(0, addresses, cname, ttl == uint.MaxValue ? 0 : ttl);
    }

    private static string Show(IPEndPoint server) =>
        server.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{server.Address}]:{server.Port}" : server.ToString();

    private sealed record QueryAnswer(int State, List<IPAddress> Addresses, string? Cname, uint Ttl)
    {
        public static QueryAnswer Failed(int state) => new(state, new List<IPAddress>(), null, 0);
    }

    private sealed record NodeAnswer(int State, IPAddress[]? Addresses, string? Cname, uint Ttl)
    {
        public static NodeAnswer Failed(int state) => new(state, null, null, 0);
    }

    private readonly record struct CacheEntry(NodeAnswer Answer, long ValidUntil);
}
