using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// The few C library calls the os and io libraries make as LuaJIT makes them: file names are passed as
/// the Lua string's bytes (NUL-terminated, so names need not be valid UTF-8), and failures report C's
/// errno and strerror text, which is what LuaJIT returns to Lua ("x: No such file or directory", 2).
/// </summary>
internal static class IoNative
{
    private const string Libc = "libc";

    [DllImport(Libc, SetLastError = true, EntryPoint = "remove")]
    private static extern int remove(byte[] path);

    [DllImport(Libc, SetLastError = true, EntryPoint = "rename")]
    private static extern int rename(byte[] from, byte[] to);

    [DllImport(Libc, SetLastError = true, EntryPoint = "mkstemp")]
    private static extern int mkstemp(byte[] template);

    [DllImport(Libc, SetLastError = true, EntryPoint = "open")]
    private static extern int open(byte[] path, int flags, int mode);

    [DllImport(Libc, SetLastError = true, EntryPoint = "system")]
    private static extern int system(byte[]? command);

    [DllImport(Libc, SetLastError = true, EntryPoint = "close")]
    private static extern int close(int fd);

    private static bool Unix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>C's strerror text for an errno value.</summary>
    public static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>The Lua string's bytes with C's terminating NUL; a name is cut at its first NUL, as C sees it.</summary>
    public static byte[] CPath(LuaString name)
    {
        var span = name.Span;
        int nul = span.IndexOf((byte)0);
        if (nul >= 0) span = span[..nul];
        var bytes = new byte[span.Length + 1];
        span.CopyTo(bytes);
        return bytes;
    }

    private static void RequireUnix(string what)
    {
        if (!Unix) throw new LuaException($"{what} is only implemented on POSIX systems");
    }

    /// <summary>remove(3): 0 or the errno.</summary>
    public static int Remove(LuaString path)
    {
        RequireUnix("os.remove");
        return remove(CPath(path)) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>rename(2): 0 or the errno.</summary>
    public static int Rename(LuaString from, LuaString to)
    {
        RequireUnix("os.rename");
        return rename(CPath(from), CPath(to)) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>mkstemp(3) on "/tmp/lua_XXXXXX" as LuaJIT's os.tmpname: the created (empty) file's name, or null.</summary>
    public static byte[]? MakeTempFile()
    {
        RequireUnix("os.tmpname");
        byte[] template = "/tmp/lua_XXXXXX\0"u8.ToArray();
        int fd = mkstemp(template);
        if (fd < 0) return null;
        close(fd);
        return template.AsSpan(0, template.Length - 1).ToArray();
    }

    /// <summary>system(3): the raw wait status (exit code × 256, or the signal number); for null, whether a shell exists.</summary>
    public static int System(LuaString? command)
    {
        RequireUnix("os.execute");
        return system(command is null ? null : CPath(command));
    }

    // open(2) flags (Linux values; the BSDs and macOS share O_RDONLY/O_WRONLY/O_RDWR but not the rest).
    public const int ReadOnly = 0, WriteOnly = 1, ReadWrite = 2;
    private static int Create => OperatingSystem.IsLinux() ? 0x40 : 0x200;
    private static int Truncate => OperatingSystem.IsLinux() ? 0x200 : 0x400;
    private static int Append => OperatingSystem.IsLinux() ? 0x400 : 0x8;
    private static int Exclusive => OperatingSystem.IsLinux() ? 0x80 : 0x800;
    private static int CloseOnExec => OperatingSystem.IsLinux() ? 0x80000 : 0x1000000;

    /// <summary>
    /// open(2) with the flags fopen uses for a mode: a handle, or null and the errno.
    /// </summary>
    public static SafeFileHandle? Open(LuaString path, int access, bool create, bool truncate, bool append, bool exclusive, out int errno)
    {
        RequireUnix("io.open");
        int flags = access | CloseOnExec;
        if (create) flags |= Create;
        if (truncate) flags |= Truncate;
        if (append) flags |= Append;
        if (exclusive) flags |= Exclusive;
        int fd = open(CPath(path), flags, 438 /* 0666, less the umask */);
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }
        errno = 0;
        return new SafeFileHandle((IntPtr)fd, ownsHandle: true);
    }
}
