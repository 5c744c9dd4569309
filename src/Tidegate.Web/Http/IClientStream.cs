namespace Tidegate.Web.Http;

/// <summary>
/// The client connection's bytes for ngx.req.socket, next to <see cref="IRequestChannel"/>: the
/// request body read piece by piece by a handler (body mode), or the whole connection taken over
/// (raw mode). Reads return 0 at the end (of the body, or of the connection) and throw
/// OperationCanceledException when the timeout passes; awaits resume on the request's worker.
/// </summary>
public interface IClientStream
{
    /// <summary>
    /// Claims the request body (Content-Length) for a reader of its own: the body counts as read,
    /// none is kept, and whatever the reader leaves is dropped after the request.
    /// </summary>
    void ClaimBody();

    /// <summary>Body bytes the claimed reader has not taken yet.</summary>
    long BodyLeft { get; }

    /// <summary>Reads at most <c>into.Length</c> bytes of the claimed body (0 at its end or when the client closed).</summary>
    ValueTask<int> ReadBodyAsync(Memory<byte> into, TimeSpan timeout);

    /// <summary>
    /// Takes the connection over: a response head not written yet and every later response write
    /// are dropped, and the connection closes after the request (nginx's raw request socket).
    /// </summary>
    void TakeOver();

    /// <summary>Reads the connection's next bytes (pipelined input first); 0 when the client closed.</summary>
    ValueTask<int> ReadRawAsync(Memory<byte> into, TimeSpan timeout);

    /// <summary>Writes bytes to the client as they are (no framing).</summary>
    ValueTask WriteRawAsync(ReadOnlyMemory<byte> data, TimeSpan timeout);
}
