using System.Diagnostics;
using Tidegate.Lua.Library;

namespace Tidegate.Lua.Tests.LibraryExtras;

// Expected bytes and messages were printed by luajit (OpenResty's LuaJIT 2.1) with buffer.encode/decode.
public class StringBufferSerializerTests
{
    private static byte[] Bytes(params int[] values) => values.Select(v => (byte)v).ToArray();

    private static byte[] Encode(LuaValue v) => StringBufferSerializer.Encode(v).Span.ToArray();

    private static LuaValue Decode(byte[] bytes) => StringBufferSerializer.DecodeAll(bytes);

    private static string DecodeError(byte[] bytes) =>
        Assert.ThrowsAny<LuaException>(() => Decode(bytes)).Message;

    [Fact]
    public void ScalarsEncodeAsLuaJitDoes()
    {
        Assert.Equal(Bytes(0x00), Encode(LuaValue.Nil));
        Assert.Equal(Bytes(0x01), Encode(false));
        Assert.Equal(Bytes(0x02), Encode(true));
        Assert.Equal(Bytes(0x07, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f), Encode(1.0));
        Assert.Equal(Bytes(0x07, 0, 0, 0, 0, 0, 0, 0xe0, 0xbf), Encode(-0.5));
        Assert.Equal(Bytes(0x07, 0, 0, 0, 0, 0, 0, 0xe0, 0x41), Encode(2147483648.0));
        Assert.Equal(Bytes(0x20), Encode(LuaString.Empty));
        Assert.Equal(Bytes(0x23, (byte)'a', (byte)'b', (byte)'c'), Encode((LuaString)"abc"));
    }

    [Theory]
    [InlineData(0xdf - 0x20, new[] { 0xdf })]
    [InlineData(0xe0 - 0x20, new[] { 0xe0, 0x00 })]
    [InlineData(300, new[] { 0xe0, 0x6c })]
    [InlineData(0x1fe0 - 0x20, new[] { 0xff, 0xe0, 0x1f, 0x00, 0x00 })]
    public void StringLengthsUsePrefixCodes(int length, int[] prefix)
    {
        var encoded = Encode(new LuaString(new byte[length]));
        Assert.Equal(prefix.Select(p => (byte)p).ToArray(), encoded[..prefix.Length]);
        Assert.Equal(prefix.Length + length, encoded.Length);
        Assert.Equal(length, Decode(encoded).AsString!.Length);
    }

    [Fact]
    public void AllByteValuesRoundTrip()
    {
        var all = new LuaString(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());
        Assert.Equal(all, Decode(Encode(all)).AsString);
    }

    [Fact]
    public void IntegerTagDecodesSigned()
    {
        Assert.Equal(1.0, Decode(Bytes(0x06, 1, 0, 0, 0)).Number);
        Assert.Equal(-1.0, Decode(Bytes(0x06, 0xff, 0xff, 0xff, 0xff)).Number);
    }

    [Fact]
    public void TablesRoundTrip()
    {
        var t = new LuaTable();
        t.Set(1, 10.0);
        t.Set(2, (LuaString)"x");
        t.Set((LuaString)"k", true);
        var inner = new LuaTable();
        inner.Set(0, 5.0);
        t.Set((LuaString)"inner", inner);
        var back = Decode(Encode(t)).AsTable!;
        Assert.Equal(10.0, back.Get(1).Number);
        Assert.Equal((LuaString)"x", back.Get(2).AsString);
        Assert.True(back.Get((LuaString)"k").AsBoolean);
        Assert.Equal(5.0, back.Get((LuaString)"inner").AsTable!.Get(0).Number);
    }

    [Theory]
    [InlineData(new byte[] { }, "unexpected end of buffer")]
    [InlineData(new byte[] { 0x07, 0, 0 }, "unexpected end of buffer")]
    [InlineData(new byte[] { 0x00, 0x00 }, "left-over data in buffer")]
    [InlineData(new byte[] { 0x13 }, "cannot deserialize tag 0x13")]
    [InlineData(new byte[] { 0x1f }, "cannot deserialize tag 0x1f")]
    [InlineData(new byte[] { 0x10, 1, 2, 3, 4, 5, 6, 7, 8 }, "cannot deserialize tag 0x10")]
    [InlineData(new byte[] { 0x0e, 0x00, 0x08 }, "cannot deserialize dictionary index 1")]
    [InlineData(new byte[] { 0x0f, 0x05 }, "cannot deserialize dictionary index 6")]
    [InlineData(new byte[] { 0x09, 0x02, 0x20, 0x01, 0x20, 0x02 }, "duplicate table key")]
    [InlineData(new byte[] { 0x09, 0x01, 0x00, 0x01 }, "table index is nil")]
    [InlineData(new byte[] { 0x09, 0x01, 0x07, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f, 0x01 }, "table index is NaN")]
    [InlineData(new byte[] { 0xe0 }, "unexpected end of buffer")]
    [InlineData(new byte[] { 0xff, 0xff, 0xff }, "unexpected end of buffer")]
    public void MalformedInputGivesLuaJitsErrors(byte[] input, string message) => Assert.Equal(message, DecodeError(input));

    [Theory]
    [InlineData(new byte[] { 0x0a, 0xff, 0xff, 0xff, 0xff, 0x7f })]
    [InlineData(new byte[] { 0x09, 0xff, 0xff, 0xff, 0xff, 0x7f })]
    [InlineData(new byte[] { 0x0a, 0xff, 0x00, 0x00, 0x00, 0x09 })]
    [InlineData(new byte[] { 0x09, 0xff, 0x00, 0x00, 0x00, 0x05 })]
    public void OversizedTablesOverflow(byte[] input) => Assert.Equal("table overflow", DecodeError(input));

    [Fact]
    public void HugeLengthsWithoutDataFailFastWithoutAllocating()
    {
        // A string of 4 GB announced, a table of 2^27 slots announced, a hash of 2^26: none is backed by data.
        var inputs = new[]
        {
            Bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0x41),
            Bytes(0x0c, 0xff, 0x00, 0x00, 0x00, 0x08, 0x00),
            Bytes(0x09, 0xff, 0x00, 0x00, 0x00, 0x04, 0x20),
        };
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var input in inputs) Assert.Equal("unexpected end of buffer", DecodeError(input));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void EveryTruncationOfAValidEncodingIsAnEndOfBuffer()
    {
        var t = new LuaTable();
        for (int i = 1; i <= 5; i++) t.Set(i, i * 1.5);
        t.Set((LuaString)"name", (LuaString)new string('x', 400));
        var nested = new LuaTable();
        nested.Set((LuaString)"deep", false);
        t.Set((LuaString)"nested", nested);
        var encoded = Encode(t);
        for (int n = 0; n < encoded.Length; n++)
            Assert.Equal("unexpected end of buffer", DecodeError(encoded[..n]));
        Assert.True(Decode(encoded).IsTable);
    }

    [Fact]
    public void NestingIsLimitedToOneHundredTables()
    {
        byte[] Nested(int depth) => Enumerable.Repeat(Bytes(0x0c, 0x02), depth).SelectMany(b => b).Append((byte)0).ToArray();
        Assert.True(Decode(Nested(100)).IsTable);
        Assert.Equal("too deep to serialize", DecodeError(Nested(101)));
        Assert.Equal("too deep to serialize", DecodeError(Nested(100_000)));
    }

    [Fact]
    public void CyclesAreTooDeepNotEndless()
    {
        var t = new LuaTable();
        t.Set(1, t);
        Assert.Equal("too deep to serialize", Assert.ThrowsAny<LuaException>(() => Encode(t)).Message);
    }

    [Fact]
    public void FunctionsCannotBeSerialized()
    {
        var t = new LuaTable();
        t.Set((LuaString)"f", new HostFunction("f", call => 0));
        Assert.Equal("cannot serialize 'function'", Assert.ThrowsAny<LuaException>(() => Encode(t)).Message);
    }

    [Fact]
    public void LightUserdataRoundTripsItsBytes()
    {
        foreach (var bytes in new[] { Bytes(0x03), Bytes(0x04, 1, 2, 3, 4), Bytes(0x05, 1, 2, 3, 4, 5, 6, 7, 8) })
            Assert.Equal(bytes, Encode(Decode(bytes)));
    }

    [Fact]
    public void RandomInputNeverCrashesOrHangs()
    {
        var random = new Random(12345);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 20_000; i++)
        {
            var input = new byte[random.Next(0, 24)];
            random.NextBytes(input);
            // Bias towards table and string tags so the structure code is exercised.
            if (input.Length > 0 && random.Next(2) == 0) input[0] = (byte)random.Next(0x08, 0x10);
            try
            {
                Decode(input);
            }
            catch (LuaException)
            {
            }
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void DictionariesMapKeysToIndexes()
    {
        var strings = new StringBufferDictionary<LuaString>(EqualityComparer<LuaString>.Default);
        strings.Add((LuaString)"name");
        strings.Add((LuaString)"age");
        var output = new StringBuffer { Strings = strings };
        var t = new LuaTable();
        t.Set((LuaString)"age", 7.0);
        StringBufferSerializer.Encode(output, t);
        Assert.Equal(Bytes(0x09, 0x01, 0x0f, 0x01, 0x07, 0, 0, 0, 0, 0, 0, 0x1c, 0x40), output.Span.ToArray());
        StringBufferSerializer.Decode(output.Span, out var back, strings);
        Assert.Equal(7.0, back.AsTable!.Get((LuaString)"age").Number);
    }

    [Fact]
    public void Int64TagsBecomeCdataOnlyWhenTheFfiIsAvailable()
    {
        var bytes = Bytes(0x10, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
        Assert.Equal("cannot deserialize tag 0x10", DecodeError(bytes));
        var value = StringBufferSerializer.DecodeAll(bytes, cdataAvailable: true);
        Assert.IsType<Tidegate.Lua.Ffi.CData>(value.Ref);
        Assert.Equal(bytes, Encode(value));
        Assert.Equal("unexpected end of buffer", Assert.ThrowsAny<LuaException>(
            () => StringBufferSerializer.DecodeAll(bytes[..5], cdataAvailable: true)).Message);
    }
}
