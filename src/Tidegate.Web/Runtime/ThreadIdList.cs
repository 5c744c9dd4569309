using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tidegate.Web.Runtime;

/// <summary>
/// The ids of this process's threads, read from /proc/self/task through a directory descriptor kept open
/// (one <c>lseek</c> and a <c>getdents64</c> per read) into arrays allocated once: a read allocates
/// nothing and calls no class-library method, so a caller that reads it a few times a second (the
/// <see cref="RuntimeThreadKeeper"/>) makes the runtime neither collect nor re-jit anything in a steady
/// load. Used by one thread at a time.
/// </summary>
public sealed unsafe partial class ThreadIdList : IDisposable
{
    private readonly byte[] entries = new byte[16384];
    private int[] ids = new int[256];
    private int fd;

    private ThreadIdList(int fd) => this.fd = fd;

    /// <summary>Opens /proc/self/task; null where there is none (not Linux, no procfs).</summary>
    public static ThreadIdList? Open()
    {
        if (!OperatingSystem.IsLinux()) return null;
        int fd = OpenDirectory("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        return fd < 0 ? null : new ThreadIdList(fd);
    }

    /// <summary>The thread ids of the last <see cref="Read"/>.</summary>
    public ReadOnlySpan<int> Ids => new(ids, 0, Count);

    public int Count { get; private set; }

    /// <summary>How many ids fit before a read has to grow the array (the one allocation a read can make).</summary>
    public int Capacity => ids.Length;

    /// <summary>Reads the current thread ids; false when the directory could not be read (the ids are then stale).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (fd < 0 || Seek(fd, 0, 0) < 0) return false;
        int count = 0;
        fixed (byte* buffer = entries)
        {
            while (true)
            {
                nint n = GetDirectoryEntries(fd, buffer, entries.Length);
                if (n < 0) return false;
                if (n == 0) break;
                // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
                for (nint at = 0; at < n;)
                {
                    byte* entry = buffer + at;
                    ushort length = *(ushort*)(entry + 16);
                    if (length == 0) return false;
                    at += length;
                    byte* name = entry + 19;
                    if (*name == 0) continue;
                    int tid = 0;
                    bool digits = true;
                    for (; *name != 0; name++)
                    {
                        // "." and ".." (and anything else that is not a thread id) are skipped.
                        if (*name < (byte)'0' || *name > (byte)'9') { digits = false; break; }
                        tid = tid * 10 + (*name - '0');
                    }
                    if (!digits) continue;
                    if (count == ids.Length) Array.Resize(ref ids, ids.Length * 2);
                    ids[count++] = tid;
                }
            }
        }
        Count = count;
        return true;
    }

    /// <summary>Whether <paramref name="tid"/> is in <paramref name="list"/>: a linear search that calls no library method.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Contains(ReadOnlySpan<int> list, int tid)
    {
        for (int i = 0; i < list.Length; i++)
            if (list[i] == tid) return true;
        return false;
    }

    public void Dispose()
    {
        if (fd >= 0) Close(fd);
        fd = -1;
    }

    private const int O_RDONLY = 0, O_DIRECTORY = 0x10000, O_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenDirectory(string path, int flags);

    [LibraryImport("libc", EntryPoint = "lseek")]
    private static partial long Seek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "getdents64")]
    private static partial nint GetDirectoryEntries(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
