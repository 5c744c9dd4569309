namespace Tidegate.Web.Http;

/// <summary>
/// A header filter: runs once per response, just before its head is serialized, and may change
/// the status and headers in <see cref="RequestContext.Response"/> (add_header, more_set_headers,
/// header_filter_by_lua). It must not await: nginx's header filters cannot yield either.
/// </summary>
public interface IHeaderFilter
{
    void Filter(RequestContext ctx);
}

/// <summary>
/// A body filter: sees each piece of the body in order, may replace it, and may end the body
/// early (body_filter_by_lua's ngx.arg[1]/ngx.arg[2], echo_before_body/echo_after_body).
/// </summary>
public interface IBodyFilter
{
    /// <summary>Whether this filter works on <paramref name="ctx"/>'s response at all (its location configures it).</summary>
    bool AppliesTo(RequestContext ctx);

    /// <summary>Filters one piece; <paramref name="last"/> is true for the final one and may be set to end the body here.</summary>
    ReadOnlyMemory<byte> Filter(RequestContext ctx, ReadOnlyMemory<byte> data, ref bool last);
}

/// <summary>
/// The filter chains in the order nginx runs them. nginx builds its chains by pushing each
/// module on top, so the module initialised last runs first; dynamic modules (lua, headers-more,
/// echo in Debian's build) initialise after the static ones, so their filters run before the
/// core's headers filter (add_header). Check a new filter's position against nginx.
/// </summary>
public static class ResponseFilters
{
    private static readonly Echo.EchoBodyFilter EchoFilter = new();

    public static IReadOnlyList<IHeaderFilter> HeaderFilters { get; } = new IHeaderFilter[]
    {
        new HeadersMore.MoreHeadersFilter(),
        new Lua.LuaHeaderFilter(),
        EchoFilter,
        new AddHeaderFilter(),
    };

    public static IReadOnlyList<IBodyFilter> BodyFilters { get; } = new IBodyFilter[]
    {
        new Lua.LuaBodyFilter(),
        EchoFilter,
    };

    public static void RunHeaderFilters(RequestContext ctx)
    {
        if (!ctx.RunsFilters) return;
        foreach (var filter in HeaderFilters) filter.Filter(ctx);
    }

    /// <summary>True when some body filter applies to this response (it then goes out piece by piece).</summary>
    public static bool AnyBodyFilter(RequestContext ctx)
    {
        if (!ctx.RunsFilters) return false;
        foreach (var filter in BodyFilters)
            if (filter.AppliesTo(ctx)) return true;
        return false;
    }
}

/// <summary>The headers module's add_header: only for "successful" statuses unless "always".</summary>
public sealed class AddHeaderFilter : IHeaderFilter
{
    public void Filter(RequestContext ctx)
    {
        // nginx's headers filter leaves subrequests alone (r != r->main).
        if (ctx.IsSubrequest) return;
        int status = ctx.Response.Status;
        bool ok = status is 200 or 201 or 204 or 206 or 301 or 302 or 303 or 304 or 307 or 308;
        foreach (var header in ctx.Settings.AddHeaders)
        {
            if (!ok && !header.Always) continue;
            string value = header.Value.Evaluate(ctx);
            if (value.Length == 0) continue;
            ctx.Response.Headers.Add(new(header.Name, value));
        }
    }
}
