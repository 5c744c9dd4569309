using Microsoft.Win32.SafeHandles;

namespace Tidegate.Lua.Cli;

/// <summary>The process's stdin and stdout as the scripts of one run use them, with C stdio's buffering rules.</summary>
internal static class StandardStreams
{
    /// <summary>
    /// stdout for a run: unbuffered on a terminal (each print shows at once), buffered otherwise.
    /// Terminals and pipes (not seekable) are written through a FileStream on the descriptor, which is
    /// plain write(2): .NET's console stream would also switch the terminal's keypad mode (escape
    /// sequences luajit never sends) and hide a broken pipe. A regular file keeps the console stream: a
    /// FileStream there writes at positions it tracks itself, which would not advance the descriptor's
    /// offset that a shell shares with the next command writing to the same file.
    /// </summary>
    public static Stream Open()
    {
        var fd1 = TryOpen(1, FileAccess.Write);
        if (fd1 is null) return Console.OpenStandardOutput(); // no usable descriptor: let .NET cope
        if (fd1.CanSeek)
        {
            fd1.Dispose();
            return new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        }
        var output = new PipeOutputStream(fd1);
        return Console.IsOutputRedirected ? new BufferedStream(output, 1 << 16) : output;
    }

    /// <summary>
    /// stdin for a run: a terminal or pipe is read with plain read(2) through a FileStream (the console
    /// stream would reconfigure the terminal); a regular file keeps the console stream, for the same
    /// shared-offset reason as stdout.
    /// </summary>
    public static Stream OpenInput()
    {
        // Started with stdin closed (`<&-`), luajit's reads fail with EBADF; here descriptor 0 is by then
        // reused by the runtime for a pipe of its own, whose reads would block forever.
        if (DescriptorZeroIsOwnPipe()) return new Library.IoErrorStream(9); // EBADF: "Bad file descriptor"
        var fd0 = TryOpen(0, FileAccess.Read);
        if (fd0 is null) return Console.OpenStandardInput();
        if (!fd0.CanSeek) return fd0;
        fd0.Dispose();
        return Console.OpenStandardInput();
    }

    /// <summary>
    /// True when descriptor 0 is the read end of a pipe whose write end this process holds: a pipe the
    /// .NET runtime made at startup, which got descriptor 0 because the process started without stdin.
    /// (A real stdin pipe's write end is the writer's; holding it would block luajit forever too.)
    /// Linux /proc only; elsewhere false.
    /// </summary>
    private static bool DescriptorZeroIsOwnPipe()
    {
        try
        {
            var target = new FileInfo("/proc/self/fd/0").LinkTarget;
            if (target is null || !target.StartsWith("pipe:", StringComparison.Ordinal)) return false;
            foreach (var fd in Directory.EnumerateFiles("/proc/self/fd"))
            {
                string name = Path.GetFileName(fd);
                if (name is "0" or "1" or "2" || new FileInfo(fd).LinkTarget != target) continue;
                // The write end: "flags:" in fdinfo is octal, O_ACCMODE 3, O_WRONLY 1.
                foreach (var line in File.ReadLines("/proc/self/fdinfo/" + name))
                    if (line.StartsWith("flags:", StringComparison.Ordinal) && (Convert.ToInt32(line[6..].Trim(), 8) & 3) == 1)
                        return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            // No /proc, or a descriptor closed while looking: take stdin as it is.
        }
        return false;
    }

    /// <summary>A FileStream on a standard descriptor, or null when it is closed or unusable (e.g. `<&-`).</summary>
    private static FileStream? TryOpen(int descriptor, FileAccess access)
    {
        try
        {
            return new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
