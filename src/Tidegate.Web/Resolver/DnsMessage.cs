using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Tidegate.Web.Resolver;

/// <summary>One resource record of an answer section, as far as the resolver uses it.</summary>
public readonly record struct DnsRecord(int Type, uint Ttl, IPAddress? Address, string? Target);

/// <summary>A parsed DNS response: header fields, the question and the answer records.</summary>
public sealed class DnsResponse
{
    public int Id { get; init; }
    public int Rcode { get; init; }
    public bool Truncated { get; init; }
    public required string QuestionName { get; init; }
    public int QuestionType { get; init; }
    public List<DnsRecord> Answers { get; } = new();
}

/// <summary>
/// The DNS wire format (RFC 1035) for the resolver: a query for one name and type, and the parts
/// of a response it reads (rcode, TC, the question to match it to its query, A/AAAA/CNAME
/// answers, with name compression). Malformed input yields null, never an exception.
/// </summary>
public static class DnsMessage
{
    public const int TypeA = 1, TypeCname = 5, TypeAaaa = 28, ClassIn = 1;

    /// <summary>A recursive query, or null when the name cannot be written (an empty or over-long label).</summary>
    public static byte[]? BuildQuery(ushort id, string name, int type)
    {
        var bytes = new List<byte>(32 + name.Length);
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, id);
        header[2] = 0x01; // RD: ask the server to recurse
        header[5] = 1;    // one question
        bytes.AddRange(header.ToArray());
        foreach (string label in name.Split('.'))
        {
            byte[] text = Encoding.Latin1.GetBytes(label);
            if (text.Length is 0 or > 63) return null;
            bytes.Add((byte)text.Length);
            bytes.AddRange(text);
        }
        bytes.Add(0);
        if (bytes.Count - 12 > 255) return null;
        bytes.Add((byte)(type >> 8));
        bytes.Add((byte)type);
        bytes.Add(0);
        bytes.Add(ClassIn);
        return bytes.ToArray();
    }

    public static DnsResponse? Parse(ReadOnlySpan<byte> message)
    {
        if (message.Length < 12) return null;
        int id = BinaryPrimitives.ReadUInt16BigEndian(message);
        int flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        if ((flags & 0x8000) == 0) return null; // not a response
        int questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        int answers = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        if (questions != 1) return null;
        int pos = 12;
        if (ReadName(message, ref pos) is not { } qname || pos + 4 > message.Length) return null;
        int qtype = BinaryPrimitives.ReadUInt16BigEndian(message[pos..]);
        pos += 4;
        var response = new DnsResponse
        {
            Id = id, Rcode = flags & 0xf, Truncated = (flags & 0x0200) != 0, QuestionName = qname, QuestionType = qtype,
        };
        if (response.Truncated) return response;
        for (int i = 0; i < answers; i++)
        {
            if (ReadName(message, ref pos) is null || pos + 10 > message.Length) return null;
            int type = BinaryPrimitives.ReadUInt16BigEndian(message[pos..]);
            uint ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(pos + 4)..]);
            if (ttl > int.MaxValue) ttl = 0; // a negative TTL counts as zero, as in nginx
            int length = BinaryPrimitives.ReadUInt16BigEndian(message[(pos + 8)..]);
            pos += 10;
            if (pos + length > message.Length) return null;
            var data = message.Slice(pos, length);
            switch (type)
            {
                case TypeA when length == 4:
                    response.Answers.Add(new DnsRecord(type, ttl, new IPAddress(data), null));
                    break;
                case TypeAaaa when length == 16:
                    response.Answers.Add(new DnsRecord(type, ttl, new IPAddress(data), null));
                    break;
                case TypeA or TypeAaaa:
                    return null;
                case TypeCname:
                    int at = pos;
                    if (ReadName(message, ref at) is not { } target) return null;
                    response.Answers.Add(new DnsRecord(type, ttl, null, target));
                    break;
                default:
                    response.Answers.Add(new DnsRecord(type, ttl, null, null));
                    break;
            }
            pos += length;
        }
        return response;
    }

    /// <summary>Reads a possibly compressed name at <paramref name="pos"/> (moved past it); null if malformed.</summary>
    private static string? ReadName(ReadOnlySpan<byte> message, ref int pos)
    {
        var name = new StringBuilder();
        int at = pos, jumps = 0;
        bool jumped = false;
        while (true)
        {
            if (at >= message.Length) return null;
            byte length = message[at];
            if (length == 0)
            {
                if (!jumped) pos = at + 1;
                return name.ToString();
            }
            if ((length & 0xc0) == 0xc0)
            {
                if (at + 1 >= message.Length || ++jumps > 64) return null;
                if (!jumped) pos = at + 2;
                jumped = true;
                at = ((length & 0x3f) << 8) | message[at + 1];
                continue;
            }
            if ((length & 0xc0) != 0 || at + 1 + length > message.Length) return null;
            if (name.Length > 0) name.Append('.');
            name.Append(Encoding.Latin1.GetString(message.Slice(at + 1, length)));
            if (name.Length > 1024) return null;
            at += 1 + length;
        }
    }
}
