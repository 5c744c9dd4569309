using Microsoft.Win32.SafeHandles;

namespace Tidegate.Lua.Cli;

/// <summary>
/// The process's stdout for scripts: block-buffered when it is a pipe or file (as C's stdio), and when
/// the reader of a pipe has gone (`tidegate-lua script.lua | head -1`) the process ends quietly with
/// status 141, as luajit does when SIGPIPE kills it. .NET's own console stream would instead swallow
/// the failed writes and let the script run on for nothing.
/// </summary>
internal sealed class StandardOutputStream : Stream
{
    private const int BrokenPipeStatus = 128 + 13; // 128 + SIGPIPE, what a shell reports for luajit
    private readonly Stream _inner;

    private StandardOutputStream(Stream inner) => _inner = inner;

    /// <summary>
    /// stdout for a run: unbuffered on a terminal (each print shows at once), buffered otherwise. Only a
    /// pipe (not seekable) is written through a FileStream of its own: on a regular file a FileStream
    /// writes at positions it tracks itself, which would not advance the descriptor's offset that a
    /// shell shares with the next command writing to the same file.
    /// </summary>
    public static Stream Open()
    {
        if (!Console.IsOutputRedirected) return Console.OpenStandardOutput();
        var fd1 = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        if (fd1.CanSeek)
        {
            fd1.Dispose();
            return new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        }
        return new BufferedStream(new StandardOutputStream(fd1), 1 << 16);
    }

    public override void Write(byte[] buffer, int offset, int count) => Guard(() => _inner.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _inner.Write(buffer);
        }
        catch (IOException e) when (IsBrokenPipe(e))
        {
            ReaderGone();
        }
    }

    public override void Flush() => Guard(_inner.Flush);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e) when (IsBrokenPipe(e))
        {
            ReaderGone();
        }
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
