using Tidegate.Lua.Library;
using Tidegate.Lua.Library.Cjson;

namespace Tidegate.Lua.Tests.Cjson;

// OpenResty's lua-cjson fork has no oracle on this machine (Debian ships lua-cjson 2.1.0), so its additions
// are checked here against its documented behaviour. Everything 2.1.0 also has is covered by the
// differential scripts in tests/lua/cjson.
public class OpenRestyCjsonTests
{
    private static LuaState NewState(CjsonFlavor flavor = CjsonFlavor.OpenResty)
    {
        var state = new LuaState();
        StandardLibraries.OpenAll(state);
        CjsonLibrary.Register(state, flavor);
        return state;
    }

    /// <summary>Runs a chunk that returns one string and gives it as .NET text.</summary>
    private static string Text(string source, CjsonFlavor flavor = CjsonFlavor.OpenResty) =>
        NewState(flavor).DoString("local cjson = require 'cjson' " + source, "=t")[0].ToString();

    private static string ErrorOf(string source, CjsonFlavor flavor = CjsonFlavor.OpenResty) =>
        Assert.ThrowsAny<LuaException>(() => NewState(flavor).DoString("local cjson = require 'cjson' " + source, "=t")).Message;

    [Fact]
    public void DefaultsAreTheForksDefaults()
    {
        Assert.Equal("true false true 2.1.0.10 {} 14",
            Text("return tostring(cjson.encode_empty_table_as_object()) .. ' ' .. tostring(cjson.decode_array_with_array_mt()) .. ' ' .. " +
                 "tostring(cjson.encode_escape_forward_slash()) .. ' ' .. cjson._VERSION .. ' ' .. cjson.encode({}) .. ' ' .. cjson.encode_number_precision()"));
    }

    [Theory]
    [InlineData("false", "[]", "{\"a\":[]}")]
    [InlineData("'off'", "[]", "{\"a\":[]}")]
    [InlineData("true", "{}", "{\"a\":{}}")]
    [InlineData("'on'", "{}", "{\"a\":{}}")]
    public void EmptyTablesEncodeAsConfigured(string setting, string empty, string nested)
    {
        Assert.Equal(empty + " " + nested,
            Text($"cjson.encode_empty_table_as_object({setting}) return cjson.encode({{}}) .. ' ' .. cjson.encode({{ a = {{}} }})"));
    }

    [Fact]
    public void EmptyTableSettingDoesNotTouchNonEmptyTables()
    {
        Assert.Equal("[1,2] {\"k\":1}", Text("cjson.encode_empty_table_as_object(false) return cjson.encode({1,2}) .. ' ' .. cjson.encode({k=1})"));
    }

    [Fact]
    public void EmptyTableSettingChecksItsArgument()
    {
        Assert.Equal("t:1: bad argument #1 to 'encode_empty_table_as_object' (invalid option 'never')",
            ErrorOf("cjson.encode_empty_table_as_object('never')"));
        Assert.Equal("t:1: bad argument #2 to 'encode_empty_table_as_object' (found too many arguments)",
            ErrorOf("cjson.encode_empty_table_as_object(true, 1)"));
    }

    [Fact]
    public void EmptyArrayEncodesAsAnEmptyArray()
    {
        Assert.Equal("[] [[],1] {\"list\":[]} userdata false",
            Text("return cjson.encode(cjson.empty_array) .. ' ' .. cjson.encode({cjson.empty_array, 1}) .. ' ' .. " +
                 "cjson.encode({list = cjson.empty_array}) .. ' ' .. type(cjson.empty_array) .. ' ' .. tostring(cjson.empty_array == cjson.null)"));
    }

    [Fact]
    public void ArrayMetatableForcesAnArrayOfHashLength()
    {
        Assert.Equal("[] [1,2] [1,2,3] [\"a\",null,\"c\"]",
            Text("local mt = cjson.array_mt return cjson.encode(setmetatable({}, mt)) .. ' ' .. cjson.encode(setmetatable({1, 2, x = 'dropped'}, mt)) .. ' ' .. " +
                 "cjson.encode(setmetatable({1, 2, 3}, mt)) .. ' ' .. cjson.encode(setmetatable({'a', nil, 'c'}, mt))"));
    }

    [Fact]
    public void EmptyArrayMetatableTagsOnlyEmptyTables()
    {
        Assert.Equal("[] [1,2] {\"a\":1}",
            Text("local mt = cjson.empty_array_mt return cjson.encode(setmetatable({}, mt)) .. ' ' .. " +
                 "cjson.encode(setmetatable({1, 2}, mt)) .. ' ' .. cjson.encode(setmetatable({a = 1}, mt))"));
    }

    [Fact]
    public void OtherMetatablesLeaveTheUsualRules()
    {
        Assert.Equal("{} [1]", Text("local mt = {} return cjson.encode(setmetatable({}, mt)) .. ' ' .. cjson.encode(setmetatable({1}, mt))"));
    }

    [Fact]
    public void DecodedArraysGetArrayMetatableWhenAsked()
    {
        Assert.Equal("false true true false [] [[],{}]",
            Text("local plain = getmetatable(cjson.decode('[]')) == cjson.array_mt " +
                 "cjson.decode_array_with_array_mt(true) " +
                 "local a = cjson.decode('[[],{}]') " +
                 "return tostring(plain) .. ' ' .. tostring(getmetatable(a) == cjson.array_mt) .. ' ' .. tostring(getmetatable(a[1]) == cjson.array_mt) .. ' ' .. " +
                 "tostring(getmetatable(a[2]) ~= nil) .. ' ' .. cjson.encode(cjson.decode('[]')) .. ' ' .. cjson.encode(a)"));
    }

    [Fact]
    public void ForwardSlashEscapingCanBeTurnedOff()
    {
        Assert.Equal("\"a\\/b\" false \"a/b\" \"a/b\" true \"a\\/b\"",
            Text("local before = cjson.encode('a/b') local r = cjson.encode_escape_forward_slash(false) " +
                 "local after, viaSafe = cjson.encode('a/b'), require('cjson.safe').encode('a/b') " +
                 "local back = cjson.encode_escape_forward_slash('on') " +
                 "return before .. ' ' .. tostring(r) .. ' ' .. after .. ' ' .. viaSafe .. ' ' .. tostring(back) .. ' ' .. cjson.encode('a/b')"));
    }

    [Fact]
    public void ForwardSlashSettingDoesNotChangeDecoding()
    {
        Assert.Equal("a/b a/b", Text("cjson.encode_escape_forward_slash(false) return cjson.decode('\"a\\\\/b\"') .. ' ' .. cjson.decode('\"a/b\"')"));
    }

    [Fact]
    public void NumberPrecisionGoesToSixteen()
    {
        Assert.Equal("16 0.1 3.141592653589793", Text("local p = cjson.encode_number_precision(16) return p .. ' ' .. cjson.encode(0.1) .. ' ' .. cjson.encode(math.pi)"));
        Assert.Equal("t:1: bad argument #1 to 'encode_number_precision' (expected integer between 1 and 16)", ErrorOf("cjson.encode_number_precision(17)"));
        Assert.Equal("t:1: bad argument #1 to 'encode_number_precision' (expected integer between 1 and 14)",
            ErrorOf("cjson.encode_number_precision(15)", CjsonFlavor.LuaCjson21));
    }

    [Fact]
    public void MetatablesAreSharedByEveryModuleTable()
    {
        Assert.Equal("true true true true",
            Text("local safe, fresh = require 'cjson.safe', cjson.new() " +
                 "return tostring(safe.array_mt == cjson.array_mt) .. ' ' .. tostring(fresh.array_mt == cjson.array_mt) .. ' ' .. " +
                 "tostring(fresh.empty_array_mt == safe.empty_array_mt) .. ' ' .. tostring(safe.empty_array == cjson.empty_array)"));
    }

    [Fact]
    public void SettingsStayPerModuleTable()
    {
        Assert.Equal("[] {}", Text("local other = cjson.new() cjson.encode_empty_table_as_object(false) return cjson.encode({}) .. ' ' .. other.encode({})"));
    }

    [Fact]
    public void SafeModuleHasTheForksAdditions()
    {
        Assert.Equal("[1] nil Cannot serialise function: type not supported",
            Text("local safe = require 'cjson.safe' local v, e = safe.encode(print) " +
                 "return safe.encode(setmetatable({1}, safe.array_mt)) .. ' ' .. tostring(v) .. ' ' .. e"));
    }

    [Fact]
    public void OtherLightUserdataStillCannotBeEncoded()
    {
        Assert.Equal("t:1: Cannot serialise userdata: type not supported", ErrorOf("cjson.encode(newproxy())"));
    }

    [Fact]
    public void PlainFlavourHasNoForkAdditions()
    {
        Assert.Equal("nil nil nil nil nil nil 2.1.0",
            Text("return tostring(cjson.encode_empty_table_as_object) .. ' ' .. tostring(cjson.empty_array) .. ' ' .. tostring(cjson.array_mt) .. ' ' .. " +
                 "tostring(cjson.empty_array_mt) .. ' ' .. tostring(cjson.decode_array_with_array_mt) .. ' ' .. tostring(cjson.encode_escape_forward_slash) .. ' ' .. cjson._VERSION",
                 CjsonFlavor.LuaCjson21));
    }

    [Fact]
    public void StandardLibrariesPreloadThePlainFlavour()
    {
        var state = new LuaState();
        StandardLibraries.OpenAll(state);
        Assert.Equal("2.1.0 userdata: NULL", state.DoString("local c = require 'cjson' return c._VERSION .. ' ' .. tostring(c.null)")[0].ToString());
    }

    [Fact]
    public void NullIsTheSharedNullLightUserdata()
    {
        var r = NewState().DoString("return require('cjson').null, require('cjson').decode('null')");
        Assert.Same(LuaUserdata.NullLightUserdata, r[0].Ref);
        Assert.Same(LuaUserdata.NullLightUserdata, r[1].Ref);
    }

    [Fact]
    public void LoadersNameBothModules()
    {
        Assert.Equal(new[] { "cjson", "cjson.safe" }, CjsonLibrary.Loaders(CjsonFlavor.OpenResty).Select(l => l.Name));
    }
}
