namespace Tidegate.Lua.Library;

/// <summary>
/// A stream on which every operation fails with one errno: what C gives for a directory opened with
/// fopen(dir, "r"), which succeeds, while each read then fails with EISDIR.
/// </summary>
internal sealed class IoErrorStream : Stream
{
    private readonly int _errno;

    public IoErrorStream(int errno) => _errno = errno;

    private IOException Fail() => new(IoNative.ErrorText(_errno), _errno);

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => long.MaxValue >> 1;
    public override long Position { get => Length; set { } }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw Fail();
    public override long Seek(long offset, SeekOrigin origin) => Length;
    public override void SetLength(long value) => throw Fail();
    public override void Write(byte[] buffer, int offset, int count) => throw Fail();
}
