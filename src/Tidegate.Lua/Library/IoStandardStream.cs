using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// io.stdin/stdout/stderr's stream: forwards every operation to the state's current standard stream, so
/// an embedder that redirects <see cref="LuaState.StandardOutput"/> after the io library is open still
/// gets io.write's output in the same place, and in the same order, as print's.
/// </summary>
internal sealed class IoStandardStream : Stream
{
    private readonly Func<Stream> _target;

    public IoStandardStream(Func<Stream> target) => _target = target;

    public override bool CanRead => _target().CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => _target().CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => _target().Flush();
    public override int Read(byte[] buffer, int offset, int count) => _target().Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => _target().Read(buffer);
    public override int ReadByte() => _target().ReadByte();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => _target().Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => _target().Write(buffer);
}
