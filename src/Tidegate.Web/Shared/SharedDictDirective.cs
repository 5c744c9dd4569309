using Tidegate.Web.Config;

namespace Tidegate.Web.Shared;

/// <summary>One <c>lua_shared_dict NAME SIZE</c> as declared: the name (Latin-1, one char per byte) and the size in bytes.</summary>
public sealed record SharedDictDeclaration(string Name, long Size, ConfigDirective Directive);

/// <summary>
/// The <c>lua_shared_dict</c> directives of one configuration, checked as nginx checks them and
/// in its order: an empty name, a size ngx_parse_size refuses or below 8192 bytes, the same
/// name declared again with another size (the shared memory zone's message) or with the same size
/// (ngx_lua's "already defined"). The config compiler calls <see cref="Add"/> for each directive
/// (http context only; the registry checks the context) and then <see cref="SharedDictZones.Create"/>.
/// </summary>
public sealed class SharedDictDeclarations
{
    /// <summary>ngx_lua refuses sizes of 8191 bytes and below.</summary>
    public const long MinimumSize = 8192;

    private readonly List<SharedDictDeclaration> _declared = new();

    public IReadOnlyList<SharedDictDeclaration> All => _declared;

    public SharedDictDeclaration Add(ConfigDirective d)
    {
        if (d.Arguments.Count != 2) throw ConfigException.At($"invalid number of arguments in \"{d.Name}\" directive", d);
        string name = d.Arguments[0];
        string sizeText = d.Arguments[1];
        if (name.Length == 0) throw ConfigException.At($"invalid lua shared dict name \"{name}\"", d);
        if (!TryParseSize(sizeText, out long size) || size < MinimumSize)
            throw ConfigException.At($"invalid lua shared dict size \"{sizeText}\"", d);
        foreach (var earlier in _declared)
        {
            if (!string.Equals(earlier.Name, name, StringComparison.Ordinal)) continue;
            if (earlier.Size != size)
                throw ConfigException.At($"the size {size} of shared memory zone \"{name}\" conflicts with already declared size {earlier.Size}", d);
            throw ConfigException.At($"lua_shared_dict \"{name}\" is already defined as \"{earlier.Name}\"", d);
        }
        var declaration = new SharedDictDeclaration(name, size, d);
        _declared.Add(declaration);
        return declaration;
    }

    /// <summary>
    /// nginx's ngx_parse_size: decimal digits with an optional k/K (×1024) or m/M (×1024²) suffix,
    /// nothing else (no sign, no spaces, no g), and no overflow of a signed 64-bit size.
    /// </summary>
    public static bool TryParseSize(string text, out long size)
    {
        size = 0;
        if (text.Length == 0) return false;
        long scale = text[^1] switch { 'k' or 'K' => 1024, 'm' or 'M' => 1024 * 1024, _ => 1 };
        int digits = scale == 1 ? text.Length : text.Length - 1;
        if (digits == 0) return false;
        long value = 0;
        for (int i = 0; i < digits; i++)
        {
            char c = text[i];
            if (c is < '0' or > '9') return false;
            if (value > (long.MaxValue - (c - '0')) / 10) return false;
            value = value * 10 + (c - '0');
        }
        if (value > long.MaxValue / scale) return false;
        size = value * scale;
        return true;
    }
}
