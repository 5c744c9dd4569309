using System.Net;
using System.Net.Sockets;
using Tidegate.Web.Hosting;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;
using Tidegate.Web.Upstreams;

namespace Tidegate.Web.Proxy;

/// <summary>
/// proxy_pass as a location's content handler (ngx_http_proxy_handler with the upstream core):
/// read the client body, build the upstream request, then try peers as the balancer gives them
/// — connect, send, read the response head — moving to the next peer on the failures
/// proxy_next_upstream names, and finally relay the response (or nginx's 502/504, or the
/// location's error_page with proxy_intercept_errors). Every await resumes on the worker.
/// </summary>
public sealed class ProxyHandler : IContentHandler
{
    private readonly UpstreamConfigModule upstreams;

    public ProxyHandler(ProxyTarget target, UpstreamConfigModule upstreams)
    {
        Target = target;
        this.upstreams = upstreams;
    }

    public ProxyTarget Target { get; }
    /// <summary>$proxy_port of the configured upstream (<see cref="Target"/> without variables): worked out once, not per request.</summary>
    private string? fixedUpstreamPort;
    /// <summary>The level whose proxy_pass this is (a nested location's own proxy_pass replaces it).</summary>
    public required LocationSettings Owner { get; init; }

    /// <remarks>
    /// Not an async method itself: the usual request (a configured upstream, a body already read)
    /// goes straight to the exchange's state machine, one level fewer to box and resume per request.
    /// </remarks>
    public ValueTask HandleAsync(RequestContext ctx, RequestPipeline pipeline)
    {
        var state = ProxyRequestState.For(ctx);
        if (!Resolve(ctx, pipeline, state, out var upstream, out string uri, out var name))
            return pipeline.SpecialAsync(ctx, state.Attempts.Count > 0 || upstream is null ? 502 : 500);
        if (name is not null) return HandleNamedAsync(ctx, pipeline, state, name.Value, uri);
        // proxy_request_buffering on: the whole body is read before the upstream is contacted.
        var body = ctx.Channel.ReadBodyAsync();
        if (!body.IsCompletedSuccessfully) return HandleAfterBodyAsync(ctx, pipeline, state, upstream!, uri, body);
        if (!body.Result) return BodyFailedAsync(ctx, pipeline);
        return Exchange(ctx, pipeline, state, upstream!, uri).RunAsync();
    }

    /// <summary>The upstream named in a variable: resolved first, then as usual.</summary>
    private async ValueTask HandleNamedAsync(RequestContext ctx, RequestPipeline pipeline, ProxyRequestState state,
        (string Host, int Port, string Text) name, string uri)
    {
        if (await ResolveNameAsync(ctx, pipeline, state, name.Host, name.Port, name.Text) is not { } upstream)
        {
            await pipeline.SpecialAsync(ctx, 502);
            return;
        }
        await HandleAfterBodyAsync(ctx, pipeline, state, upstream, uri, ctx.Channel.ReadBodyAsync());
    }

    private async ValueTask HandleAfterBodyAsync(RequestContext ctx, RequestPipeline pipeline, ProxyRequestState state,
        UpstreamBlock upstream, string uri, ValueTask<bool> body)
    {
        if (!await body)
        {
            await BodyFailedAsync(ctx, pipeline);
            return;
        }
        await Exchange(ctx, pipeline, state, upstream, uri).RunAsync();
    }

    /// <summary>A body too large or broken: nginx's 413 or 400.</summary>
    private static ValueTask BodyFailedAsync(RequestContext ctx, RequestPipeline pipeline)
    {
        ctx.Response.IsErrorPage = true;
        return pipeline.SpecialAsync(ctx, ctx.BodyTooLarge ? 413 : 400);
    }

    private static ProxyExchange Exchange(RequestContext ctx, RequestPipeline pipeline, ProxyRequestState state, UpstreamBlock upstream, string uri)
    {
        var settings = ctx.Settings.Proxy;
        var request = UpstreamRequestBuilder.Build(ctx, settings, state.ProxyHost, uri);
        return new ProxyExchange(ctx, pipeline, settings, state, upstream, uri, request);
    }

    /// <summary>
    /// The upstream and the URI to request: fixed at configuration time, or (with variables)
    /// from the evaluated URL, naming an upstream block or an IP address.
    /// </summary>
    private bool Resolve(RequestContext ctx, RequestPipeline pipeline, ProxyRequestState state, out UpstreamBlock? upstream, out string uri,
        out (string Host, int Port, string Text)? name)
    {
        upstream = null;
        uri = "";
        name = null;
        if (Target.Url is null)
        {
            upstream = Target.Upstream!;
            state.ProxyHost = Target.ProxyHost;
            state.ProxyPort = fixedUpstreamPort ??= PortOf(upstream);
            uri = ProxyUri.Build(ctx, Target.Uri);
            return true;
        }
        string url = Target.Url.Evaluate(ctx);
        if (!ProxyTarget.TryParse(url, out string hostAndPort, out bool hasPort, out string proxyHost, out string? uriPart, out string? error))
        {
            pipeline.Log(ctx, LogLevel.Error, error == "https" ? $"https proxying is not supported by tidegate yet: \"{url}\"" : $"invalid URL prefix in \"{url}\"");
            upstream = new UpstreamBlock("");
            return false;
        }
        state.ProxyHost = proxyHost;
        uri = uriPart ?? ProxyUri.Build(ctx, null);
        if (!hasPort && upstreams.TryGetBlock(hostAndPort) is { } block)
        {
            upstream = block;
            state.ProxyPort = "80";
            return true;
        }
        UpstreamConfigModule.TrySplit(hostAndPort, out string host, out int port, out _);
        if (hostAndPort.StartsWith("unix:", StringComparison.OrdinalIgnoreCase)
            || Resolver.HostPort.ParseIPv4(host) is not null
            || host.StartsWith('[') && IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            if (UpstreamConfigModule.ForAddress(hostAndPort, out string? failure) is not { } literal)
            {
                // nginx's words, at request time: invalid port in upstream "127.0.0.1:99999" (a 500).
                pipeline.Log(ctx, LogLevel.Error, failure!);
                upstream = new UpstreamBlock("");
                return false;
            }
            upstream = literal;
            state.ProxyPort = PortOf(upstream);
            return true;
        }
        // A name in a variable goes to the location's resolver (nginx's upstream resolve handler).
        name = (host, port, hostAndPort);
        state.ProxyPort = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>The addresses of a name met at request time, through the location's resolver; null (logged as nginx does) when it fails.</summary>
    private static async ValueTask<UpstreamBlock?> ResolveNameAsync(RequestContext ctx, RequestPipeline pipeline, ProxyRequestState state,
        string host, int port, string hostAndPort)
    {
        string? error;
        if (Resolver.DnsResolver.For(ctx.Settings) is not { } resolver) error = $"no resolver defined to resolve {host}";
        else
        {
            var resolution = await resolver.ResolveAsync(host, ctx.Settings.ResolverTimeoutMs, null);
            if (resolution.Ok) return UpstreamConfigModule.ForResolved(hostAndPort, resolution.Addresses, port);
            error = resolution.Describe(host.EndsWith('.') ? host[..^1] : host);
        }
        pipeline.Log(ctx, LogLevel.Error, error);
        state.Attempts.Add(new UpstreamAttempt { Address = hostAndPort, Status = 502 });
        return null;
    }

    private static string PortOf(UpstreamBlock upstream) =>
        upstream.Primary.FirstOrDefault()?.EndPoint is IPEndPoint ip ? ip.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : "80";
}
