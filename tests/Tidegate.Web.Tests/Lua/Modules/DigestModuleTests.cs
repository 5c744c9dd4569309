namespace Tidegate.Web.Tests.Lua.Modules;

// Test vectors from RFC 1321 (MD5) and FIPS 180 / NIST's examples (SHA family).
public class DigestModuleTests
{
    private const string Alphabet448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

    private static string HexDigest(string module, string input) =>
        ModuleTestState.Run($"local d = require('{module}'):new() d:update({Quote(input)}) return require('resty.string').to_hex(d:final())");

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    [Theory]
    [InlineData("resty.md5", "", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("resty.md5", "a", "0cc175b9c0f1b6a831c399e269772661")]
    [InlineData("resty.md5", "abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("resty.md5", "message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
    [InlineData("resty.md5", "12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
    [InlineData("resty.sha1", "", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("resty.sha1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("resty.sha1", Alphabet448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    [InlineData("resty.sha224", "", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f")]
    [InlineData("resty.sha224", "abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")]
    [InlineData("resty.sha224", Alphabet448, "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525")]
    [InlineData("resty.sha256", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("resty.sha256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("resty.sha256", Alphabet448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("resty.sha384", "", "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b")]
    [InlineData("resty.sha384", "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")]
    [InlineData("resty.sha512", "", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")]
    [InlineData("resty.sha512", "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    public void DigestsMatchTheStandardVectors(string module, string input, string expected) =>
        Assert.Equal(expected, HexDigest(module, input));

    [Theory]
    [InlineData("resty.sha1", "34aa973cd4c4daa4f61eeb2bdbad27316534016f")]
    [InlineData("resty.sha224", "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67")]
    [InlineData("resty.sha256", "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")]
    public void AMillionAsInUnevenPieces(string module, string expected)
    {
        // 1,000,000 'a's fed in pieces of 1..97 bytes, so every block boundary is crossed mid-piece.
        Assert.Equal(expected, ModuleTestState.Run(
            $"local d = require('{module}'):new() local left, n = 1000000, 0 " +
            "while left > 0 do n = n % 97 + 1 local k = math.min(n, left) d:update(string.rep('a', k)) left = left - k end " +
            "return require('resty.string').to_hex(d:final())"));
    }

    [Fact]
    public void Sha224PaddingAtEveryLengthAgreesWithOneShotAndSplitFeeding()
    {
        // Lengths around the 55/56/64-byte padding edges: one update versus one byte at a time.
        Assert.Equal("ok", ModuleTestState.Run(
            "local sha, hex = require 'resty.sha224', require('resty.string').to_hex " +
            "for n = 0, 140 do local s = string.rep('x', n) local a = sha:new() a:update(s) local b = sha:new() " +
            "for i = 1, n do b:update(s:sub(i, i)) end local x, y = a:final(), b:final() " +
            "if x ~= y or #x ~= 28 then return 'differs at ' .. n end end return 'ok'"));
    }

    [Theory]
    [InlineData("resty.md5", 16)]
    [InlineData("resty.sha1", 20)]
    [InlineData("resty.sha224", 28)]
    [InlineData("resty.sha256", 32)]
    [InlineData("resty.sha384", 48)]
    [InlineData("resty.sha512", 64)]
    public void ObjectsFollowTheModulesProtocol(string module, int length)
    {
        var r = ModuleTestState.RunRaw(
            $"local m = require '{module}' local d = m:new() local u = d:update('abc') local digest = d:final() " +
            "local again = m.new() again:update('ab') local reset = again:reset() again:update('abc') " +
            "return u, #digest, reset, again:final() == digest, getmetatable(d).__index == m, type(d._ctx), m._VERSION");
        Assert.True(r[0].AsBoolean);
        Assert.Equal(length, r[1].Number);
        Assert.True(r[2].AsBoolean);
        Assert.True(r[3].AsBoolean);
        Assert.True(r[4].AsBoolean);
        Assert.Equal("userdata", r[5].ToString());
        Assert.Equal("0.11", r[6].ToString());
    }

    [Fact]
    public void BinaryInputIsHashedByteForByte()
    {
        var allBytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.MD5.HashData(allBytes)).ToLowerInvariant(), ModuleTestState.Run(
            "local d = require('resty.md5'):new() local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end " +
            "d:update(table.concat(t)) return require('resty.string').to_hex(d:final())"));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("a\0b"u8)).ToLowerInvariant(),
            ModuleTestState.Run("local d = require('resty.sha256'):new() d:update('a\\0b') return require('resty.string').to_hex(d:final())"));
    }

    [Fact]
    public void FinalStartsOver()
    {
        Assert.Equal("da39a3ee5e6b4b0d3255bfef95601890afd80709", ModuleTestState.Run(
            "local d = require('resty.sha1'):new() d:update('abc') d:final() return require('resty.string').to_hex(d:final())"));
    }

    [Theory]
    [InlineData("local d = require('resty.sha1'):new() d:update(nil)", "t:1: attempt to get length of local 's' (a nil value)")]
    [InlineData("local d = require('resty.sha1'):new() d:update(42)", "t:1: attempt to get length of local 's' (a number value)")]
    [InlineData("local d = require('resty.sha256'):new() d:update({})", "t:1: bad argument #2 to 'SHA256_Update' (cannot convert 'table' to 'const void *')")]
    [InlineData("require('resty.md5').update(nil, 'x')", "t:1: attempt to index local 'self' (a nil value)")]
    [InlineData("require('resty.md5').final('x')", "t:1: attempt to index local 'self' (a string value)")]
    public void MalformedArgumentsFailAsLuaRestyStringDoes(string source, string expected) =>
        Assert.Equal(expected, ModuleTestState.ErrorOf(source));

    [Fact]
    public void AMethodOnTheModuleItselfIsAClearError()
    {
        Assert.Contains("call new() first", ModuleTestState.ErrorOf("local m = require('resty.sha1') m:update('x')"));
    }
}
