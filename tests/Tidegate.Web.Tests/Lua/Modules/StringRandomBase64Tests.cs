namespace Tidegate.Web.Tests.Lua.Modules;

public class StringRandomBase64Tests
{
    [Theory]
    [InlineData("''", "")]
    [InlineData("'\\0\\255ab'", "00ff6162")]
    [InlineData("'Hello'", "48656c6c6f")]
    public void ToHexIsLowerCase(string literal, string expected) =>
        Assert.Equal(expected, ModuleTestState.Run($"return require('resty.string').to_hex({literal})"));

    [Theory]
    [InlineData("'123'", 123)]
    [InlineData("'007'", 7)]
    [InlineData("'0'", 0)]
    [InlineData("''", -1)]
    [InlineData("'-1'", -1)]
    [InlineData("' 1'", -1)]
    [InlineData("'1 '", -1)]
    [InlineData("'12a'", -1)]
    [InlineData("'+5'", -1)]
    [InlineData("'9223372036854775807'", 9223372036854775807.0)]
    [InlineData("'9223372036854775808'", -1)]
    [InlineData("'99999999999999999999'", -1)]
    public void AtoiIsNginxs(string literal, double expected) =>
        Assert.Equal(expected, ModuleTestState.RunRaw($"return require('resty.string').atoi({literal})")[0].Number);

    [Theory]
    [InlineData("require('resty.string').to_hex(nil)", "t:1: attempt to get length of local 's' (a nil value)")]
    [InlineData("require('resty.string').to_hex(12)", "t:1: attempt to get length of local 's' (a number value)")]
    [InlineData("require('resty.string').atoi(12)", "t:1: attempt to get length of local 's' (a number value)")]
    [InlineData("require('resty.string').atoi({})", "t:1: bad argument #1 to 'ngx_atoi' (cannot convert 'table' to 'const unsigned char *')")]
    public void StringFunctionsRejectNonStrings(string source, string expected) =>
        Assert.Equal(expected, ModuleTestState.ErrorOf(source));

    [Fact]
    public void RandomBytesHaveTheAskedLength()
    {
        var r = ModuleTestState.RunRaw(
            "local random = require 'resty.random' local a, b = random.bytes(32), random.bytes(32, true) " +
            "return #a, #b, a ~= b, #random.bytes(0), #random.bytes(2.7), #random.bytes(100000, true)");
        Assert.Equal(32, r[0].Number);
        Assert.Equal(32, r[1].Number);
        Assert.True(r[2].AsBoolean);
        Assert.Equal(0, r[3].Number);
        Assert.Equal(2, r[4].Number);
        Assert.Equal(100000, r[5].Number);
    }

    [Fact]
    public void RandomBytesLookRandom()
    {
        // 64 KiB: every byte value turns up (a stuck or constant generator would not).
        Assert.Equal(256, ModuleTestState.RunRaw(
            "local s = require('resty.random').bytes(65536) local seen, n = {}, 0 " +
            "for i = 1, #s do local b = s:byte(i) if not seen[b] then seen[b] = true n = n + 1 end end return n")[0].Number);
    }

    [Theory]
    [InlineData("require('resty.random').bytes(-1)", "t:1: bad argument #1 to 'new' (size of C type is unknown or too large)")]
    [InlineData("require('resty.random').bytes(1e12)", "t:1: bad argument #1 to 'new' (size of C type is unknown or too large)")]
    [InlineData("require('resty.random').bytes(0/0)", "t:1: bad argument #1 to 'new' (size of C type is unknown or too large)")]
    [InlineData("require('resty.random').bytes('3')", "t:1: bad argument #2 to 'new' (cannot convert 'string' to 'int')")]
    [InlineData("require('resty.random').bytes()", "t:1: bad argument #2 to 'new' (cannot convert 'nil' to 'int')")]
    public void RandomRejectsBadLengths(string source, string expected) =>
        Assert.Equal(expected, ModuleTestState.ErrorOf(source));

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg")]
    [InlineData("fo", "Zm8")]
    [InlineData("foo", "Zm9v")]
    [InlineData("foob", "Zm9vYg")]
    [InlineData("fooba", "Zm9vYmE")]
    [InlineData("foobar", "Zm9vYmFy")]
    public void Base64UrlRoundTripsRfc4648Vectors(string plain, string encoded)
    {
        var r = ModuleTestState.RunRaw($"local b = require 'ngx.base64' return b.encode_base64url('{plain}'), b.decode_base64url('{encoded}')");
        Assert.Equal(encoded, r[0].ToString());
        Assert.Equal(plain, r[1].ToString());
    }

    [Fact]
    public void Base64UrlUsesTheUrlAlphabetOnBinary()
    {
        var r = ModuleTestState.RunRaw("local b = require 'ngx.base64' return b.encode_base64url('\\251\\255\\254'), b.decode_base64url('-_8') == '\\251\\255'");
        Assert.Equal("-__-", r[0].ToString());
        Assert.True(r[1].AsBoolean);
    }

    [Fact]
    public void Base64UrlRoundTripsEveryLengthOfBinary()
    {
        Assert.Equal("ok", ModuleTestState.Run(
            "local b = require 'ngx.base64' local t = {} for i = 0, 300 do local s = table.concat(t) " +
            "if b.decode_base64url(b.encode_base64url(s)) ~= s then return 'differs at ' .. i end t[#t + 1] = string.char(i % 256) end return 'ok'"));
    }

    [Theory]
    [InlineData("'Zg=='", "f")]                 // decoding stops at '='
    [InlineData("'Zg=anything goes'", "f")]
    [InlineData("'Zh'", "f")]                   // leftover bits are ignored
    [InlineData("''", "")]
    public void Base64UrlDecodesAsNginx(string literal, string expected) =>
        Assert.Equal(expected, ModuleTestState.Run($"return require('ngx.base64').decode_base64url({literal})"));

    [Theory]
    [InlineData("'Z'")]
    [InlineData("'Zm9vY'")]
    [InlineData("'Zm9v+A'")]
    [InlineData("'Zm9v/A'")]
    [InlineData("'Zm 9v'")]
    [InlineData("'\\0'")]
    public void Base64UrlRejectsInvalidInput(string literal)
    {
        var r = ModuleTestState.RunRaw($"return require('ngx.base64').decode_base64url({literal})");
        Assert.True(r[0].IsNil);
        Assert.Equal("invalid input", r[1].ToString());
    }

    [Theory]
    [InlineData("encode_base64url", "nil")]
    [InlineData("encode_base64url", "12")]
    [InlineData("decode_base64url", "{}")]
    [InlineData("decode_base64url", "12")]
    public void Base64UrlWantsAString(string function, string argument)
    {
        var r = ModuleTestState.RunRaw($"return require('ngx.base64').{function}({argument})");
        Assert.True(r[0].IsNil);
        Assert.Equal("must provide a string", r[1].ToString());
    }
}
