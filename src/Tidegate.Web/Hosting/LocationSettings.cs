using Tidegate.Web.Logging;

namespace Tidegate.Web.Hosting;

/// <summary>
/// The per-location settings of ngx_http_core_module and friends. A child level starts as a
/// copy of its parent (<see cref="InheritFrom"/>) and overrides what it sets; list-valued
/// directives (add_header, error_page, access_log, index) replace the parent's list wholesale
/// when the child has any, exactly as nginx's merge functions do.
/// </summary>
public sealed partial class LocationSettings
{
    public string Root { get; set; } = "html";
    /// <summary>Set when the location uses alias instead of root.</summary>
    public string? Alias { get; set; }
    public List<string> Index { get; set; } = new() { "index.html" };
    public string DefaultType { get; set; } = "text/plain";
    public Dictionary<string, string>? Types { get; set; }
    public List<HeaderToAdd> AddHeaders { get; set; } = new();
    public Dictionary<int, ErrorPageTarget> ErrorPages { get; set; } = new();
    public List<AccessLogTarget> AccessLogs { get; set; } = new();
    public bool AccessLogOff { get; set; }
    public TimeSpan KeepaliveTimeout { get; set; } = TimeSpan.FromSeconds(75);
    public int? KeepaliveHeaderTimeoutSeconds { get; set; }
    public int KeepaliveRequests { get; set; } = 1000;
    public ServerTokens ServerTokens { get; set; } = ServerTokens.On;
    public long ClientMaxBodySize { get; set; } = 1024 * 1024;
    public bool Internal { get; set; }
    public bool Etag { get; set; } = true;
    public IfModifiedSince IfModifiedSince { get; set; } = IfModifiedSince.Exact;
    public bool LogNotFound { get; set; } = true;
    public bool PortInRedirect { get; set; } = true;
    public bool AbsoluteRedirect { get; set; } = true;
    /// <summary>This level's own rewrite-module steps (never inherited).</summary>
    public List<RewriteStep> Rewrites { get; set; } = new();
    /// <summary>try_files: the candidates, then the fallback URI, @name or =code.</summary>
    public List<VariableTemplate>? TryFiles { get; set; }
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan ClientBodyTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public List<ErrorLogTarget>? ErrorLogs { get; set; }
    /// <summary>
    /// What makes the response when no core directive did (proxy_pass, content_by_lua, echo):
    /// set by that module for its own location, not inherited by nested locations.
    /// </summary>
    public IContentHandler? ContentHandler { get; set; }

    // Flags recording which list-valued directives this level set itself (for merging).
    internal bool SetsAddHeaders, SetsErrorPages, SetsAccessLogs, SetsIndex, SetsErrorLogs;

    public LocationSettings InheritFrom()
    {
        var child = (LocationSettings)MemberwiseClone();
        child.Alias = null;
        child.Internal = false;
        child.Rewrites = new List<RewriteStep>();
        child.TryFiles = null;
        child.ContentHandler = null;
        child.SetsAddHeaders = child.SetsErrorPages = child.SetsAccessLogs = child.SetsIndex = child.SetsErrorLogs = false;
        return child;
    }
}

public enum ServerTokens { On, Off, Build }
public enum IfModifiedSince { Off, Exact, Before }

/// <summary>An add_header: name, value template, and whether it applies to every status (always).</summary>
public sealed record HeaderToAdd(string Name, VariableTemplate Value, bool Always);

/// <summary>An error_page target: a URI (or @name or URL) and the status override ("=" / "=code").</summary>
public sealed record ErrorPageTarget(VariableTemplate Uri, int? OverrideStatus, bool UseTargetStatus);


public sealed record AccessLogTarget(string Path, LogFormat Format);
