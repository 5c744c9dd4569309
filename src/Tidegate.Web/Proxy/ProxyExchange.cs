using System.Runtime.CompilerServices;
using Tidegate.Web.Http;
using Tidegate.Web.Logging;
using Tidegate.Web.Lua.Balancer;
using Tidegate.Web.Runtime;
using Tidegate.Web.Upstreams;

namespace Tidegate.Web.Proxy;

/// <summary>
/// One proxied request against its upstream: the attempt loop of ngx_http_upstream_connect /
/// _next (peer choice, failure accounting, proxy_next_upstream and its tries, retrying a pooled
/// connection the upstream had closed) and, once a response head is taken, its relay to the client.
/// </summary>
public sealed class ProxyExchange : IClientCloseListener
{
    private readonly RequestContext ctx;
    private readonly RequestPipeline pipeline;
    /// <summary>The location's proxy settings, or the request's copy once balancer_by_lua set timeouts.</summary>
    private ProxySettings settings;
    private readonly ProxyRequestState state;
    private readonly UpstreamBlock upstream;
    private readonly string uri;
    /// <summary>The request's bytes, in an array rented from the shared pool: given back when the exchange ends.</summary>
    private ArraySegment<byte> request;
    /// <summary>The upstream (peer or block name) the attempt under way talks to, for the log's "upstream:" field.</summary>
    private string? upstreamName;
    /// <summary>"http://peer/uri" as nginx logs it: made only when a line is logged, not per request.</summary>
    private string? UpstreamUrl => upstreamName is null ? null
        : "http://" + upstreamName + (namedPeer && upstreamName.StartsWith("unix:", StringComparison.Ordinal) ? ":" : "") + uri;
    /// <summary>Whether <see cref="upstreamName"/> is a peer's address (a unix socket's then ends with ':'), not the block's name.</summary>
    private bool namedPeer;
    /// <summary>Whether the attempt under way uses a peer balancer_by_lua set.</summary>
    private bool luaPeer;

    public ProxyExchange(RequestContext ctx, RequestPipeline pipeline, ProxySettings settings, ProxyRequestState state,
        UpstreamBlock upstream, string uri, ArraySegment<byte> request)
    {
        this.ctx = ctx;
        this.pipeline = pipeline;
        this.settings = settings;
        locationSettings = settings;
        this.state = state;
        this.upstream = upstream;
        this.uri = uri;
        this.request = request;
    }

    /// <summary>The location's proxy settings, which the request is built from (timeouts set by balancer_by_lua do not matter there).</summary>
    private readonly ProxySettings locationSettings;


    /// <summary>A line in the request's error log with the upstream's URL in its tail.</summary>
    internal void Log(LogLevel level, string message) =>
        pipeline.Log(ctx, level, message, ctx.LogContext with { Upstream = UpstreamUrl });

    private bool NonIdempotent => ctx.Request.Method is "POST" or "LOCK" or "PATCH";

    [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
    public async ValueTask RunAsync()
    {
        try
        {
            var peers = UpstreamPeers.For(upstream);
            string? hashKey = upstream.HashKey?.Evaluate(ctx);
            // The client's address bytes only for ip_hash, the one balancer that reads them.
            byte[]? client = upstream.Balancer == BalancerKind.IpHash && ctx.Connection.Remote is System.Net.IPEndPoint ip
                ? (ip.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? ip.Address.GetAddressBytes()[..3] : ip.Address.GetAddressBytes())
                : null;
            var selection = new PeerSelection(peers, hashKey, client, settings.NextUpstreamTries);
            long started = Environment.TickCount64;
            var lua = upstream.BalancerLua is null ? null : new BalancerCall();
            while (true)
            {
                // balancer_by_lua runs before every attempt; a peer it sets replaces the upstream's choice.
                UpstreamPeer? peer = null;
                if (lua is not null)
                {
                    lua.LogContext = ctx.LogContext with { Upstream = UpstreamUrl };
                    if (!lua.Run(ctx, upstream.BalancerLua!))
                    {
                        await FinishWithStatusAsync(500);
                        return;
                    }
                    selection.Tries += lua.TakeMoreTries();
                    if (lua.TimeoutsChanged)
                    {
                        settings = settings.WithTimeouts(lua.ConnectTimeout, lua.SendTimeout, lua.ReadTimeout);
                        lua.TimeoutsChanged = false;
                    }
                    if (lua.RecreateRequest)
                    {
                        // ngx.balancer.recreate_request: built again from the request as Lua has changed it.
                        ReturnRequest();
                        request = UpstreamRequestBuilder.Build(ctx, locationSettings, state.ProxyHost, uri);
                        lua.RecreateRequest = false;
                    }
                    if (lua.Peer is { } chosen) peer = new UpstreamPeer(chosen);
                }
                luaPeer = peer is not null;
                peer ??= selection.Pick();
                if (peer is null)
                {
                    upstreamName = upstream.Name;
                    namedPeer = false;
                    Log(LogLevel.Error, "no live upstreams while connecting to upstream");
                    state.Attempts.Add(new UpstreamAttempt { Address = upstream.Name, Status = 502 });
                    await FinishWithStatusAsync(502);
                    return;
                }
                upstreamName = peer.Address.Name;
                namedPeer = true;
                var attempt = new UpstreamAttempt { Address = peer.Address.Name };
                state.Attempts.Add(attempt);
                UpstreamConnection? connection = null;
                bool requestSent = false;
                string stage = "connecting to upstream";
                UpstreamResponseHead head;
                // Connect, send and read the head in this one state machine: each level of async method
                // between the upstream's read and this loop was one more box and continuation per request.
                try
                {
                    connection = peers.Pool.Take(peer.Address);
                    if (connection is null)
                    {
                        var connecting = UpstreamConnection.ConnectAsync(peer.Address, settings.ConnectTimeout);
                        if (!connecting.IsCompleted && ctx.Channel.ClientGone is { } gone)
                        {
                            var connect = connecting.AsTask();
                            if (await Task.WhenAny(connect, gone) == gone)
                            {
                                ClientLeftWhileConnecting(gone.Result, connect, attempt);
                                return;
                            }
                            connection = await connect;
                        }
                        else connection = await connecting;
                    }
                    attempt.ConnectTime = attempt.Elapsed;
                    requestSent = true;
                    // nginx's action stays "sending request" until the upstream's first bytes arrive.
                    stage = "sending request to upstream";
                    WatchClient(connection);
                    await connection.SendAsync(request, settings.SendTimeout);
                    connection.Requests++;
                    head = new UpstreamResponseHead(connection.LastHead);
                    while (!head.TryRead(connection, settings.BufferSize))
                        if (await connection.FillAsync(settings.ReadTimeout, UpstreamResponseHead.WhileReading) == 0)
                            throw UpstreamResponseHead.PrematureClose();
                    connection.LastHead = head;
                    attempt.HeaderTime = attempt.Elapsed;
                    watched = null;
                }
                catch (Exception) when (clientLeft is { } close)
                {
                    watched = null;
                    ClientLeft(close, connection, stage, attempt);
                    return;
                }
                catch (UpstreamException e)
                {
                    watched = null;
                    bool cached = connection?.Reused == true;
                    connection?.Dispose();
                    Log(LogLevel.Error, e.Message);
                    int status = e.Failure == UpstreamFailure.Timeout ? 504 : 502;
                    attempt.Status = status;
                    attempt.ResponseTime = attempt.Elapsed;
                    var condition = e.Failure switch
                    {
                        UpstreamFailure.Timeout => NextUpstream.Timeout,
                        UpstreamFailure.InvalidHeader => NextUpstream.InvalidHeader,
                        _ => NextUpstream.Error,
                    };
                    // nginx's lines carry the action under way ("while connecting to upstream").
                    int at = e.Message.IndexOf(" while ", StringComparison.Ordinal);
                    string action = at < 0 ? "" : e.Message[at..];
                    Release(selection, lua, failed: true, status, (level, message) => Log(level, message + action));
                    // A pooled connection the upstream had closed does not count as a try (nginx: "inform balancer instead").
                    if (cached && e.Failure == UpstreamFailure.Error) selection.Tries++;
                    if (!MayTryNext(selection, condition, requestSent, started))
                    {
                        await FinishWithStatusAsync(status);
                        return;
                    }
                    continue;
                }

                if (head.IsHttp09) Log(LogLevel.Error, "upstream sent no valid HTTP/1.0 header while reading response header from upstream");
                state.Response = head;
                attempt.Status = head.Status;
                if (NextForStatus(head.Status) is { } statusCondition && selection.Tries > 1
                    && MayTryNext(selection, statusCondition, requestSent, started, checkTries: false))
                {
                    connection.Dispose();
                    attempt.ResponseTime = attempt.Elapsed;
                    Release(selection, lua, failed: head.Status is not (403 or 404), head.Status, (level, message) => Log(level, message + " while reading response header from upstream"), next: true);
                    state.Response = null;
                    continue;
                }
                Release(selection, lua, failed: false, head.Status, log: null);
                if (head.Status >= 300 && settings.InterceptErrors && ctx.Settings.ErrorPages.ContainsKey(head.Status))
                {
                    connection.Dispose();
                    attempt.ResponseTime = attempt.Elapsed;
                    await pipeline.SpecialAsync(ctx, head.Status);
                    return;
                }
                var relay = new ProxyResponseRelay(ctx, settings, head, connection, attempt, this);
                bool reusable = await relay.RunAsync();
                if (reusable) peers.Pool.Give(connection);
                else connection.Dispose();
                return;
            }
    
        }
        finally
        {
            ReturnRequest();
        }
    }

    private void ReturnRequest()
    {
        if (request.Array is { Length: > 0 } rented) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        request = default;
    }

    /// <summary>The connection whose send or head read the client closing interrupts; null outside those waits.</summary>
    private UpstreamConnection? watched;
    /// <summary>How the client went, once its close interrupted the exchange.</summary>
    private ClientClose? clientLeft;
    /// <summary>The client's close as the channel reported it (it may come while no wait is under way).</summary>
    private ClientClose? clientClosed;
    private bool watchingClient;

    /// <summary>
    /// Makes the client's close (nginx's ngx_http_upstream_check_broken_connection, while the request
    /// is sent and the head awaited) interrupt <paramref name="connection"/>'s wait: the connection is
    /// closed, which fails that wait, and the exchange sees <see cref="clientLeft"/>. One watch on the
    /// channel for the whole exchange (a callback, no task), instead of one around each attempt.
    /// </summary>
    private void WatchClient(UpstreamConnection connection)
    {
        watched = connection;
        if (clientClosed is not null) InterruptWatched();
        else if (!watchingClient)
        {
            watchingClient = true;
            ctx.Channel.WatchClientClose(this);
        }
    }

    /// <summary>The channel's report (on the worker): acted on now if a wait is under way, else at the next one.</summary>
    void IClientCloseListener.ClientClosed(ClientClose close)
    {
        clientClosed = close;
        InterruptWatched();
    }

    private void InterruptWatched()
    {
        if (watched is not { } connection || clientClosed is not { } close) return;
        clientLeft = close;
        watched = null;
        connection.Dispose();
    }

    /// <summary>
    /// The client closed its connection while the upstream was being asked (nginx's
    /// ngx_http_upstream_check_broken_connection, proxy_ignore_client_abort off): the upstream
    /// connection is closed too and the request ends with 499, nothing sent.
    /// </summary>
    private void ClientLeft(ClientClose close, UpstreamConnection? connection, string action, UpstreamAttempt attempt)
    {
        connection?.Dispose();
        Log(LogLevel.Info, close.Describe("epoll_wait() reported that client prematurely closed connection, so upstream connection is closed too") + " while " + action);
        attempt.ResponseTime = attempt.Elapsed;
        ctx.Response.Status = 499;
        ctx.Response.CloseWithoutResponse = true;
        ctx.Channel.Abandon();
    }

    /// <summary>The client left while a connect was under way: that connect, when it ends, is closed and its failure dropped.</summary>
    private void ClientLeftWhileConnecting(ClientClose close, Task<UpstreamConnection> connect, UpstreamAttempt attempt)
    {
        _ = connect.ContinueWith(static done =>
        {
            if (done.IsCompletedSuccessfully) done.Result.Dispose();
            else _ = done.Exception;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        ClientLeft(close, null, "connecting to upstream", attempt);
    }

    /// <summary>
    /// Ends an attempt: a peer balancer_by_lua set only uses up a try and is remembered for
    /// get_last_failure (ngx_lua keeps no failure accounting for it); others go back to the upstream's balancer.
    /// </summary>
    private void Release(PeerSelection selection, BalancerCall? lua, bool failed, int status, ErrorLogger? log, bool next = false)
    {
        if (lua is not null)
        {
            lua.LastState = next ? "next" : failed ? "failed" : null;
            lua.LastStatus = status;
        }
        if (!luaPeer)
        {
            selection.Free(failed, log);
            return;
        }
        if (selection.Tries > 0) selection.Tries--;
    }

    /// <summary>proxy_next_upstream for a status the upstream answered with.</summary>
    private NextUpstream? NextForStatus(int status)
    {
        var condition = status switch
        {
            500 => NextUpstream.Http500, 502 => NextUpstream.Http502, 503 => NextUpstream.Http503, 504 => NextUpstream.Http504,
            403 => NextUpstream.Http403, 404 => NextUpstream.Http404, 429 => NextUpstream.Http429, _ => NextUpstream.None,
        };
        return condition == NextUpstream.None ? null : condition;
    }

    /// <summary>
    /// Whether another peer may be tried after <paramref name="condition"/>: tries left, the
    /// condition listed in proxy_next_upstream (plus non_idempotent for a POST, LOCK or PATCH
    /// already sent), and proxy_next_upstream_timeout not passed.
    /// </summary>
    private bool MayTryNext(PeerSelection selection, NextUpstream condition, bool requestSent, long started, bool checkTries = true)
    {
        if (requestSent && NonIdempotent) condition |= NextUpstream.NonIdempotent;
        if (checkTries && selection.Tries == 0) return false;
        if ((settings.NextUpstream & condition) != condition) return false;
        if (settings.NextUpstreamTimeout > TimeSpan.Zero && Environment.TickCount64 - started >= settings.NextUpstreamTimeout.TotalMilliseconds) return false;
        return true;
    }

    /// <summary>nginx's answer when the upstream gave none: its 502/504 page (or the location's error_page).</summary>
    private async ValueTask FinishWithStatusAsync(int status) => await pipeline.SpecialAsync(ctx, status);
}
