using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tidegate.Web.Tests.Harness;

/// <summary>
/// A scripted DNS server for resolver cases (the <c>--- dns</c> section): it answers on
/// 127.0.0.1:<c>$TEST_NGINX_DNS_PORT</c> over UDP and TCP from the case's records, one per line,
/// and never forwards anything anywhere:
/// <code>
/// a.test A 127.0.0.1 ttl=5        A, AAAA, CNAME, NS, PTR NAME, MX PREF NAME, SRV PRIO WEIGHT PORT NAME,
/// a.test TXT "two words" more     TXT STRING... ("quoted" strings may hold spaces); ttl= (default 300)
/// nx.test NXDOMAIN                answer with that rcode: FORMERR SERVFAIL NXDOMAIN NOTIMP REFUSED
/// slow.test DROP [N]              never answer (or drop only the first N queries for the name)
/// big.test TRUNCATE               over UDP answer with the TC bit and no records (TCP answers in full)
/// </code>
/// A query is answered as a recursive server would: the records of the asked type, else the
/// name's CNAME followed through the zone; a name with no records at all is NXDOMAIN, a name with
/// records of other types an empty NOERROR. Every question is recorded as "name TYPE" (plus " tcp"
/// over TCP) for <c>--- dns_queries</c>, which lists them in any order.
/// </summary>
public sealed class FakeDnsServer : IDisposable
{
    private static readonly Dictionary<string, int> types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A"] = 1, ["NS"] = 2, ["CNAME"] = 5, ["SOA"] = 6, ["PTR"] = 12, ["MX"] = 15, ["TXT"] = 16, ["AAAA"] = 28, ["SRV"] = 33, ["ANY"] = 255,
    };
    private static readonly Dictionary<string, int> rcodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FORMERR"] = 1, ["SERVFAIL"] = 2, ["NXDOMAIN"] = 3, ["NOTIMP"] = 4, ["REFUSED"] = 5,
    };

    private readonly List<(string Name, int Type, uint Ttl, byte[] Data)> records = new();
    private readonly Dictionary<string, int> rcodeOf = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> dropsLeft = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> truncated = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> queries = new();
    private readonly Socket udp;
    private readonly TcpListener tcp;
    private readonly CancellationTokenSource stop = new();

    public FakeDnsServer(string zone, int port)
    {
        foreach (var raw in zone.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            AddLine(line);
        }
        udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
        tcp = new TcpListener(IPAddress.Loopback, port);
        tcp.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        tcp.Start();
        _ = Task.Run(UdpLoopAsync);
        _ = Task.Run(TcpLoopAsync);
    }

    /// <summary>The questions received so far ("name TYPE", " tcp" appended for TCP).</summary>
    public List<string> Queries { get { lock (queries) return queries.ToList(); } }

    private void AddLine(string line)
    {
        var words = Words(line);
        if (words.Count < 2) throw new InvalidOperationException($"bad dns line \"{line}\"");
        string name = words[0].TrimEnd('.'), kind = words[1];
        if (rcodes.TryGetValue(kind, out int rcode)) { rcodeOf[name] = rcode; return; }
        if (kind.Equals("DROP", StringComparison.OrdinalIgnoreCase))
        {
            dropsLeft[name] = words.Count > 2 ? int.Parse(words[2], CultureInfo.InvariantCulture) : int.MaxValue;
            return;
        }
        if (kind.Equals("TRUNCATE", StringComparison.OrdinalIgnoreCase)) { truncated.Add(name); return; }
        uint ttl = 300;
        if (words[^1].StartsWith("ttl=", StringComparison.Ordinal))
        {
            ttl = uint.Parse(words[^1][4..], CultureInfo.InvariantCulture);
            words.RemoveAt(words.Count - 1);
        }
        var args = words.Skip(2).ToList();
        var data = new List<byte>();
        void Short(string text) { ushort v = ushort.Parse(text, CultureInfo.InvariantCulture); data.Add((byte)(v >> 8)); data.Add((byte)v); }
        switch (kind.ToUpperInvariant())
        {
            case "A": data.AddRange(IPAddress.Parse(args[0]).GetAddressBytes()); break;
            case "AAAA": data.AddRange(IPAddress.Parse(args[0]).GetAddressBytes()); break;
            case "CNAME" or "NS" or "PTR": data.AddRange(EncodeName(args[0])); break;
            case "MX": Short(args[0]); data.AddRange(EncodeName(args[1])); break;
            case "SRV": Short(args[0]); Short(args[1]); Short(args[2]); data.AddRange(EncodeName(args[3])); break;
            case "TXT":
                foreach (var text in args)
                {
                    var bytes = Encoding.UTF8.GetBytes(text);
                    data.Add((byte)bytes.Length);
                    data.AddRange(bytes);
                }
                break;
            default: throw new InvalidOperationException($"unknown record type in \"{line}\"");
        }
        records.Add((name, types[kind], ttl, data.ToArray()));
    }

    /// <summary>Splits a line into words; "double quoted" words may hold spaces.</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        int i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ' || line[i] == '\t') { i++; continue; }
            if (line[i] == '"')
            {
                int close = line.IndexOf('"', i + 1);
                if (close < 0) close = line.Length;
                words.Add(line[(i + 1)..close]);
                i = close + 1;
                continue;
            }
            int end = i;
            while (end < line.Length && line[end] != ' ' && line[end] != '\t') end++;
            words.Add(line[i..end]);
            i = end;
        }
        return words;
    }

    private static byte[] EncodeName(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var text = Encoding.ASCII.GetBytes(label);
            bytes.Add((byte)text.Length);
            bytes.AddRange(text);
        }
        bytes.Add(0);
        return bytes.ToArray();
    }

    private async Task UdpLoopAsync()
    {
        var buffer = new byte[4096];
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult got;
            try { got = await udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stop.Token); }
            catch (SocketException) { continue; }
            catch (Exception) { return; }
            if (Answer(buffer.AsSpan(0, got.ReceivedBytes), tcp: false) is { } reply)
            {
                try { await udp.SendToAsync(reply, SocketFlags.None, got.RemoteEndPoint, stop.Token); }
                catch (SocketException) { }
                catch (Exception) { return; }
            }
        }
    }

    private async Task TcpLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await tcp.AcceptSocketAsync(stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var length = new byte[2];
                        if (!await ReadExactlyAsync(client, length)) return;
                        var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                        if (!await ReadExactlyAsync(client, query)) return;
                        if (Answer(query, tcp: true) is not { } reply) return;
                        var framed = new byte[reply.Length + 2];
                        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)reply.Length);
                        reply.CopyTo(framed, 2);
                        await client.SendAsync(framed, SocketFlags.None, stop.Token);
                    }
                    catch (Exception e) when (e is SocketException or OperationCanceledException) { }
                }
            });
        }
    }

    private async Task<bool> ReadExactlyAsync(Socket socket, byte[] into)
    {
        int read = 0;
        while (read < into.Length)
        {
            int n = await socket.ReceiveAsync(into.AsMemory(read), SocketFlags.None, stop.Token);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }

    /// <summary>The reply to one query, or null to stay silent (DROP, or a message that is no query).</summary>
    private byte[]? Answer(ReadOnlySpan<byte> query, bool tcp)
    {
        if (query.Length < 12 || (query[2] & 0x80) != 0) return null;
        int pos = 12;
        var labels = new List<string>();
        while (pos < query.Length && query[pos] != 0)
        {
            int length = query[pos];
            if ((length & 0xc0) != 0 || pos + 1 + length > query.Length) return null;
            labels.Add(Encoding.ASCII.GetString(query.Slice(pos + 1, length)));
            pos += 1 + length;
        }
        if (pos + 5 > query.Length) return null;
        int questionEnd = pos + 5;
        int type = BinaryPrimitives.ReadUInt16BigEndian(query[(pos + 1)..]);
        string name = string.Join('.', labels);
        string typeName = types.FirstOrDefault(t => t.Value == type).Key ?? type.ToString(CultureInfo.InvariantCulture);
        lock (queries)
        {
            queries.Add(name.ToLowerInvariant() + " " + typeName + (tcp ? " tcp" : ""));
            if (dropsLeft.TryGetValue(name, out int drops) && drops > 0)
            {
                dropsLeft[name] = drops - 1;
                return null;
            }
        }
        int rcode = rcodeOf.TryGetValue(name, out int code) ? code : 0;
        var answers = new List<(string Name, int Type, uint Ttl, byte[] Data)>();
        bool truncate = !tcp && truncated.Contains(name);
        if (rcode == 0 && !truncate)
        {
            string current = name;
            for (int depth = 0; depth < 16; depth++)
            {
                var own = records.Where(r => r.Name.Equals(current, StringComparison.OrdinalIgnoreCase)).ToList();
                var matching = own.Where(r => r.Type == type || type == 255).ToList();
                if (matching.Count > 0) { answers.AddRange(matching.Select(r => (current, r.Type, r.Ttl, r.Data))); break; }
                var cname = own.FirstOrDefault(r => r.Type == 5);
                if (cname.Data is null) { if (depth == 0 && own.Count == 0 && !truncated.Contains(name)) rcode = 3; break; }
                answers.Add((current, 5, cname.Ttl, cname.Data));
                current = DecodeName(cname.Data);
            }
        }
        var reply = new List<byte>();
        reply.Add(query[0]);
        reply.Add(query[1]);
        reply.Add((byte)(0x80 | (query[2] & 0x01) | (truncate ? 0x02 : 0)));
        reply.Add((byte)(0x80 | rcode));
        reply.AddRange(new byte[] { 0, 1, (byte)(answers.Count >> 8), (byte)answers.Count, 0, 0, 0, 0 });
        reply.AddRange(query[12..questionEnd].ToArray());
        foreach (var (owner, rtype, ttl, data) in answers)
        {
            reply.AddRange(EncodeName(owner));
            var fixedPart = new byte[10];
            BinaryPrimitives.WriteUInt16BigEndian(fixedPart, (ushort)rtype);
            BinaryPrimitives.WriteUInt16BigEndian(fixedPart.AsSpan(2), 1);
            BinaryPrimitives.WriteUInt32BigEndian(fixedPart.AsSpan(4), ttl);
            BinaryPrimitives.WriteUInt16BigEndian(fixedPart.AsSpan(8), (ushort)data.Length);
            reply.AddRange(fixedPart);
            reply.AddRange(data);
        }
        return reply.ToArray();
    }

    private static string DecodeName(byte[] data)
    {
        var labels = new List<string>();
        int pos = 0;
        while (pos < data.Length && data[pos] != 0)
        {
            labels.Add(Encoding.ASCII.GetString(data, pos + 1, data[pos]));
            pos += 1 + data[pos];
        }
        return string.Join('.', labels);
    }

    public void Dispose()
    {
        stop.Cancel();
        udp.Dispose();
        tcp.Stop();
    }
}
