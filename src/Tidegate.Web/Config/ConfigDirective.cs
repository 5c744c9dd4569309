namespace Tidegate.Web.Config;

/// <summary>
/// One directive as written in nginx.conf: its name, its arguments and, for block directives,
/// the directives inside its braces. Arguments are kept as text with escapes already applied and
/// variables (<c>$uri</c>) left in place, so they are evaluated later, per request.
/// Config files are bytes: every argument is decoded as Latin-1, so each char is one byte and
/// <see cref="ArgumentBytes"/> gives back exactly the bytes the file held (a UTF-8 body in a
/// <c>return</c> or a Lua chunk in a <c>*_by_lua_block</c> survives unchanged).
/// </summary>
public sealed class ConfigDirective
{
    public ConfigDirective(string name, IReadOnlyList<string> arguments, ConfigSource source, int line)
    {
        Name = name;
        Arguments = arguments;
        Source = source;
        Line = line;
    }

    public string Name { get; }
    public IReadOnlyList<string> Arguments { get; }
    /// <summary>The file (or the command line) the directive came from.</summary>
    public ConfigSource Source { get; }
    /// <summary>The line nginx reports for it: the line of the terminating <c>;</c> or <c>{</c>.</summary>
    public int Line { get; }
    /// <summary>The directives inside the braces; null for a simple directive.</summary>
    public List<ConfigDirective>? Block { get; set; }
    /// <summary>For <c>*_by_lua_block</c>: the raw Lua text between the braces.</summary>
    public string? RawBlock { get; set; }
    /// <summary>The line the raw Lua block starts on (its chunk name names it).</summary>
    public int RawBlockLine { get; set; }

    /// <summary>nginx's " in /path/nginx.conf:12" (or " in command line") suffix for messages.</summary>
    public string Where => Source.Describe(Line);

    public byte[] ArgumentBytes(int index) => System.Text.Encoding.Latin1.GetBytes(Arguments[index]);

    public override string ToString() => Name + (Arguments.Count > 0 ? " " + string.Join(' ', Arguments) : "");
}

/// <summary>Where configuration text came from, for error messages.</summary>
public sealed class ConfigSource
{
    public ConfigSource(string? path) { Path = path; }
    /// <summary>The absolute file path, or null for <c>-g</c> directives.</summary>
    public string? Path { get; }
    public bool IsCommandLine => Path is null;
    public string Describe(int line) => Path is null ? " in command line" : $" in {Path}:{line}";
    /// <summary>The short name used in Lua chunk names (<c>nginx.conf</c>).</summary>
    public string ShortName => Path is null ? "command line" : System.IO.Path.GetFileName(Path);
}
