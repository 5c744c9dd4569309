namespace Tidegate.Lua.Tests.Differential;

/// <summary>The header directives the runner reads from a script's leading comment lines.</summary>
public class ScriptHeaderTests
{
    private static ScriptHeader Parse(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tidegate-header-{Guid.NewGuid():N}.lua");
        File.WriteAllText(path, text);
        try { return ScriptHeader.Read(path); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Reads_args_and_stdin_from_leading_comments()
    {
        var header = Parse("-- what this tests\n-- args: one \"two three\" four\n-- stdin: data/in.txt\nprint(1)\n");
        Assert.Equal(["one", "two three", "four"], header.Args);
        Assert.Equal("data/in.txt", header.StdinFile);
    }

    [Fact]
    public void Stops_at_the_first_line_that_is_not_a_comment()
    {
        var header = Parse("print(1)\n-- args: ignored\n");
        Assert.Empty(header.Args);
        Assert.Null(header.StdinFile);
    }

    [Fact]
    public void Skips_a_shebang_and_ignores_long_comments()
    {
        var header = Parse("#!/usr/bin/env luajit\n-- args: x\n--[[ args: y ]]\n-- args: z\n");
        Assert.Equal(["x"], header.Args);
    }

    [Fact]
    public void Empty_quotes_make_an_empty_argument()
    {
        var header = Parse("-- args: \"\" a\n");
        Assert.Equal(["", "a"], header.Args);
    }
}
