using System.Net;
using System.Net.Sockets;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Tests.Runtime;

/// <summary>
/// <see cref="NonBlockingConnect"/>: the upstream connect made with connect(2) itself reaches the listener at the
/// address asked (IPv4 and IPv6, the sockaddr built by hand), with no exception for EINPROGRESS; what it cannot
/// do (a unix socket, a family the socket does not have) it leaves to Socket.Connect.
/// </summary>
public class NonBlockingConnectTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void AConnectStartedWithoutAnExceptionReachesTheListener(string address)
    {
        if (!OperatingSystem.IsLinux()) return;
        var ip = IPAddress.Parse(address);
        using var listener = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(ip, 0));
        listener.Listen(4);
        var target = (IPEndPoint)listener.LocalEndPoint!;

        using var client = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        Assert.True(NonBlockingConnect.TryStart(client, target, out _));
        // Writable once connected; SO_ERROR says how it went.
        Assert.True(client.Poll(5_000_000, SelectMode.SelectWrite));
        Assert.Equal(0, (int)client.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!);
        using var accepted = listener.Accept();
        Assert.Equal(target, (IPEndPoint)accepted.LocalEndPoint!);
        Assert.Equal(ip, ((IPEndPoint)accepted.RemoteEndPoint!).Address);

        // Bytes go both ways on the connection the runtime's Socket did not make itself.
        client.Blocking = true;
        client.Send("ping"u8);
        var got = new byte[4];
        Assert.Equal(4, accepted.Receive(got));
        Assert.Equal("ping"u8.ToArray(), got);
    }

    [Fact]
    public void WhatItCannotDoIsLeftToSocketConnect()
    {
        using var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        Assert.False(NonBlockingConnect.TryStart(v4, new IPEndPoint(IPAddress.IPv6Loopback, 80), out bool inProgress));
        Assert.False(inProgress);
        using var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
        Assert.False(NonBlockingConnect.TryStart(unix, new UnixDomainSocketEndPoint("/tmp/tidegate-none.sock"), out _));
    }

    [Fact]
    public void AConnectThatFailsAtOnceIsLeftToSocketConnect()
    {
        if (!OperatingSystem.IsLinux()) return;
        // A port nobody listens on: on loopback the refusal may come at once (then false, and Socket.Connect
        // reports it) or through SO_ERROR after the connect was under way.
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var unused = (IPEndPoint)probe.LocalEndPoint!;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        SocketError outcome;
        if (NonBlockingConnect.TryStart(client, unused, out bool inProgress))
        {
            Assert.True(inProgress);
            client.Poll(5_000_000, SelectMode.SelectWrite);
            // SO_ERROR as .NET reads it: already a SocketError value.
            outcome = (SocketError)(int)client.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        }
        else
        {
            // What UpstreamSocket does then: Socket.Connect, whose exception names the failure.
            var e = Assert.Throws<SocketException>(() => client.Connect(unused));
            outcome = e.SocketErrorCode;
            if (outcome is SocketError.InProgress or SocketError.WouldBlock)
            {
                client.Poll(5_000_000, SelectMode.SelectWrite);
                outcome = (SocketError)(int)client.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            }
        }
        Assert.Equal(SocketError.ConnectionRefused, outcome);
    }
}
