namespace Tidegate.Lua.Cli;

/// <summary>
/// stdout on a terminal or pipe, written with plain write(2) (see <see cref="StandardStreams"/>). When the
/// reader of a pipe has gone (`tidegate-lua script.lua | head -1`) the process ends quietly with
/// status 141, as luajit does when SIGPIPE kills it. .NET's own console stream would instead swallow
/// the failed writes and let the script run on for nothing.
/// </summary>
internal sealed class PipeOutputStream : Stream
{
    private const int BrokenPipeStatus = 128 + 13; // 128 + SIGPIPE, what a shell reports for luajit
    private readonly Stream _inner;

    public PipeOutputStream(Stream inner) => _inner = inner;

    public override void Write(byte[] buffer, int offset, int count) => Write(new ReadOnlySpan<byte>(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _inner.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failed(e);
        }
    }

    public override void Flush()
    {
        try
        {
            _inner.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failed(e);
        }
    }

    /// <summary>
    /// A failed write: a broken pipe ends the run (SIGPIPE's effect); any other failure (a closed or bad
    /// descriptor) loses the output and the script goes on, as C's stdio sets its error flag and goes on.
    /// </summary>
    private static void Failed(Exception e)
    {
        if (e is IOException io && IsBrokenPipe(io)) ReaderGone();
    }

    /// <summary>EPIPE: .NET carries the raw errno (32 on Linux) as the IOException's HResult.</summary>
    private static bool IsBrokenPipe(IOException e) => e.HResult == 32 || e.Message.Contains("Broken pipe", StringComparison.Ordinal);

    private static void ReaderGone() => Environment.Exit(BrokenPipeStatus);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
