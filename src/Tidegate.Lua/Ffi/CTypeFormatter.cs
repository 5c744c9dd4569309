using System.Text;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// Writes a C type the way LuaJIT's lj_ctype_repr does, as seen in <c>ctype&lt;...&gt;</c> and
/// <c>cdata&lt;...&gt;</c>: the base type first, then the declarator built outwards
/// (<c>int *[3]</c>, <c>int (*)[3]</c>, <c>char *const</c>, <c>int ()</c>, <c>struct 97</c>).
/// </summary>
public static class CTypeFormatter
{
    public static string Format(CType type) => Format(type, "");

    /// <summary>A reference to an object of <paramref name="type"/>, as LuaJIT prints member references: <c>struct foo &amp;</c>, <c>int (&amp;)[3]</c>.</summary>
    public static string FormatReference(CType type) => Format(type, "&");

    private static string Format(CType type, string declarator)
    {
        var t = type;
        while (true)
        {
            switch (t.Kind)
            {
                case CTypeKind.Pointer:
                {
                    string q = Qualifiers(t, trailing: false);
                    declarator = "*" + q + (q.Length > 0 && declarator.Length > 0 ? " " : "") + declarator;
                }
                    t = t.Target!;
                    continue;
                case CTypeKind.Array:
                    if (declarator.StartsWith('*') || declarator.StartsWith('&')) declarator = "(" + declarator + ")";
                    declarator += t.IsVariable ? "[?]" : t.Length == 0 && t.Size <= 0 ? "[]" : $"[{t.Length}]";
                    t = t.Target!;
                    continue;
                case CTypeKind.Function:
                    if (declarator.StartsWith('*') || declarator.StartsWith('&')) declarator = "(" + declarator + ")";
                    declarator += "()";
                    t = t.Target!;
                    continue;
            }
            break;
        }
        var sb = new StringBuilder();
        sb.Append(Qualifiers(t, trailing: true));
        sb.Append(BaseName(t));
        if (declarator.Length > 0) sb.Append(' ').Append(declarator);
        return sb.ToString();
    }

    private static string Qualifiers(CType t, bool trailing)
    {
        if (!t.IsConst && !t.IsVolatile) return "";
        string q = t.IsConst && t.IsVolatile ? "const volatile" : t.IsConst ? "const" : "volatile";
        return trailing ? q + " " : q;
    }

    private static string BaseName(CType t) => t.Kind switch
    {
        CTypeKind.Struct => "struct " + (t.Name ?? t.Id.ToString()),
        CTypeKind.Union => "union " + (t.Name ?? t.Id.ToString()),
        CTypeKind.Enum => "enum " + (t.Name ?? t.Id.ToString()),
        _ => t.Name ?? "?",
    };
}
