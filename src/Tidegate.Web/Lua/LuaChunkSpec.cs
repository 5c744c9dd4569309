using System.Text;
using Tidegate.Web.Config;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.Lua;

/// <summary>
/// The Lua code one <c>*_by_lua*</c> directive names: inline text (the string and <c>_block</c>
/// forms, chunk name <c>content_by_lua(nginx.conf:12)</c> as nginx names it) or a file (the
/// <c>_file</c> form: a path relative to the prefix that may hold variables; the chunk is named
/// by its path). Compiled once per worker state (see <see cref="LuaWorker.Load"/>), or per request
/// with <c>lua_code_cache off</c>.
/// </summary>
public sealed class LuaChunkSpec
{
    private LuaChunkSpec(string directive, byte[]? source, string? chunkName, VariableTemplate? file, string prefix)
    {
        Directive = directive;
        Source = source;
        ChunkName = chunkName;
        File = file;
        this.prefix = prefix;
    }

    private readonly string prefix;

    /// <summary>The directive's stem (content_by_lua, log_by_lua, ...), which names the phase in messages.</summary>
    public string Directive { get; }
    public byte[]? Source { get; }
    /// <summary>The chunk name for inline code, "=content_by_lua(nginx.conf:12)" (the '=' keeps it verbatim).</summary>
    public string? ChunkName { get; }
    public VariableTemplate? File { get; }
    public bool IsFile => File is not null;
    /// <summary>Whether the file path is fixed (no variables), so it can be checked and cached per worker.</summary>
    public bool IsStaticFile => File is not null && !File.HasVariables;

    /// <summary>Reads a handler directive in any of its three forms.</summary>
    public static LuaChunkSpec FromDirective(ConfigDirective d, string prefix, int valueIndex = 0)
    {
        string name = d.Name;
        if (name.EndsWith("_block", StringComparison.Ordinal))
        {
            string stem = name[..^"_block".Length];
            return new LuaChunkSpec(stem, Encoding.Latin1.GetBytes(d.RawBlock ?? ""), $"={stem}({d.Source.ShortName}:{d.RawBlockLine})", null, prefix);
        }
        if (name.EndsWith("_file", StringComparison.Ordinal))
        {
            string stem = name[..^"_file".Length];
            return new LuaChunkSpec(stem, null, null, ConfigCompiler.Template(d, valueIndex), prefix);
        }
        return new LuaChunkSpec(name, d.ArgumentBytes(valueIndex), $"={name}({d.Source.ShortName}:{d.Line})", null, prefix);
    }

    /// <summary>The file this handler runs for a request (variables evaluated), absolute.</summary>
    public string ResolveFile(IVariableResolver? resolver)
    {
        string path = resolver is null ? File!.Source : File!.Evaluate(resolver);
        return Path.IsPathRooted(path) ? path : prefix + path;
    }
}
