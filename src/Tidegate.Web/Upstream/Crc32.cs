namespace Tidegate.Web.Upstreams;

/// <summary>CRC-32 (IEEE 802.3, reflected), as nginx's ngx_crc32_*: the hash balancers' function.</summary>
public struct Crc32
{
    private static readonly uint[] table = BuildTable();
    private uint value;
    private bool started;

    private static uint[] BuildTable()
    {
        var t = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }

    public void Update(ReadOnlySpan<byte> data)
    {
        if (!started) { value = 0xffffffff; started = true; }
        foreach (byte b in data) value = table[(value ^ b) & 0xff] ^ (value >> 8);
    }

    public uint Final()
    {
        if (!started) { value = 0xffffffff; started = true; }
        return value ^ 0xffffffff;
    }

    public static uint Of(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32();
        crc.Update(data);
        return crc.Final();
    }
}
