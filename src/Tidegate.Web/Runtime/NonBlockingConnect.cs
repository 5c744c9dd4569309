using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Tidegate.Web.Runtime;

/// <summary>
/// connect(2) on a non-blocking socket of the worker's own epoll (Linux x64, as <see cref="LinuxEpoll"/>), for an
/// IPv4 or IPv6 address. .NET's <see cref="Socket.Connect(EndPoint)"/> reports the usual answer, EINPROGRESS, by
/// throwing a SocketException: with more proxied requests in flight than `keepalive N` keeps, a connect every hundred
/// or so requests, and the exception (its stack walk, message and endpoint text) cost more than the connect.
/// The <see cref="Socket"/> object does not learn of the connection (its LocalEndPoint, RemoteEndPoint and Connected
/// stay unset); the upstream code sends, receives and polls through it and asks none of them.
/// </summary>
public static unsafe partial class NonBlockingConnect
{
    private const int AF_INET = 2, AF_INET6 = 10, EINPROGRESS = 115;

    /// <summary>
    /// Starts the connect: true when it is under way (<paramref name="inProgress"/>) or done; false when this
    /// cannot say (not an IP address, or the connect failed at once), and the caller goes through
    /// <see cref="Socket.Connect(EndPoint)"/>, whose exception then carries the failure as before.
    /// </summary>
    public static bool TryStart(Socket socket, EndPoint endPoint, out bool inProgress)
    {
        inProgress = false;
        if (endPoint is not IPEndPoint ip) return false;
        Span<byte> address = stackalloc byte[28];
        address.Clear();
        int length;
        var family = ip.Address.AddressFamily;
        if (family == AddressFamily.InterNetwork && socket.AddressFamily == AddressFamily.InterNetwork)
        {
            // struct sockaddr_in: family (host order), port (network order), the address, eight zero bytes.
            BinaryPrimitives.WriteUInt16LittleEndian(address, AF_INET);
            BinaryPrimitives.WriteUInt16BigEndian(address[2..], (ushort)ip.Port);
            if (!ip.Address.TryWriteBytes(address[4..8], out _)) return false;
            length = 16;
        }
        else if (family == AddressFamily.InterNetworkV6 && socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // struct sockaddr_in6: family, port, flow info, the address, scope id.
            BinaryPrimitives.WriteUInt16LittleEndian(address, AF_INET6);
            BinaryPrimitives.WriteUInt16BigEndian(address[2..], (ushort)ip.Port);
            if (!ip.Address.TryWriteBytes(address[8..24], out _)) return false;
            BinaryPrimitives.WriteUInt32LittleEndian(address[24..], (uint)ip.Address.ScopeId);
            length = 28;
        }
        else return false;

        int result;
        fixed (byte* sockaddr = address) result = Connect((int)socket.Handle, sockaddr, length);
        if (result == 0) return true;
        if (Marshal.GetLastPInvokeError() != EINPROGRESS) return false;
        inProgress = true;
        return true;
    }

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int Connect(int fd, byte* address, int length);
}
