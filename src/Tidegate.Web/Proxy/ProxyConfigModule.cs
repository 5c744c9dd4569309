using System.Globalization;
using Tidegate.Web.Config;
using Tidegate.Web.Hosting;
using Tidegate.Web.Upstreams;

namespace Tidegate.Web.Proxy;

/// <summary>
/// ngx_http_proxy_module's configuration: proxy_pass (which makes the location's content
/// handler) and the proxy_* settings, with nginx's messages.
/// </summary>
public sealed class ProxyConfigModule : IConfigModule
{
    private readonly UpstreamConfigModule upstreams;
    private readonly List<(ProxyTarget Target, string HostAndPort, bool HasPort)> pending = new();
    private readonly List<(ProxyHandler Handler, ConfigLevel Level)> handlers = new();

    public ProxyConfigModule(UpstreamConfigModule upstreams) { this.upstreams = upstreams; }

    public bool TryApply(ConfigDirective d, LocationSettings? settings, ConfigLevel level, ConfigCompiler compiler)
    {
        if (!d.Name.StartsWith("proxy_", StringComparison.Ordinal) || settings is null) return false;
        var p = ProxySettings.CopyFor(settings);
        switch (d.Name)
        {
            case "proxy_pass": ApplyPass(d, settings, level); break;
            case "proxy_set_header":
                if (!p.SetsHeaders) { p.SetHeaders = new(); p.SetsHeaders = true; }
                p.SetHeaders.Add((d.Arguments[0], ConfigCompiler.Template(d, 1)));
                break;
            case "proxy_http_version":
                p.HttpVersionMinor = d.Arguments[0] switch
                {
                    "1.0" => 0, "1.1" => 1,
                    _ => throw ConfigException.At($"invalid value \"{d.Arguments[0]}\"", d),
                };
                break;
            case "proxy_connect_timeout": p.ConnectTimeout = ConfigValues.ParseTime(d, 0); break;
            case "proxy_send_timeout": p.SendTimeout = ConfigValues.ParseTime(d, 0); break;
            case "proxy_read_timeout": p.ReadTimeout = ConfigValues.ParseTime(d, 0); break;
            case "proxy_next_upstream_timeout": p.NextUpstreamTimeout = ConfigValues.ParseTime(d, 0); break;
            case "proxy_buffering": p.Buffering = Flag(d); break;
            case "proxy_intercept_errors": p.InterceptErrors = Flag(d); break;
            case "proxy_pass_request_headers": p.PassRequestHeaders = Flag(d); break;
            case "proxy_pass_request_body": p.PassRequestBody = Flag(d); break;
            case "proxy_buffer_size": p.BufferSize = (int)Math.Min(ConfigValues.ParseSize(d, 0), 1 << 30); break;
            case "proxy_buffers":
                if (!int.TryParse(d.Arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count <= 0)
                    throw ConfigException.At("\"proxy_buffers\" directive invalid value", d);
                ConfigValues.ParseSize(d, 1);
                break;
            case "proxy_next_upstream": p.NextUpstream = ParseNextUpstream(d); break;
            case "proxy_next_upstream_tries":
                if (!int.TryParse(d.Arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out int tries))
                    throw ConfigException.At("\"proxy_next_upstream_tries\" directive invalid number", d);
                p.NextUpstreamTries = tries;
                break;
            case "proxy_redirect": ApplyRedirect(d, p); break;
            case "proxy_hide_header":
                if (!p.SetsHide) { p.HideHeaders = new(); p.SetsHide = true; }
                p.HideHeaders.Add(d.Arguments[0]);
                break;
            case "proxy_pass_header":
                if (!p.SetsPass) { p.PassHeaders = new(); p.SetsPass = true; }
                p.PassHeaders.Add(d.Arguments[0]);
                break;
            case "proxy_set_body": p.SetBody = ConfigCompiler.Template(d, 0); break;
            case "proxy_method": p.Method = ConfigCompiler.Template(d, 0); break;
            default: return false;
        }
        return true;
    }

    private static bool Flag(ConfigDirective d)
    {
        string value = d.Arguments[0];
        if (value.Equals("on", StringComparison.OrdinalIgnoreCase)) return true;
        if (value.Equals("off", StringComparison.OrdinalIgnoreCase)) return false;
        throw ConfigException.At($"invalid value \"{value}\" in \"{d.Name}\" directive, it must be \"on\" or \"off\"", d);
    }

    private void ApplyPass(ConfigDirective d, LocationSettings settings, ConfigLevel level)
    {
        if (settings.ContentHandler is ProxyHandler existing && existing.Owner == settings)
            throw ConfigException.At("\"proxy_pass\" directive is duplicate", d);
        string url = d.Arguments[0];
        ProxyTarget target;
        if (url.Contains('$'))
        {
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                && !url.StartsWith('$'))
                throw ConfigException.At("invalid URL prefix", d);
            target = new ProxyTarget { Directive = d, Url = ConfigCompiler.Template(d, 0) };
        }
        else
        {
            if (!ProxyTarget.TryParse(url, out string hostAndPort, out bool hasPort, out string proxyHost, out string? uri, out string? error))
            {
                if (error == "https") throw ConfigException.At("https proxying is not supported by tidegate yet", d);
                if (error == "no host") throw ConfigException.At("no host in upstream \"\"", d);
                throw ConfigException.At("invalid URL prefix", d);
            }
            if (uri is not null && level == ConfigLevel.LocationIf)
                throw ConfigException.At(NoUriHere, d);
            target = new ProxyTarget { Directive = d, ProxyHost = proxyHost, Uri = uri };
            pending.Add((target, hostAndPort, hasPort));
        }
        var handler = new ProxyHandler(target, upstreams) { Owner = settings };
        settings.ContentHandler = handler;
        handlers.Add((handler, level));
    }

    public const string NoUriHere = "\"proxy_pass\" cannot have URI part in location given by regular expression, or inside named location, or inside \"if\" statement, or inside \"limit_except\" block";

    private static NextUpstream ParseNextUpstream(ConfigDirective d)
    {
        var result = NextUpstream.None;
        foreach (var a in d.Arguments)
        {
            result |= a switch
            {
                "error" => NextUpstream.Error, "timeout" => NextUpstream.Timeout, "invalid_header" => NextUpstream.InvalidHeader,
                "http_500" => NextUpstream.Http500, "http_502" => NextUpstream.Http502, "http_503" => NextUpstream.Http503,
                "http_504" => NextUpstream.Http504, "http_403" => NextUpstream.Http403, "http_404" => NextUpstream.Http404,
                "http_429" => NextUpstream.Http429, "non_idempotent" => NextUpstream.NonIdempotent, "off" => NextUpstream.None,
                "updating" => NextUpstream.None,
                _ => throw ConfigException.At($"invalid value \"{a}\"", d),
            };
        }
        // "off" wins wherever it appears (nginx's bitmask gives it the off bit, which clears the rest).
        return d.Arguments.Contains("off") ? NextUpstream.None : result;
    }

    private static void ApplyRedirect(ConfigDirective d, ProxySettings p)
    {
        if (d.Arguments.Count == 1)
        {
            switch (d.Arguments[0])
            {
                case "off": p.RedirectOff = true; p.Redirects = null; return;
                case "default": p.RedirectOff = false; p.Redirects = null; return;
                case "false": p.RedirectOff = true; p.Redirects = null; return;
                default: throw ConfigException.At($"invalid parameter \"{d.Arguments[0]}\"", d);
            }
        }
        throw ConfigException.At("\"proxy_redirect\" with explicit replacements is not supported by tidegate yet", d);
    }

    public void Complete(ServerConfiguration config, ConfigCompiler compiler)
    {
        foreach (var (target, hostAndPort, hasPort) in pending)
            target.Upstream = upstreams.Resolve(hostAndPort, hasPort, target.Directive);
        // A URI part needs a location prefix to replace: regex and named locations have none.
        foreach (var server in config.Servers)
            CheckLocations(server.Root);
        foreach (var server in config.Servers)
            foreach (var named in server.NamedLocations.Values)
                CheckLocation(named);
    }

    private static void CheckLocations(LocationBlock parent)
    {
        foreach (var child in parent.StaticLocations.Concat(parent.RegexLocations))
        {
            CheckLocation(child);
            CheckLocations(child);
        }
    }

    private static void CheckLocation(LocationBlock location)
    {
        if (location.Settings.ContentHandler is not ProxyHandler handler || handler.Owner != location.Settings) return;
        if (handler.Target.Uri is not null && location.Kind is LocationKind.Regex or LocationKind.RegexCaseless or LocationKind.Named)
            throw ConfigException.At(NoUriHere, handler.Target.Directive);
    }
}
