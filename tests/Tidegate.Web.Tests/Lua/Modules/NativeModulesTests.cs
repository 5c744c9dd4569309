using Tidegate.Web.Lua.Modules;

namespace Tidegate.Web.Tests.Lua.Modules;

public class NativeModulesTests
{
    [Fact]
    public void EveryListedModuleLoads()
    {
        foreach (var (name, _) in NativeModules.Modules)
        {
            Assert.Equal("table", ModuleTestState.Run($"return type(require('{name}'))"));
        }
    }

    [Fact]
    public void TheListNamesTheExpectedModules()
    {
        Assert.Equal(
            new[] { "cjson", "cjson.safe", "resty.sha", "resty.md5", "resty.sha1", "resty.sha224", "resty.sha256", "resty.sha384",
                    "resty.sha512", "resty.random", "resty.string", "resty.aes", "ngx.base64" },
            NativeModules.Loaders().Select(l => l.Name));
    }

    [Fact]
    public void CjsonIsOpenRestysFork()
    {
        Assert.Equal("2.1.0.10 [] true", ModuleTestState.Run(
            "local cjson = require 'cjson' cjson.encode_empty_table_as_object(false) " +
            "return cjson._VERSION .. ' ' .. cjson.encode({}) .. ' ' .. tostring(require('cjson.safe').array_mt == cjson.array_mt)"));
    }

    [Fact]
    public void RequireCachesTheModuleTable()
    {
        Assert.Equal("true", ModuleTestState.Run("return tostring(require('resty.sha1') == require('resty.sha1'))"));
    }

    [Fact]
    public void ModulesAreBuiltPerState()
    {
        // Two workers' states never share a module table (each has its own settings and objects).
        var a = ModuleTestState.Create().DoString("return require 'cjson'")[0].Ref;
        var b = ModuleTestState.Create().DoString("return require 'cjson'")[0].Ref;
        Assert.NotSame(a, b);
    }
}
