using Tidegate.Web.Hosting;

namespace Tidegate.Web.Http;

/// <summary>Content-Type from the URI's extension via <c>types</c>, else <c>default_type</c> (nginx's ngx_http_set_content_type).</summary>
public static class ContentTypes
{
    /// <summary>nginx's built-in types when no <c>types</c> block is configured.</summary>
    private static readonly Dictionary<string, string> builtIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["html"] = "text/html", ["gif"] = "image/gif", ["jpg"] = "image/jpeg",
    };

    public static string For(string uri, LocationSettings settings)
    {
        int slash = uri.LastIndexOf('/');
        int dot = uri.LastIndexOf('.');
        if (dot > slash && dot < uri.Length - 1)
        {
            string extension = uri[(dot + 1)..];
            var types = settings.Types ?? builtIn;
            if (types.TryGetValue(extension, out var type)) return type;
        }
        return settings.DefaultType;
    }
}
