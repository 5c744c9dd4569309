using System.Net;
using Tidegate.Web.Resolver;

namespace Tidegate.Web.Tests.Resolver;

/// <summary>The resolver's wire format: queries it writes, and replies it reads, malformed and hostile ones included (null, never an exception).</summary>
public class DnsMessageTests
{
    private static byte[] Reply(ushort id, string name, int type, params byte[][] answers)
    {
        var query = DnsMessage.BuildQuery(id, name, type)!;
        var reply = query.ToList();
        reply[2] = 0x81;
        reply[3] = 0x80;
        reply[7] = (byte)answers.Length;
        foreach (var a in answers) reply.AddRange(a);
        return reply.ToArray();
    }

    /// <summary>An answer record whose owner is a pointer to the question's name (offset 12).</summary>
    private static byte[] Record(int type, uint ttl, byte[] data) =>
        new byte[] { 0xc0, 12, 0, (byte)type, 0, 1, (byte)(ttl >> 24), (byte)(ttl >> 16), (byte)(ttl >> 8), (byte)ttl, 0, (byte)data.Length }
            .Concat(data).ToArray();

    [Fact]
    public void BuildsARecursiveQuery()
    {
        var q = DnsMessage.BuildQuery(0x1234, "a.test", DnsMessage.TypeA)!;
        Assert.Equal(new byte[] { 0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0, 0, 1, 0, 1 }, q);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".a.test")]
    [InlineData("a..test")]
    public void RefusesNamesWithEmptyLabels(string name) => Assert.Null(DnsMessage.BuildQuery(1, name, 1));

    [Fact]
    public void RefusesOverlongLabelsAndNames()
    {
        Assert.Null(DnsMessage.BuildQuery(1, new string('a', 64) + ".test", 1));
        Assert.Null(DnsMessage.BuildQuery(1, string.Join('.', Enumerable.Repeat(new string('a', 60), 5)), 1));
    }

    [Fact]
    public void ReadsAddressesAndCnamesWithCompression()
    {
        var cnameTarget = new byte[] { 1, (byte)'b', 0xc0, 14 }; // "b" + pointer to "test"
        var reply = Reply(7, "a.test", 1, Record(5, 60, cnameTarget), Record(1, 30, new byte[] { 127, 0, 0, 2 }));
        var r = DnsMessage.Parse(reply)!;
        Assert.Equal(7, r.Id);
        Assert.Equal("a.test", r.QuestionName);
        Assert.Equal(2, r.Answers.Count);
        Assert.Equal("b.test", r.Answers[0].Target);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), r.Answers[1].Address);
        Assert.Equal(30u, r.Answers[1].Ttl);
    }

    [Fact]
    public void ReadsRcodeAndTruncation()
    {
        var reply = Reply(9, "nx.test", 1);
        reply[3] = 0x83;
        Assert.Equal(3, DnsMessage.Parse(reply)!.Rcode);
        reply[2] |= 0x02;
        Assert.True(DnsMessage.Parse(reply)!.Truncated);
    }

    [Fact]
    public void MalformedRepliesAreNull()
    {
        var good = Reply(1, "a.test", 1, Record(1, 5, new byte[] { 1, 2, 3, 4 }));
        Assert.NotNull(DnsMessage.Parse(good));
        // Every truncation of a good reply is rejected or read without running past its end.
        for (int n = 0; n < good.Length; n++) _ = DnsMessage.Parse(good.AsSpan(0, n));
        Assert.Null(DnsMessage.Parse(good.AsSpan(0, good.Length - 1)));
        Assert.Null(DnsMessage.Parse(new byte[5]));
        var query = DnsMessage.BuildQuery(1, "a.test", 1)!;
        Assert.Null(DnsMessage.Parse(query)); // QR not set: a query, not a reply
        Assert.Null(DnsMessage.Parse(Reply(1, "a.test", 1, Record(1, 5, new byte[] { 1, 2, 3 })))); // A of 3 bytes
    }

    [Fact]
    public void CompressionLoopsAndWildPointersAreNull()
    {
        var loop = Reply(1, "a.test", 1, new byte[] { 0xc0, 32, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4 });
        loop[32] = 0xc0;
        loop[33] = 32; // the owner name points at itself
        Assert.Null(DnsMessage.Parse(loop));
        var wild = Reply(1, "a.test", 1, new byte[] { 0xff, 0xff, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4 });
        Assert.Null(DnsMessage.Parse(wild));
    }

    [Fact]
    public void RandomBytesNeverThrow()
    {
        var random = new Random(5);
        var buffer = new byte[600];
        for (int i = 0; i < 20000; i++)
        {
            random.NextBytes(buffer);
            buffer[2] |= 0x80;
            buffer[4] = 0;
            buffer[5] = 1;
            _ = DnsMessage.Parse(buffer.AsSpan(0, random.Next(buffer.Length)));
        }
    }
}
