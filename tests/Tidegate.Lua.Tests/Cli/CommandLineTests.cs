using Tidegate.Lua.Cli;

namespace Tidegate.Lua.Tests.Cli;

/// <summary>
/// Command-line parsing by luajit.c's rules (collectargs), checked without starting a process.
/// The process-level behaviour of each case is compared with luajit in <see cref="CliTests"/>.
/// </summary>
public class CommandLineTests
{
    [Fact]
    public void ScriptAndItsArgumentsFollowTheOptions()
    {
        var line = CommandLine.Parse(new[] { "-e", "x=1", "-lmod", "script.lua", "-e", "arg" })!;
        Assert.Equal(3, line.ScriptIndex);
        Assert.Equal("script.lua", line.Script);
        Assert.Equal(new[] { new StartupAction('e', "x=1"), new StartupAction('l', "mod") }, line.Actions);
        Assert.True(line.HasExec);
        Assert.False(line.ScriptIsStdin);
    }

    [Fact]
    public void DoubleDashEndsOptionsAndDashMeansStdin()
    {
        var afterDashes = CommandLine.Parse(new[] { "--", "-" })!;
        Assert.Equal(1, afterDashes.ScriptIndex);
        Assert.False(afterDashes.ScriptIsStdin); // "--" then "-": a file named "-"
        var stdin = CommandLine.Parse(new[] { "-", "a" })!;
        Assert.Equal(0, stdin.ScriptIndex);
        Assert.True(stdin.ScriptIsStdin);
    }

    [Fact]
    public void NoScriptPutsTheIndexPastTheEnd()
    {
        var line = CommandLine.Parse(new[] { "-v", "-E", "-O3", "-joff" })!;
        Assert.False(line.HasScript);
        Assert.Equal(4, line.ScriptIndex);
        Assert.True(line.ShowVersion);
        Assert.True(line.IgnoreEnvironment);
    }

    [Fact]
    public void InteractiveImpliesVersion()
    {
        var line = CommandLine.Parse(new[] { "-i" })!;
        Assert.True(line.Interactive);
        Assert.True(line.ShowVersion);
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("-e")]
    [InlineData("-l")]
    [InlineData("-ix")]
    [InlineData("-vx")]
    [InlineData("--x")]
    [InlineData("-e", "x", "-b")]
    public void InvalidCommandLinesAreRejected(params string[] args) => Assert.Null(CommandLine.Parse(args));

    [Fact]
    public void BytecodeModeTakesTheRestOfTheLine()
    {
        var line = CommandLine.Parse(new[] { "-b", "in.lua", "out.o" })!;
        Assert.True(line.BytecodeMode);
    }
}
