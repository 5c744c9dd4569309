using Tidegate.Lua.Tests.Cli;

namespace Tidegate.Lua.Tests.Package;

/// <summary>
/// require, module, package.* and the file loaders (loadfile, dofile), run through the CLI beside luajit
/// in a directory of module files, since the search paths are relative to the working directory.
/// </summary>
public class PackageLibraryTests
{
    private static readonly string Dir = ProcessRun.TempDirectory(
        ("loop.lua", "local m = require('loop') return m\n"),
        ("bad.lua", "x x\n"),
        ("rt.lua", "error('rt fail')\n"),
        ("nilret.lua", "print('loading nilret', ...)\n"),
        ("setsl.lua", "package.loaded[...] = 'custom'\n"),
        ("falsy.lua", "print('loading falsy') return false\n"),
        ("sub/init.lua", "return {name = ...}\n"),
        ("sub/x.lua", "return 'sub.x:' .. ...\n"),
        ("modm.lua", "module('a.b.c', package.seeall)\nprint(_NAME, _PACKAGE, _M == a.b.c, type(a.b))\nfunction f() return 'f' end\nx = 1\n"),
        ("so/cmod.so", "not really a shared object"),
        ("chunk.lua", "#!/bin/shebang\nreturn ..., 7\n"),
        ("chunk_bad.lua", "x x"),
        ("chunk_err.lua", "error('e3')"));

    private static void Same(string script)
    {
        File.WriteAllText(Path.Combine(Dir, "t.lua"), script);
        var expected = ProcessRun.LuaJit(Dir, "", "t.lua");
        var actual = ProcessRun.TidegateLua(Dir, "", "t.lua");
        Assert.Equal(expected.Stdout, actual.Stdout);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.ErrorMessage, actual.ErrorMessage);
    }

    [Fact]
    public void RequireFindsCachesAndReportsFailures() => Same("""
        print(pcall(require, "loop"))
        print(pcall(require, "bad"))
        print(pcall(require, "rt"))
        print(pcall(require, "rt"))
        print(require("nilret"), package.loaded.nilret)
        print(require("setsl"))
        print(require("falsy"), package.loaded.falsy)
        print(require("falsy"))
        print(pcall(require, "sub"))
        package.path = package.path .. ";./?/init.lua"
        print(require("sub").name, require("sub.x"))
        print(pcall(require))
        print(pcall(require, {}))
        print(pcall(require, 12))
        package.preload.pre = function(...) print("preload", ...) return "P" end
        print(require("pre"), require("pre"))
        print(package.loaded._G == _G, package.loaded.package == package, package.loaded.io == io)
        """);

    [Fact]
    public void SearchersAndSearchPath() => Same("""
        print(package.searchpath("sub.x", "./?.lua"))
        print(package.searchpath("nosub", "./?.lua;/x/?.lua"))
        print(package.searchpath("a.b.c", "./?.lua", "b", "X"))
        print(package.searchpath("a.b.c", "./?.lua", ""))
        print(package.searchpath("sub", ";;./?/init.lua;;"))
        print(pcall(package.searchpath))
        print(#package.loaders, type(package.loaders[1]), package.searchers)
        print(package.loaders[1]("nop"))
        print(type(package.loaders[2]("sub.x")))
        print(package.loaders[4]("nop"))
        print(package.config)
        print(package.path)
        print(package.cpath)
        """);

    [Fact]
    public void LoaderProtocol() => Same("""
        package.preload.z = 5
        print(pcall(require, "z"))
        package.preload.z = nil
        local saved = package.loaders
        package.loaders = {function() return "msg1" end, function() return 5 end, function() return {} end}
        print(pcall(require, "zz"))
        package.loaders = {}
        print(pcall(require, "zz"))
        package.loaders = nil
        print(pcall(require, "zz"))
        package.loaders = saved
        """);

    [Fact]
    public void CModulesAreSearchedAndRefusedClearly()
    {
        File.WriteAllText(Path.Combine(Dir, "c.lua"), """
            package.cpath = "./so/?.so"
            print(pcall(require, "nosuchc"))
            local ok, err = pcall(require, "cmod")
            print(ok, err)
            print(package.loadlib("./so/cmod.so", "luaopen_cmod"))
            """);
        var r = ProcessRun.TidegateLua(Dir, "", "c.lua");
        var expected = ProcessRun.LuaJit(Dir, "", "c.lua");
        var ours = r.Stdout.Split('\n');
        Assert.Equal(expected.Stdout.Split('\n')[0], ours[0]); // the "not found" list is luajit's
        Assert.Contains("error loading module 'cmod' from file './so/cmod.so':", r.Stdout);
        Assert.Contains("tidegate-lua cannot load C module 'cmod'", r.Stdout);
        Assert.Contains("nil\ttidegate-lua cannot load C library './so/cmod.so'\topen", r.Stdout);
    }

    [Fact]
    public void Module() => Same("""
        require("modm")
        print(a.b.c.f(), a.b.c.x, x)
        local function g()
          module("solo")
          return _NAME, _PACKAGE
        end
        print(pcall(g))
        print(solo._NAME, solo._PACKAGE, solo._M == solo)
        print(getfenv(g) == solo)
        print(pcall(module))
        print(pcall(module, {}))
        string_x = 5
        print(pcall(function() module("string_x") end))
        local t = {}
        package.loaded.pl = t
        local function h() module("pl", function(m) m.touched = true end) end
        h()
        print(t.touched, t._NAME, getfenv(h) == t)
        print(pcall(package.seeall))
        local s = {} package.seeall(s) print(getmetatable(s).__index == _G)
        print(pcall(function() module("x.") end))
        print(type(x[""]))
        """);

    [Fact]
    public void FileLoaders() => Same("""
        print(loadfile("/nonexistent.lua"))
        print(pcall(dofile, "/nonexistent.lua"))
        print(loadfile("chunk.lua")(1, 2))
        print(dofile("chunk.lua"))
        print(select('#', dofile("chunk.lua")))
        print(loadfile("chunk_bad.lua"))
        print(pcall(dofile, "chunk_bad.lua"))
        print(pcall(dofile, "chunk_err.lua"))
        print(loadfile("/tmp"))
        print(loadfile("chunk.lua", "b"))
        local e = {}
        print(getfenv(loadfile("chunk.lua", "t", e)) == e)
        print(pcall(loadfile, {}))
        """);

    [Fact]
    public void LuaPathEnvironmentExpandsDoubleSemicolons()
    {
        // Both interpreters see the same LUA_PATH: ';;' becomes the default path.
        var script = "print(package.path) print(package.cpath)";
        File.WriteAllText(Path.Combine(Dir, "p.lua"), script);
        var expected = RunWithEnvironment(true);
        var actual = RunWithEnvironment(false);
        Assert.Equal(expected, actual);

        static string RunWithEnvironment(bool luajit)
        {
            var start = new System.Diagnostics.ProcessStartInfo(luajit ? "luajit" : (ProcessRun.FindOnPath("dotnet") ?? "dotnet"))
            {
                WorkingDirectory = Dir,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (!luajit) start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tidegate-lua.dll"));
            start.ArgumentList.Add("p.lua");
            start.Environment["LUA_PATH"] = "/a/?.lua;;;/b/?.lua";
            start.Environment["LUA_CPATH"] = "/c/?.so";
            using var p = System.Diagnostics.Process.Start(start)!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return output;
        }
    }
}
