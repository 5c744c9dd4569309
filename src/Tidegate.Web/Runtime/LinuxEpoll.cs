using System.Runtime.InteropServices;

namespace Tidegate.Web.Runtime;

/// <summary>
/// The libc calls behind <see cref="WorkerPoller"/>: epoll(7), an eventfd(2) to wake it, and accept4(2)
/// for the listening sockets a worker accepts on itself (<see cref="PolledAcceptor"/>).
/// Only on Linux x64, where <c>struct epoll_event</c> is packed (12 bytes); elsewhere the worker
/// keeps .NET's socket engine (<see cref="IsSupported"/> is false).
/// </summary>
internal static unsafe partial class LinuxEpoll
{
    public const int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    public const uint EPOLLIN = 0x001, EPOLLOUT = 0x004, EPOLLERR = 0x008, EPOLLHUP = 0x010, EPOLLRDHUP = 0x2000,
        EPOLLEXCLUSIVE = 1u << 28, EPOLLET = 1u << 31;
    public const int EPOLL_CLOEXEC = 0x80000, EFD_CLOEXEC = 0x80000, EFD_NONBLOCK = 0x800;
    public const int SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    // errno values (Linux x64) that accept4 and epoll_ctl report.
    public const int EINTR = 4, EAGAIN = 11, ENOMEM = 12, EINVAL = 22, ENFILE = 23, EMFILE = 24, EPROTO = 71,
        ENOBUFS = 105, ECONNABORTED = 103;

    public static bool IsSupported { get; } =
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64
        && Environment.GetEnvironmentVariable("TIDEGATE_TRANSPORT") != "sockets";

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct Event
    {
        public uint Events;
        public ulong Data;
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int Create(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int Control(int epfd, int op, int fd, Event* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int Wait(int epfd, Event* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nint count);

    /// <summary>accept4(2) without the peer's address (the connection reads it when asked).</summary>
    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
    public static partial int Accept4(int fd, void* address, void* addressLength, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);
}
