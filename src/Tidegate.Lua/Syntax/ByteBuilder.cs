namespace Tidegate.Lua.Syntax;

/// <summary>A growable byte buffer reused by the lexer for string literals, so scanning does not allocate per byte.</summary>
internal sealed class ByteBuilder
{
    private byte[] _data = new byte[256];
    private int _length;

    public int Length => _length;
    public ReadOnlySpan<byte> Span => _data.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public void Append(byte b)
    {
        if (_length == _data.Length) Grow(1);
        _data[_length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _data.Length) Grow(bytes.Length);
        bytes.CopyTo(_data.AsSpan(_length));
        _length += bytes.Length;
    }

    public byte[] ToArray() => _length == 0 ? Array.Empty<byte>() : _data.AsSpan(0, _length).ToArray();

    private void Grow(int extra) => Array.Resize(ref _data, Math.Max(_data.Length * 2, _length + extra));
}
