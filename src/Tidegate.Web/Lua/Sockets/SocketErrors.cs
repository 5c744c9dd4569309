using System.Net.Sockets;

namespace Tidegate.Web.Lua.Sockets;

/// <summary>The C library's strerror text for a socket error, as nginx logs it and ngx_lua returns it (lowercased).</summary>
public static class SocketErrors
{
    public static string Describe(SocketException e) => e.Message.Length > 0 ? e.Message : Describe(e.SocketErrorCode);

    public static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "Connection refused",
        SocketError.ConnectionReset => "Connection reset by peer",
        SocketError.TimedOut => "Connection timed out",
        SocketError.HostUnreachable => "No route to host",
        SocketError.NetworkUnreachable => "Network is unreachable",
        SocketError.AddressNotAvailable => "Cannot assign requested address",
        SocketError.Shutdown => "Broken pipe",
        SocketError.ConnectionAborted => "Software caused connection abort",
        SocketError.AccessDenied => "Permission denied",
        SocketError.AddressFamilyNotSupported => "Address family not supported by protocol",
        SocketError.NotConnected => "Transport endpoint is not connected",
        SocketError.AddressAlreadyInUse => "Address already in use",
        SocketError.InvalidArgument => "Invalid argument",
        _ => error.ToString(),
    };
}
