using Tidegate.Web.Hosting;

namespace Tidegate.Web.Proxy;

/// <summary>
/// The proxy_* directives of one level. A child level starts from a copy of its parent's
/// (<see cref="CopyFor"/>); list-valued directives (proxy_set_header, proxy_hide_header,
/// proxy_pass_header) replace the parent's list as a whole when the child sets any, as nginx's
/// merge does.
/// </summary>
public sealed class ProxySettings
{
    /// <summary>The level these settings belong to; a child copies them before its first change.</summary>
    internal LocationSettings? Owner { get; set; }
    internal bool SetsHeaders, SetsHide, SetsPass;

    public List<(string Name, VariableTemplate Value)> SetHeaders { get; set; } = new();
    public int HttpVersionMinor { get; set; }
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public bool Buffering { get; set; } = true;
    /// <summary>proxy_buffer_size: the most an upstream's response head may take.</summary>
    public int BufferSize { get; set; } = 4096;
    public NextUpstream NextUpstream { get; set; } = NextUpstream.Error | NextUpstream.Timeout;
    public int NextUpstreamTries { get; set; }
    public TimeSpan NextUpstreamTimeout { get; set; }
    public bool InterceptErrors { get; set; }
    /// <summary>proxy_redirect: off, default, or explicit replacements.</summary>
    public bool RedirectOff { get; set; }
    public List<(VariableTemplate From, VariableTemplate To)>? Redirects { get; set; }
    public List<string> HideHeaders { get; set; } = new();
    public List<string> PassHeaders { get; set; } = new();
    public bool PassRequestHeaders { get; set; } = true;
    public bool PassRequestBody { get; set; } = true;
    public VariableTemplate? SetBody { get; set; }
    public VariableTemplate? Method { get; set; }

    /// <summary>These settings, or a copy owned by <paramref name="level"/> if they are still the parent's.</summary>
    /// <summary>
    /// A request's own copy with other upstream timeouts (ngx.balancer.set_timeouts: ngx_lua clones
    /// the request's upstream settings the same way); null keeps a value.
    /// </summary>
    public ProxySettings WithTimeouts(TimeSpan? connect, TimeSpan? send, TimeSpan? read)
    {
        var copy = (ProxySettings)MemberwiseClone();
        copy.ConnectTimeout = connect ?? ConnectTimeout;
        copy.SendTimeout = send ?? SendTimeout;
        copy.ReadTimeout = read ?? ReadTimeout;
        return copy;
    }

    public static ProxySettings CopyFor(LocationSettings level)
    {
        var current = level.Proxy;
        if (current.Owner == level) return current;
        var copy = (ProxySettings)current.MemberwiseClone();
        copy.Owner = level;
        copy.SetsHeaders = copy.SetsHide = copy.SetsPass = false;
        level.Proxy = copy;
        return copy;
    }
}

/// <summary>proxy_next_upstream's conditions.</summary>
[Flags]
public enum NextUpstream
{
    None = 0,
    Error = 1, Timeout = 2, InvalidHeader = 4, Http500 = 8, Http502 = 16, Http503 = 32, Http504 = 64,
    Http403 = 128, Http404 = 256, Http429 = 512, NonIdempotent = 1024,
}
