using System.Text;

namespace Tidegate.Web.Config;

/// <summary>
/// Reads nginx.conf (plus any <c>-g</c> directives) into a tree of <see cref="ConfigDirective"/>,
/// checking each directive against <see cref="DirectiveRegistry"/> as nginx's ngx_conf_handler
/// does, in the same order, so the first error reported is the one nginx reports.
/// <c>include</c> is expanded where it stands (globs sorted, relative to the conf directory).
/// </summary>
public sealed class ConfigParser
{
    private readonly string confPrefix;
    private readonly HashSet<string> includeStack = new(StringComparer.Ordinal);

    /// <summary>Every file read, in order, with its bytes (for -T, which dumps them).</summary>
    public List<(string Path, byte[] Content)> FilesRead { get; } = new();

    /// <param name="confPrefix">The directory relative includes are resolved against (nginx's conf prefix).</param>
    public ConfigParser(string confPrefix)
    {
        this.confPrefix = confPrefix.EndsWith('/') ? confPrefix : confPrefix + "/";
    }

    /// <summary>Parses the <c>-g</c> directives then the file, both in the main context.</summary>
    public List<ConfigDirective> ParseMain(string confFile, string? commandLineDirectives)
    {
        var root = new List<ConfigDirective>();
        var scope = new BlockScope();
        if (!string.IsNullOrEmpty(commandLineDirectives))
        {
            var source = new ConfigSource(null);
            Parse(new ConfigTokenizer(Encoding.Latin1.GetBytes(commandLineDirectives), source), source, root, DirectiveContext.Main, inBlock: false, scope);
        }
        ParseFile(confFile, root, DirectiveContext.Main, scope, null);
        return root;
    }

    /// <summary>Parses configuration text held in memory (the built-in default config, tests).</summary>
    public List<ConfigDirective> ParseText(string text, string pretendPath)
    {
        var root = new List<ConfigDirective>();
        var source = new ConfigSource(pretendPath);
        Parse(new ConfigTokenizer(Encoding.Latin1.GetBytes(text), source), source, root, DirectiveContext.Main, false, new BlockScope());
        return root;
    }

    private void ParseFile(string path, List<ConfigDirective> into, DirectiveContext context, BlockScope scope, ConfigDirective? includedBy)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "2: No such file or directory"
                : e is UnauthorizedAccessException ? "13: Permission denied" : e.Message;
            string message = $"open() \"{path}\" failed ({reason})";
            throw includedBy is null ? new ConfigException(message) : ConfigException.At(message, includedBy);
        }
        FilesRead.Add((path, bytes));
        if (!includeStack.Add(path))
            throw ConfigException.At($"include \"{path}\" includes itself", includedBy!);
        try
        {
            var source = new ConfigSource(path);
            Parse(new ConfigTokenizer(bytes, source), source, into, context, inBlock: false, scope);
        }
        finally
        {
            includeStack.Remove(path);
        }
    }

    private void Parse(ConfigTokenizer tokens, ConfigSource source, List<ConfigDirective> into,
        DirectiveContext context, bool inBlock, BlockScope scope)
    {
        var words = new List<string>();
        while (true)
        {
            var end = tokens.Next(words);
            if (end == ConfigTerminator.BlockEnd)
            {
                if (!inBlock) throw ConfigException.At("unexpected \"}\"", source, tokens.Line);
                return;
            }
            if (end == ConfigTerminator.EndOfInput)
            {
                if (inBlock) throw ConfigException.At("unexpected end of file, expecting \"}\"", source, tokens.Line);
                return;
            }

            var directive = new ConfigDirective(words[0], words.Skip(1).ToArray(), source, tokens.Line);

            if (context == DirectiveContext.Data && directive.Name != "include")
            {
                // Inside types { } every line is data: a MIME type and its extensions.
                if (end != ConfigTerminator.Semicolon)
                    throw ConfigException.At($"directive \"{directive.Name}\" is not terminated by \";\"", directive);
                into.Add(directive);
                continue;
            }

            var spec = Resolve(directive, context, end);
            CheckValue(directive, spec, scope);

            if (directive.Name == "include")
            {
                Include(directive, into, context, scope);
                continue;
            }

            into.Add(directive);
            if (spec.IsBlock)
            {
                directive.Block = new List<ConfigDirective>();
                if (directive.Name.EndsWith("_by_lua_block", StringComparison.Ordinal))
                {
                    directive.RawBlockLine = tokens.Line;
                    directive.RawBlock = tokens.ReadLuaBlock();
                }
                else
                {
                    Parse(tokens, source, directive.Block, spec.InnerContext(context), inBlock: true, new BlockScope());
                }
            }
        }
    }

    /// <summary>nginx's ngx_conf_handler: find the directive, check its context, terminator and arity.</summary>
    private static DirectiveSpec Resolve(ConfigDirective directive, DirectiveContext context, ConfigTerminator end)
    {
        var candidates = DirectiveRegistry.Lookup(directive.Name);
        foreach (var spec in candidates)
        {
            if ((spec.Contexts & context) == 0) continue;
            if (!spec.IsBlock && end != ConfigTerminator.Semicolon)
                throw ConfigException.At($"directive \"{directive.Name}\" is not terminated by \";\"", directive);
            if (spec.IsBlock && end != ConfigTerminator.BlockStart)
                throw ConfigException.At($"directive \"{directive.Name}\" has no opening \"{{\"", directive);
            if (!spec.AcceptsArgumentCount(directive.Arguments.Count))
                throw ConfigException.At($"invalid number of arguments in \"{directive.Name}\" directive", directive);
            return spec;
        }
        if (candidates.Count > 0)
            throw ConfigException.At($"\"{directive.Name}\" directive is not allowed here", directive);
        throw ConfigException.At($"unknown directive \"{directive.Name}\"", directive);
    }

    /// <summary>The checks nginx's generic slot setters make the moment a directive is read.</summary>
    private static void CheckValue(ConfigDirective directive, DirectiveSpec spec, BlockScope scope)
    {
        if (spec.IsFlag)
        {
            string value = directive.Arguments[0];
            if (!value.Equals("on", StringComparison.OrdinalIgnoreCase) && !value.Equals("off", StringComparison.OrdinalIgnoreCase))
                throw ConfigException.At($"invalid value \"{value}\" in \"{directive.Name}\" directive, it must be \"on\" or \"off\"", directive);
        }

        string name = directive.Name;
        if (name is "root" or "alias")
        {
            string other = name == "root" ? "alias" : "root";
            if (scope.Seen.Contains(other))
                throw ConfigException.At($"\"{name}\" directive is duplicate, \"{other}\" directive was specified earlier", directive);
            if (!scope.Seen.Add(name))
                throw ConfigException.At($"\"{name}\" directive is duplicate", directive);
            return;
        }
        if (spec.Unique && !scope.Seen.Add(name))
            throw ConfigException.At($"\"{name}\" directive is duplicate", directive);
    }

    private void Include(ConfigDirective directive, List<ConfigDirective> into, DirectiveContext context, BlockScope scope)
    {
        string pattern = directive.Arguments[0];
        string path = Path.IsPathRooted(pattern) ? pattern : confPrefix + pattern;
        if (pattern.IndexOfAny(['*', '?', '[']) < 0)
        {
            ParseFile(path, into, context, scope, directive);
            return;
        }
        foreach (var file in ConfigGlob.Expand(path))
            ParseFile(file, into, context, scope, directive);
    }

    /// <summary>Names already set in one block, for nginx's "directive is duplicate".</summary>
    private sealed class BlockScope
    {
        public readonly HashSet<string> Seen = new(StringComparer.Ordinal);
    }
}
