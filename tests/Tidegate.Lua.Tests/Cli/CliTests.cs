namespace Tidegate.Lua.Tests.Cli;

/// <summary>
/// The tidegate-lua command line run as a process beside luajit: same arguments, same stdin, same
/// working directory; stdout, exit status and the error message must match. (Tracebacks are compared
/// only by their first line: luajit's shows C frames at machine addresses.)
/// </summary>
public class CliTests
{
    private const string ArgDump = "for i = -3, 3 do print(i, arg[i]) end print('...', ...) print(select('#', ...))";

    private static readonly string Dir = ProcessRun.TempDirectory(
        ("args.lua", ArgDump),
        ("fail.lua", "local function f() error('boom') end\nf()\n"),
        ("table_error.lua", "error({})\n"),
        ("tostring_error.lua", "error(setmetatable({}, {__tostring = function() return 'custom' end}))\n"),
        ("nil_error.lua", "error(nil)\n"),
        ("syntax.lua", "x x\n"),
        ("exit3.lua", "print('before') os.exit(3) print('after')\n"),
        ("mod.lua", "print('loading mod', ...) return {}\n"),
        ("shebang.lua", "#!/usr/bin/env luajit\nprint('ran', ...)\n"));

    /// <summary>luajit's arg[-n] is its own name; tidegate-lua's is its own: both are normalised to INTERP.</summary>
    private static string Normalise(string stdout) =>
        System.Text.RegularExpressions.Regex.Replace(stdout, @"\S*(tidegate-lua|luajit)", "INTERP");

    private static void AssertSame(string stdin, params string[] args)
    {
        var expected = ProcessRun.LuaJit(Dir, stdin, args);
        var actual = ProcessRun.TidegateLua(Dir, stdin, args);
        Assert.Equal(Normalise(expected.Stdout), Normalise(actual.Stdout));
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.ErrorMessage, actual.ErrorMessage);
    }

    [Theory]
    [InlineData("args.lua", "x", "y")]
    [InlineData("-e", "x = 1", "args.lua", "a b", "")]
    [InlineData("--", "args.lua", "-e")]
    [InlineData("-e", "print(arg[0], arg[-1] ~= nil, #arg)")]
    [InlineData("-e", "print(1)", "-e", "print(2)")]
    [InlineData("-eprint('joined')")]
    [InlineData("-e", "print(...)", "a", "b")]
    [InlineData("-lmod", "-e", "print(package.loaded.mod ~= nil, mod)")]
    [InlineData("-l", "mod", "args.lua")]
    [InlineData("shebang.lua", "1", "2")]
    public void ScriptsArgumentsAndOptions(params string[] args) => AssertSame("", args);

    [Theory]
    [InlineData("-e", "print(io.read()) print(io.read('*a')) print(io.read('*n')) print(io.read(0)) print(io.stdin:read(1))")]
    [InlineData("-e", "for l in io.lines() do print(l) end")]
    [InlineData("-e", "print(io.stdin:lines()())")]
    public void ReadingAClosedStdinFailsWithoutBlocking(params string[] args)
    {
        // Started without descriptor 0, luajit's reads fail with EBADF; the .NET runtime reuses descriptor 0
        // for a pipe of its own, which must not be read (it would block forever).
        var expected = ProcessRun.LuaJitWithoutStdin(Dir, args);
        var actual = ProcessRun.TidegateLuaWithoutStdin(Dir, args);
        Assert.Equal(expected.Stdout, actual.Stdout);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.ErrorMessage, actual.ErrorMessage);
    }

    [Theory]
    [InlineData("-e", "print(io.read()) print(io.read('*a')) print(io.read('*n')) print(io.read(5)) print(io.read(0))")]
    [InlineData("-e", "for l in io.lines() do print(l) end print('done')")]
    public void ReadingAnEmptyStdinEnds(params string[] args) => AssertSame("", args);

    [Theory]
    [InlineData("fail.lua")]
    [InlineData("table_error.lua")]
    [InlineData("tostring_error.lua")]
    [InlineData("nil_error.lua")]
    [InlineData("syntax.lua")]
    [InlineData("missing.lua")]
    [InlineData("-e", "x x")]
    [InlineData("-e", "error('in -e')")]
    [InlineData("-e", "error(12)")]
    [InlineData("-l", "nosuch")]
    [InlineData("-e", "error('first')", "args.lua")]
    public void ErrorsGoToStderrWithStatusOne(params string[] args) => AssertSame("", args);

    [Theory]
    [InlineData("exit3.lua")]
    [InlineData("-e", "os.exit(true)")]
    [InlineData("-e", "os.exit(false)")]
    [InlineData("-e", "io.write('unflushed') os.exit(0)")]
    public void OsExitIsHonouredAndFlushes(params string[] args) => AssertSame("", args);

    [Theory]
    [InlineData("-e", "local p = newproxy(true) getmetatable(p).__gc = function() print('finalized at exit') end print('end')")]
    [InlineData("-e", "local p = newproxy(true) getmetatable(p).__gc = function() print('finalized') end error('x')")]
    [InlineData("-e", "local p = newproxy(true) getmetatable(p).__gc = function() print('not after os.exit') end os.exit(0)")]
    public void ClosingTheStateRunsRemainingFinalizers(params string[] args) => AssertSame("", args);

    [Fact]
    public void StdinAsScriptWithDash() => AssertSame("print('from stdin', ...)\n", "-", "p", "q");

    [Fact]
    public void StdinIsRunWhenNotATerminalAndNoScript() => AssertSame("print('piped')\nprint(arg[0])\n");

    [Fact]
    public void SyntaxErrorOnStdinIsNamedStdin() => AssertSame("print(1)\nx x\n", "-");

    [Fact]
    public void InteractiveModeEvaluatesLinesAndExpressions()
    {
        const string input = "=1+1\nreturn 3, 4\nfor i=1,2 do\nprint(i)\nend\nlocal a = 5\n=a\nerror('x')\n";
        var expected = ProcessRun.LuaJit(Dir, input, "-i");
        var actual = ProcessRun.TidegateLua(Dir, input, "-i");
        // The banner differs by design (luajit also prints its JIT status line); the session itself must not.
        static string Session(string stdout) => stdout[(stdout.IndexOf("> ", StringComparison.Ordinal))..];
        Assert.Equal(Session(expected.Stdout), Session(actual.Stdout));
        Assert.Equal(expected.ErrorMessage, actual.ErrorMessage);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
    }

    /// <summary>
    /// luajit run from a shell is killed by SIGPIPE when its reader leaves (status 141 in the shell). A
    /// child of this .NET test host inherits SIGPIPE ignored, so luajit cannot be the oracle here: the
    /// expectation is the shell's 141, written down.
    /// </summary>
    [Fact]
    public void ReaderClosingThePipeEndsTheRunWithSigpipeStatus()
    {
        var start = new System.Diagnostics.ProcessStartInfo(ProcessRun.FindOnPath("dotnet") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tidegate-lua.dll"));
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("for i = 1, 1e9 do print(i) end");
        using var p = System.Diagnostics.Process.Start(start)!;
        Assert.Equal("1", p.StandardOutput.ReadLine());
        p.StandardOutput.Close();
        bool exited = p.WaitForExit(20_000);
        if (!exited) p.Kill();
        Assert.True(exited, "the interpreter kept running after its reader left");
        Assert.Equal(141, p.ExitCode);
    }

    /// <summary>
    /// Output redirected to a file shares the descriptor's offset with the shell: what the shell writes
    /// before and after the run must land around the script's output, not over it (as with luajit).
    /// </summary>
    [Fact]
    public void OutputRedirectedToAFileKeepsTheSharedOffset()
    {
        var file = Path.Combine(Dir, "redirected.txt");
        var dll = Path.Combine(AppContext.BaseDirectory, "tidegate-lua.dll");
        var dotnet = ProcessRun.FindOnPath("dotnet") ?? "dotnet";
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"(echo first; '{dotnet}' '{dll}' -e 'print(\"second\") io.write(\"third\\n\")'; echo fourth) > '{file}'");
        using var p = System.Diagnostics.Process.Start(start)!;
        p.WaitForExit();
        Assert.Equal("first\nsecond\nthird\nfourth\n", File.ReadAllText(file));
    }

    [Fact]
    public void VersionOptionPrintsTheVersionLine()
    {
        var r = ProcessRun.TidegateLua(Dir, "", "-v");
        Assert.Equal("Tidegate.Lua 0.1.0 -- a LuaJIT 2.1-compatible engine for .NET\n", r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("-e")]
    [InlineData("-ix")]
    [InlineData("--x")]
    public void InvalidOptionsPrintUsageAndFail(params string[] args)
    {
        var expected = ProcessRun.LuaJit(Dir, "", args);
        var actual = ProcessRun.TidegateLua(Dir, "", args);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.StartsWith("usage: tidegate-lua [options]... [script [args]...].", actual.Stderr);
        Assert.Equal("", actual.Stdout);
    }

    [Fact]
    public void UncaughtErrorPrintsATraceback()
    {
        var r = ProcessRun.TidegateLua(Dir, "", "fail.lua");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("tidegate-lua: fail.lua:1: boom\nstack traceback:\n", r.Stderr);
        Assert.Contains("fail.lua:2: in main chunk", r.Stderr);
    }

    [Fact]
    public void DeepRecursionRunsOnTheBigStack()
    {
        var r = ProcessRun.TidegateLua(Dir, "", "-e", "local function f(n) return n == 0 and 0 or 1 + f(n - 1) end print(f(100000))");
        Assert.Equal("100000\n", r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }
}
