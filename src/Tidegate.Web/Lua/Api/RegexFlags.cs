namespace Tidegate.Web.Lua.Api;

/// <summary>The option letters of ngx.re's functions, parsed as resty.core parses them.</summary>
internal readonly record struct RegexFlags(
    bool Caseless, bool Multiline, bool DotAll, bool Extended, bool Utf8, bool NoUtf8Check,
    bool Anchored, bool Dfa, bool CompileOnce, bool DupNames, bool JavaScriptCompat)
{
    /// <summary>Parses <paramref name="options"/>; on an unknown letter returns false and that letter.</summary>
    public static bool TryParse(ReadOnlySpan<byte> options, out RegexFlags flags, out byte unknown)
    {
        flags = default;
        unknown = 0;
        foreach (byte c in options)
        {
            switch (c)
            {
                case (byte)'o': flags = flags with { CompileOnce = true }; break;
                case (byte)'j': break; // PCRE JIT: .NET compiles 'o' patterns to IL instead
                case (byte)'i': flags = flags with { Caseless = true }; break;
                case (byte)'s': flags = flags with { DotAll = true }; break;
                case (byte)'m': flags = flags with { Multiline = true }; break;
                case (byte)'u': flags = flags with { Utf8 = true }; break;
                case (byte)'U': flags = flags with { Utf8 = true, NoUtf8Check = true }; break;
                case (byte)'x': flags = flags with { Extended = true }; break;
                case (byte)'d': flags = flags with { Dfa = true }; break;
                case (byte)'a': flags = flags with { Anchored = true }; break;
                case (byte)'D': flags = flags with { DupNames = true }; break;
                case (byte)'J': flags = flags with { JavaScriptCompat = true }; break;
                default:
                    unknown = c;
                    return false;
            }
        }
        return true;
    }
}
