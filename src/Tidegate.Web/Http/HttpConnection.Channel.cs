using System.Buffers;
using System.Buffers.Text;
using System.Numerics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Http;

public sealed partial class HttpConnection
{
    /// <summary>
    /// One request's view of this connection (<see cref="IRequestChannel"/>): the body read on
    /// demand, and the response streamed. The head is held back until the first body bytes or
    /// the end, so a small streamed response still leaves in one write.
    /// </summary>
    private sealed class RequestChannel : IRequestChannel, IClientStream, IPeerCloseListener
    {
        private readonly HttpConnection owner;
        private readonly RequestContext ctx;
        private readonly CancellationToken stopping;
        private bool? bodyResult;
        // The head waiting to go out with the first body bytes: a buffer rented from the pool, given back once copied.
        private byte[]? pendingHead;
        private int pendingHeadLength;
        private bool chunked, noBody, filtered;

        public RequestChannel(HttpConnection owner, RequestContext ctx, CancellationToken stopping)
        {
            this.owner = owner;
            this.ctx = ctx;
            this.stopping = stopping;
        }

        /// <summary>
        /// Whether the connection's next request may reuse this channel (with its context): nothing started
        /// for this request may still look at it. A client-close watch may outlive its request (until the
        /// client sends again) but checks <see cref="Generation"/>, so a reused channel is not its concern.
        /// </summary>
        public bool MayRecycle => pendingHead is null && !Abandoned && !tookOver;

        /// <summary>Counts the requests this channel served: a client-close watch reports only for the one it was started for.</summary>
        public int Generation { get; private set; }

        /// <summary>Back to a new channel's state, for the connection's next request (same context object, recycled).</summary>
        public void Recycle()
        {
            bodyResult = null;
            pendingHead = null;
            pendingHeadLength = 0;
            chunked = noBody = filtered = false;
            HeadersSent = Finished = WireStarted = Abandoned = Over = KeepAlive = false;
            clientGone = null;
            closeListener = null;
            Generation++;
            claimedBodyLeft = -1;
            tookOver = false;
        }

        public bool BodyRead => bodyResult is not null;
        public bool HeadersSent { get; private set; }
        public bool Finished { get; private set; }
        /// <summary>True once any response byte was written to the socket (a head held back is not).</summary>
        public bool WireStarted { get; private set; }
        /// <summary>The response was given up (<see cref="Abandon"/>): the connection closes as it is.</summary>
        public bool Abandoned { get; private set; }
        /// <summary>The request was handled: the client-close watches stop.</summary>
        public bool Over
        {
            get => over;
            set
            {
                over = value;
                if (value && closeListener is not null)
                {
                    closeListener = null;
                    owner.connection.StopWatchingClose();
                }
            }
        }
        private bool over;
        private Task<ClientClose>? clientGone;

        public Task<ClientClose>? ClientGone => clientGone ??= owner.WatchClientAsync(this);

        /// <summary>Who hears of the client's close through the connection's own watch (<see cref="WatchClientClose"/>).</summary>
        private IClientCloseListener? closeListener;

        public void WatchClientClose(IClientCloseListener listener)
        {
            if (Over) return;
            closeListener = listener;
            if (owner.connection.WatchClose(this)) return;
            closeListener = null;
            ClientCloseThroughTask.Watch(ClientGone, listener);
        }

        void IPeerCloseListener.PeerClosed(PeerState state)
        {
            if (closeListener is not { } listener || Over) return;
            closeListener = null;
            listener.ClientClosed(state == PeerState.Reset ? ClientClose.ConnectionReset : ClientClose.Eof);
        }

        public void Abandon()
        {
            if (pendingHead is not null) ArrayPool<byte>.Shared.Return(pendingHead);
            pendingHead = null;
            pendingHeadLength = 0;
            Finished = true;
            Abandoned = true;
        }
        /// <summary>The keepalive decision announced in the head ("Connection: keep-alive").</summary>
        public bool KeepAlive { get; private set; }

        public async ValueTask<bool> ReadBodyAsync()
        {
            if (bodyResult is bool known) return known;
            // Once the final response went out, a 100 Continue would be out of order: just drain.
            bool ok = await owner.ReadBodyAsync(ctx, stopping, mayContinue: !HeadersSent);
            bodyResult = ok;
            return ok;
        }

        /// <summary>
        /// Reads what is left of the body after the response, to drop it (unless a handler read it
        /// already): no size limit applies, as nginx's discard filter sets none.
        /// </summary>
        public async ValueTask<bool> DiscardBodyAsync()
        {
            if (claimedBodyLeft > 0 && !tookOver) return await DrainClaimedBodyAsync();
            if (bodyResult is bool known) return known;
            bool ok = await owner.ReadBodyAsync(ctx, stopping, mayContinue: !HeadersSent, discarding: true);
            bodyResult = ok;
            return ok;
        }

        // ---- IClientStream (ngx.req.socket) ----

        /// <summary>Body bytes a claimed reader has not taken (-1: the body is not claimed).</summary>
        private long claimedBodyLeft = -1;
        private bool tookOver;

        public void ClaimBody()
        {
            claimedBodyLeft = ctx.Request.ContentLength ?? 0;
            bodyResult = true;
        }

        public long BodyLeft => Math.Max(0, claimedBodyLeft);

        public async ValueTask<int> ReadBodyAsync(Memory<byte> into, TimeSpan timeout)
        {
            if (claimedBodyLeft <= 0 || into.Length == 0) return 0;
            int n = await ReadRawAsync(into[..(int)Math.Min(into.Length, claimedBodyLeft)], timeout);
            claimedBodyLeft -= n;
            ctx.RequestLength += n;
            return n;
        }

        /// <summary>
        /// The part of a claimed body its reader left, read and dropped so the next keepalive
        /// request starts in place; a connection that closes anyway does not wait for it.
        /// </summary>
        private async ValueTask<bool> DrainClaimedBodyAsync()
        {
            if (!ctx.Request.KeepAlive) return false;
            var scratch = new byte[8192];
            try
            {
                while (claimedBodyLeft > 0)
                    if (await ReadBodyAsync(scratch, ctx.Settings.ClientBodyTimeout) == 0) return false;
            }
            catch (OperationCanceledException) { return false; }
            return true;
        }

        public void TakeOver()
        {
            tookOver = true;
            pendingHead = null;
            HeadersSent = true;
            Finished = true;
            KeepAlive = false;
            bodyResult ??= true;
        }

        public async ValueTask<int> ReadRawAsync(Memory<byte> into, TimeSpan timeout)
        {
            if (owner.start == owner.end && await owner.ReadMoreAsync(timeout, stopping, owner.buffer.Length) <= 0) return 0;
            int take = Math.Min(into.Length, owner.end - owner.start);
            owner.buffer.AsSpan(owner.start, take).CopyTo(into.Span);
            owner.start += take;
            return take;
        }

        public ValueTask WriteRawAsync(ReadOnlyMemory<byte> data, TimeSpan timeout) =>
            owner.connection.WriteAsync(data, owner.writeTimer.Arm(timeout));

        public ValueTask SendHeadersAsync()
        {
            if (HeadersSent) return ValueTask.CompletedTask;
            PrepareHead(owner.DecideKeepAlive(ctx, bodyResult ?? true, stopping));
            return ValueTask.CompletedTask;
        }

        private void PrepareHead(bool keepAlive)
        {
            var response = ctx.Response;
            ResponseFilters.RunHeaderFilters(ctx);
            filtered = ResponseFilters.AnyBodyFilter(ctx);
            var request = ctx.Request;
            noBody = request.Method == "HEAD" || response.Status is 204 or 304 || response.Status < 200;
            if (response.Http09) keepAlive = false;
            else if (!noBody && response.ContentLength is null && !request.IsHttp09)
            {
                // HTTP/1.1 frames an open-ended body in chunks; HTTP/1.0 ends it by closing.
                if (request.VersionMajor == 1 && request.VersionMinor >= 1) chunked = true;
                else keepAlive = false;
            }
            KeepAlive = keepAlive;
            var head = new ResponseHeadWriter(512);
            WriteHead(ctx, keepAlive, chunked, ref head);
            (pendingHead, pendingHeadLength) = head.Detach();
            HeadersSent = true;
            response.BytesSent += pendingHeadLength;
        }

        [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
        public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool flush = false)
        {
            if (Finished) return;
            if (!HeadersSent) await SendHeadersAsync();
            if (filtered)
            {
                bool last = false;
                data = RunBodyFilters(data, ref last);
                if (last)
                {
                    await SendPieceAsync(data, end: true);
                    Finished = true;
                    return;
                }
            }
            if (data.Length == 0 && !flush) return;
            await SendPieceAsync(data, end: false);
        }

        [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
        public async ValueTask FinishAsync()
        {
            if (Finished) return;
            if (!HeadersSent) await SendHeadersAsync();
            ReadOnlyMemory<byte> tail = default;
            if (filtered)
            {
                bool last = true;
                tail = RunBodyFilters(tail, ref last);
            }
            await SendPieceAsync(tail, end: true);
            Finished = true;
        }

        [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
        public async ValueTask FinishAsync(ReadOnlyMemory<byte> last)
        {
            if (Finished) return;
            if (!HeadersSent) await SendHeadersAsync();
            if (filtered)
            {
                // Body filters may hold on to what they are given: they get a copy, piece by piece as before.
                if (last.Length > 0) await WriteAsync(last.ToArray(), flush: true);
                await FinishAsync();
                return;
            }
            // The head (when still held back), the last chunk and the end of the body in one write.
            await SendPieceAsync(last, end: true);
            Finished = true;
        }

        /// <summary>
        /// Sends an already built whole response (status, headers, Body or FileBody) through the
        /// streaming path, so body filters see it.
        /// </summary>
        public async ValueTask SendWholeResponseAsync(bool keepAlive)
        {
            var response = ctx.Response;
            PrepareHead(keepAlive);
            if (response.Body is { } body) await WriteAsync(body);
            else if (response.FileBody is { } file)
            {
                using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, useAsync: false);
                stream.Position = file.Offset;
                long remaining = file.Length;
                byte[] piece = ArrayPool<byte>.Shared.Rent(64 * 1024);
                try
                {
                    while (remaining > 0 && !Finished)
                    {
                        int n = stream.Read(piece, 0, (int)Math.Min(piece.Length, remaining));
                        if (n <= 0) break;
                        await WriteAsync(piece.AsMemory(0, n));
                        remaining -= n;
                    }
                }
                finally { ArrayPool<byte>.Shared.Return(piece); }
            }
            await FinishAsync();
        }

        private ReadOnlyMemory<byte> RunBodyFilters(ReadOnlyMemory<byte> data, ref bool last)
        {
            foreach (var filter in ResponseFilters.BodyFilters)
            {
                if (!filter.AppliesTo(ctx)) continue;
                data = filter.Filter(ctx, data, ref last);
            }
            return data;
        }

        /// <summary>Writes one piece of body (framed as a chunk when chunked), with the held-back head in front.</summary>
        [AsyncMethodBuilder(typeof(WorkerTaskBuilder))]
        private async ValueTask SendPieceAsync(ReadOnlyMemory<byte> data, bool end)
        {
            if (noBody) data = default;
            int frameExtra = 0;
            int sizeDigits = 0;
            if (chunked && !noBody)
            {
                if (data.Length > 0)
                {
                    // "<size in hex>\r\n" before the data and "\r\n" after it.
                    sizeDigits = (32 - BitOperations.LeadingZeroCount((uint)data.Length) + 3) / 4;
                    frameExtra = sizeDigits + 4;
                }
                if (end) frameExtra += 5;
            }
            int headLength = pendingHeadLength;
            int total = headLength + frameExtra + data.Length;
            if (total == 0) return;
            byte[] output = ArrayPool<byte>.Shared.Rent(total);
            try
            {
                int at = 0;
                if (pendingHead is not null)
                {
                    pendingHead.AsSpan(0, pendingHeadLength).CopyTo(output);
                    at = pendingHeadLength;
                    ArrayPool<byte>.Shared.Return(pendingHead);
                    pendingHead = null;
                    pendingHeadLength = 0;
                }
                if (sizeDigits > 0)
                {
                    Utf8Formatter.TryFormat(data.Length, output.AsSpan(at), out int written, new StandardFormat('x'));
                    at += written;
                    output[at++] = (byte)'\r';
                    output[at++] = (byte)'\n';
                }
                data.Span.CopyTo(output.AsSpan(at));
                at += data.Length;
                if (sizeDigits > 0) { output[at++] = (byte)'\r'; output[at++] = (byte)'\n'; }
                if (chunked && !noBody && end)
                {
                    "0\r\n\r\n"u8.CopyTo(output.AsSpan(at));
                    at += 5;
                }
                WireStarted = true;
                await owner.connection.WriteAsync(output.AsMemory(0, at), owner.writeTimer.Arm(ctx.Settings.SendTimeout));
                // As nginx's $body_bytes_sent: everything after the head, chunk framing included.
                ctx.Response.BodyBytesSent += at - headLength;
                ctx.Response.BytesSent += at - headLength;
            }
            finally { ArrayPool<byte>.Shared.Return(output); }
        }
    }
}
