using System.Runtime.InteropServices;

namespace Tidegate.Web.Cli;

/// <summary>The few libc calls .NET has no API for: kill(2) for -s, setsid/dup2 for daemon mode.</summary>
internal static partial class Native
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGUSR1 = 10, SIGTERM = 15;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsid();

    /// <summary>signal(2); used only to put SIG_DFL (0) back.</summary>
    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetSignalHandler(int signal, nint handler);

    /// <summary>
    /// A shell starts background jobs with SIGINT and SIGQUIT ignored, and .NET leaves an ignored
    /// signal ignored; nginx handles them whatever it inherited, so tidegate restores the default
    /// disposition before registering its handlers.
    /// </summary>
    public static void UnignoreSignals()
    {
        foreach (int signal in new[] { SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGTERM })
            SetSignalHandler(signal, 0);
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup2(int oldFd, int newFd);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    public static string SignalName(int signal) => signal switch
    {
        SIGHUP => "SIGHUP", SIGINT => "SIGINT", SIGQUIT => "SIGQUIT", SIGUSR1 => "SIGUSR1", SIGTERM => "SIGTERM", _ => signal.ToString(),
    };

    public static string ErrnoText(int errno) => errno switch
    {
        1 => "1: Operation not permitted",
        3 => "3: No such process",
        _ => $"{errno}: {Marshal.GetPInvokeErrorMessage(errno)}",
    };

    /// <summary>Points stdin/stdout/stderr at /dev/null (a daemon must not hold its launcher's pipes).</summary>
    public static void DetachStdio()
    {
        int fd = open("/dev/null", 2 /* O_RDWR */);
        if (fd < 0) return;
        dup2(fd, 0);
        dup2(fd, 1);
        dup2(fd, 2);
    }
}
