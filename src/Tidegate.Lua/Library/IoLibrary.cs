using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// The <c>io</c> library as LuaJIT 2.1 provides it: file handles are userdata holding a <see cref="LuaFile"/>
/// with one shared metatable (its own <c>__index</c>, as in LuaJIT), the default input and output files,
/// and C stdio's results: <c>nil, "name: strerror", errno</c> on failure.
/// </summary>
public static class IoLibrary
{
    /// <summary>Per-state io data: the handle metatable, the standard and default files, the open files.</summary>
    private sealed class IoState
    {
        public required LuaTable Metatable;
        public required LuaUserdata Stdin, Stdout, Stderr;
        public LuaUserdata? Input, Output;
        public readonly List<WeakReference<LuaFile>> OpenFiles = new();
        /// <summary>The list size at which closed and collected entries are next swept out.</summary>
        public int SweepAt = 64;
    }

    private static readonly ConditionalWeakTable<LuaState, IoState> States = new();

    public static void Open(LuaState state)
    {
        var meta = new LuaTable(0, 12);
        Register(meta, "close", call => CloseFile(call, CheckFile(call, 0)));
        Register(meta, "flush", call => Guard(call, null, CheckFile(call, 0).Flush));
        Register(meta, "lines", call => Lines(call, CheckFile(call, 0), 1, closeAtEof: false));
        Register(meta, "read", call => Read(call, CheckFile(call, 0), 1));
        Register(meta, "write", call => Write(call, CheckFile(call, 0), 1));
        Register(meta, "seek", Seek);
        Register(meta, "setvbuf", SetVBuf);
        Register(meta, "__gc", call =>
        {
            if (call[0].Ref is LuaUserdata { Value: LuaFile f } && !f.IsClosed && f.Kind != LuaFileKind.Standard) f.Close();
            return call.Return();
        });
        Register(meta, "__tostring", call =>
        {
            var f = ToFile(call, 0) ?? throw call.TypeError(0, "FILE*");
            return call.Return(LuaString.FromUtf8(f.IsClosed ? "file (closed)" : $"file ({f.Address})"));
        });
        meta["__index"] = meta;
        state.Registry["FILE*"] = meta;

        var io = new LuaTable(0, 16);
        var ioState = new IoState
        {
            Metatable = meta,
            Stdin = NewHandle(meta, new LuaFile(new IoStandardStream(() => state.StandardInput), LuaFileKind.Standard)),
            Stdout = NewHandle(meta, new LuaFile(new IoStandardStream(() => state.StandardOutput), LuaFileKind.Standard)),
            Stderr = NewHandle(meta, new LuaFile(new IoStandardStream(() => state.StandardError), LuaFileKind.Standard)),
        };
        ioState.Input = ioState.Stdin;
        ioState.Output = ioState.Stdout;
        States.AddOrUpdate(state, ioState);
        io["stdin"] = ioState.Stdin;
        io["stdout"] = ioState.Stdout;
        io["stderr"] = ioState.Stderr;

        Register(io, "open", OpenFile);
        Register(io, "close", call => CloseFile(call, call[0].IsNil ? CheckOpen(call, FileOf(Io(call).Output!)) : CheckFile(call, 0)));
        Register(io, "read", call => Read(call, OpenDefault(call, Io(call).Input!), 0));
        Register(io, "write", call => Write(call, OpenDefault(call, Io(call).Output!), 0));
        Register(io, "flush", call => Guard(call, null, OpenDefault(call, Io(call).Output!).Flush));
        Register(io, "input", call => DefaultFile(call, output: false));
        Register(io, "output", call => DefaultFile(call, output: true));
        Register(io, "lines", IoLines);
        Register(io, "type", call =>
        {
            call.CheckAny(0);
            var f = ToFile(call, 0);
            return call.Return(f is null ? LuaValue.Nil : LuaString.FromUtf8(f.IsClosed ? "closed file" : "file"));
        });
        Register(io, "popen", Popen);
        Register(io, "tmpfile", TmpFile);
        state.Globals["io"] = io;
    }

    /// <summary>Flushes every open file of the state, as C's exit flushes every stdio stream.</summary>
    public static void FlushAll(LuaState state)
    {
        if (!States.TryGetValue(state, out var io)) return;
        foreach (var weak in io.OpenFiles)
            if (weak.TryGetTarget(out var f))
                try { f.Flush(); } catch (IOException) { }
        foreach (var u in new[] { io.Stdout, io.Stderr })
            try { FileOf(u).Flush(); } catch (IOException) { }
    }

    /// <summary>The state's io.stdin file (debug.debug reads its commands there), or null without the io library.</summary>
    public static LuaFile? StandardInput(LuaState state) =>
        States.TryGetValue(state, out var io) && !FileOf(io.Stdin).IsClosed ? FileOf(io.Stdin) : null;

    /// <summary>Wraps a .NET stream as a Lua file handle of <paramref name="state"/> (for embedders).</summary>
    public static LuaUserdata CreateFile(LuaState state, Stream stream) =>
        Track(state, new LuaFile(stream, LuaFileKind.File));

    private static void Register(LuaTable table, string name, HostFunctionBody body) =>
        table[name] = new HostFunction(name, body);

    private static IoState Io(LuaCall call) =>
        States.TryGetValue(call.State, out var s) ? s : throw new LuaException("io library is not open in this state");

    private static LuaUserdata NewHandle(LuaTable meta, LuaFile file) => new(file, meta);

    private static LuaUserdata Track(LuaState state, LuaFile file)
    {
        var io = States.TryGetValue(state, out var s) ? s : throw new LuaException("io library is not open in this state");
        if (io.OpenFiles.Count >= io.SweepAt)
        {
            io.OpenFiles.RemoveAll(w => !w.TryGetTarget(out var f) || f.IsClosed);
            io.SweepAt = Math.Max(64, io.OpenFiles.Count * 2);
        }
        io.OpenFiles.Add(new WeakReference<LuaFile>(file));
        return NewHandle(io.Metatable, file);
    }

    private static LuaFile FileOf(LuaUserdata u) => (LuaFile)u.Value!;

    private static LuaFile? ToFile(LuaCall call, int i) =>
        call[i].Ref is LuaUserdata { Value: LuaFile f } ? f : null;

    /// <summary>io_tofile: a FILE* argument that is still open.</summary>
    private static LuaFile CheckFile(LuaCall call, int i)
    {
        var f = ToFile(call, i) ?? throw call.TypeError(i, "FILE*");
        if (f.IsClosed) throw call.Thread.RuntimeError("attempt to use a closed file");
        return f;
    }

    /// <summary>The default input or output file, which io.read/write/flush require open.</summary>
    private static LuaFile OpenDefault(LuaCall call, LuaUserdata u)
    {
        var f = FileOf(u);
        if (f.IsClosed) throw call.Thread.RuntimeError("standard file is closed");
        return f;
    }

    private static LuaFile CheckOpen(LuaCall call, LuaFile f) =>
        f.IsClosed ? throw call.Thread.RuntimeError("attempt to use a closed file") : f;

    /// <summary>lj_lib_checkint's conversion: truncation, with out-of-range values becoming INT_MIN as x86 does.</summary>
    private static int CInt(double d) => d > -2147483649.0 && d < 2147483648.0 ? (int)d : int.MinValue;

    /// <summary>The errno an I/O exception stands for (.NET puts the raw errno in HResult on Unix).</summary>
    private static int Errno(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => 2,
        UnauthorizedAccessException => 13,
        NotSupportedException => 29, // ESPIPE: the stream cannot seek
        _ when e.HResult is > 0 and < 4096 => e.HResult,
        _ => 5, // EIO
    };

    /// <summary>Runs an I/O action; true on success, else nil, strerror, errno (luaL_fileresult).</summary>
    private static int Guard(LuaCall call, LuaString? name, Action action)
    {
        try
        {
            action();
            return call.Return(LuaValue.True);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return OsLibrary.FileResult(call, Errno(e), name);
        }
    }

    // ---- opening ----

    /// <summary>fopen's reading of a mode string, as glibc does it: r/w/a, then up to six of '+', 'x', 'b', 'e', others ignored.</summary>
    private static bool ParseMode(ReadOnlySpan<byte> mode, out int access, out bool create, out bool truncate, out bool append, out bool exclusive)
    {
        access = 0; create = truncate = append = exclusive = false;
        if (mode.Length == 0) return false;
        switch (mode[0])
        {
            case (byte)'r': access = IoNative.ReadOnly; break;
            case (byte)'w': access = IoNative.WriteOnly; create = truncate = true; break;
            case (byte)'a': access = IoNative.WriteOnly; create = append = true; break;
            default: return false;
        }
        for (int i = 1; i < 7 && i < mode.Length && mode[i] != 0; i++)
        {
            if (mode[i] == '+') access = IoNative.ReadWrite;
            else if (mode[i] == 'x') exclusive = true;
        }
        return true;
    }

    /// <summary>fopen: the file, or null and the errno.</summary>
    private static LuaFile? OpenLuaFile(LuaString name, ReadOnlySpan<byte> mode, out int errno)
    {
        if (!ParseMode(mode, out int access, out bool create, out bool truncate, out bool append, out bool exclusive))
        {
            errno = 22; // EINVAL
            return null;
        }
        SafeFileHandle? handle = IoNative.Open(name, access, create, truncate, append, exclusive && create, out errno);
        if (handle is null) return null;
        var fileAccess = access switch
        {
            IoNative.ReadOnly => FileAccess.Read,
            IoNative.WriteOnly => FileAccess.Write,
            _ => FileAccess.ReadWrite,
        };
        Stream stream;
        try
        {
            stream = new FileStream(handle, fileAccess, 4096);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A directory opens for reading in C; every read then fails with EISDIR.
            handle.Dispose();
            stream = new IoErrorStream(21);
        }
        // glibc starts a write-only append stream at the end; "a+" starts at 0 for reading.
        if (append && access == IoNative.WriteOnly && stream.CanSeek) stream.Seek(0, SeekOrigin.End);
        return new LuaFile(stream, LuaFileKind.File) { Appending = append };
    }

    private static int OpenFile(LuaCall call)
    {
        var name = call.CheckString(0);
        var mode = call.OptString(1, null);
        var file = OpenLuaFile(name, mode is null ? "r"u8 : mode.Span, out int errno);
        if (file is null) return OsLibrary.FileResult(call, errno, name);
        return call.Return(Track(call.State, file));
    }

    /// <summary>io_file_open: like io.open, but failing with an argument error (io.input, io.output, io.lines).</summary>
    private static LuaUserdata OpenOrArgError(LuaCall call, ReadOnlySpan<byte> mode)
    {
        var name = call.CheckString(0);
        var file = OpenLuaFile(name, mode, out int errno);
        if (file is null) throw call.ArgError(0, $"{name}: {IoNative.ErrorText(errno)}");
        return Track(call.State, file);
    }

    private static int DefaultFile(LuaCall call, bool output)
    {
        var io = Io(call);
        if (!call[0].IsNil)
        {
            LuaUserdata handle;
            if (call[0].Ref is LuaUserdata)
            {
                CheckFile(call, 0);
                handle = (LuaUserdata)call[0].Ref!;
            }
            else handle = OpenOrArgError(call, output ? "w"u8 : "r"u8);
            if (output) io.Output = handle; else io.Input = handle;
        }
        return call.Return(output ? io.Output! : io.Input!);
    }

    private static int Popen(LuaCall call)
    {
        var command = call.CheckString(0);
        var mode = call.OptString(1, null);
        var m = mode is null ? "r"u8 : mode.Span;
        // glibc's popen accepts "r" or "w", optionally followed by 'e' (close-on-exec).
        bool reading = m.Length > 0 && m[0] == 'r';
        bool valid = m.Length > 0 && (m[0] == 'r' || m[0] == 'w') && (m.Length == 1 || (m.Length == 2 && m[1] == 'e'));
        if (!valid) return OsLibrary.FileResult(call, 22, command);

        // LuaJIT flushes every stdio stream first, so the command's output lands after what was written so far.
        FlushAll(call.State);
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = reading,
            RedirectStandardInput = !reading,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(System.Text.Encoding.UTF8.GetString(IoNative.CPath(command).AsSpan()[..^1]));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IOException("Resource temporarily unavailable", 11);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            return OsLibrary.FileResult(call, e is IOException io ? Errno(io) : 2, command);
        }
        var stream = reading ? process.StandardOutput.BaseStream : process.StandardInput.BaseStream;
        return call.Return(Track(call.State, new LuaFile(stream, LuaFileKind.Pipe, process)));
    }

    private static int TmpFile(LuaCall call)
    {
        // tmpfile(): a read-write file that is already unlinked, so it vanishes when closed.
        string path = Path.Combine(Path.GetTempPath(), "lua_" + Guid.NewGuid().ToString("N")[..12]);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        return call.Return(Track(call.State, new LuaFile(stream, LuaFileKind.File)));
    }

    // ---- closing ----

    private static int CloseFile(LuaCall call, LuaFile file)
    {
        if (file.Kind == LuaFileKind.Standard)
            return call.Return(LuaValue.Nil, LuaString.FromUtf8("cannot close standard file"));
        return Guard(call, null, file.Close);
    }

    // ---- reading ----

    /// <summary>io_file_read: the formats from argument <paramref name="first"/> on; stops at the first that fails.</summary>
    private static int Read(LuaCall call, LuaFile file, int first)
    {
        int count = call.Count - first;
        var results = new List<LuaValue>(Math.Max(count, 1));
        try
        {
            if (count <= 0)
            {
                bool ok = file.ReadLine(false, out var line);
                results.Add(ok ? new LuaString(line) : LuaValue.Nil);
            }
            else
            {
                for (int i = first; i < call.Count; i++)
                {
                    var arg = call[i];
                    LuaValue value;
                    bool ok = true;
                    if (arg.Ref is LuaString format)
                    {
                        var p = format.Span;
                        if (p.Length > 0 && p[0] == '*') p = p[1..];
                        byte c = p.Length > 0 ? p[0] : (byte)0;
                        if (c == 'n')
                        {
                            ok = IoNumberScanner.TryRead(file, out double d);
                            value = ok ? d : LuaValue.Nil;
                        }
                        else if (c is (byte)'l' or (byte)'L')
                        {
                            ok = file.ReadLine(c == 'L', out var line);
                            value = new LuaString(line);
                        }
                        else if (c == 'a') value = new LuaString(file.ReadAll());
                        else throw call.ArgError(i, "invalid format");
                    }
                    else if (arg.IsNumber)
                    {
                        uint n = (uint)CInt(arg.Number);
                        if (n == 0)
                        {
                            ok = !file.AtEnd();
                            value = LuaString.Empty;
                        }
                        else
                        {
                            // LuaJIT allocates the whole buffer up front and cannot above its buffer limit.
                            if (n > 0x7fffff00) throw new LuaException("not enough memory");
                            var bytes = file.Read(n);
                            ok = bytes.Length > 0;
                            value = new LuaString(bytes);
                        }
                    }
                    else throw call.ArgError(i, "invalid option");
                    results.Add(ok ? value : LuaValue.Nil);
                    if (!ok) break;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return OsLibrary.FileResult(call, Errno(e), null);
        }
        return call.Return(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(results));
    }

    /// <summary>
    /// The iterator io.lines and file:lines return: reads with the saved formats on each call; at end of
    /// file, io.lines closes the file it opened.
    /// </summary>
    private static int Lines(LuaCall call, LuaFile file, int first, bool closeAtEof)
    {
        var formats = call.Count > first ? call.Args[first..].ToArray() : Array.Empty<LuaValue>();
        if (formats.Length > 253) throw call.Thread.RuntimeError("too many results to unpack");
        var iterator = new HostFunction("lines", it =>
        {
            if (file.IsClosed) throw it.Thread.RuntimeError("attempt to use a closed file");
            // Lay the saved formats out as this call's arguments: they count from #1 in messages, as in LuaJIT.
            var thread = it.Thread;
            int b = it.Base;
            thread.EnsureStack(b + formats.Length + 1);
            formats.CopyTo(thread.Stack, b);
            thread.Top = b + formats.Length;
            var inner = new LuaCall(thread, b, formats.Length, it.Function);
            int n = Read(inner, file, 0);
            if (n == 3 && thread.Stack[b].IsNil && thread.Stack[b + 1].Ref is LuaString message && thread.Stack[b + 2].IsNumber)
                throw thread.RuntimeError(message.ToString());
            if (thread.Stack[b].IsNil && closeAtEof)
            {
                file.Close();
                return 0;
            }
            return n;
        });
        return call.Return(iterator);
    }

    private static int IoLines(LuaCall call)
    {
        if (call[0].IsNil)
        {
            // The default input is not checked here: a closed one fails when the iterator is called.
            return Lines(call, FileOf(Io(call).Input!), 1, closeAtEof: false);
        }
        var handle = OpenOrArgError(call, "r"u8);
        return Lines(call, FileOf(handle), 1, closeAtEof: true);
    }

    // ---- writing ----

    private static int Write(LuaCall call, LuaFile file, int first)
    {
        try
        {
            for (int i = first; i < call.Count; i++)
            {
                var v = call[i];
                if (v.Ref is LuaString s) file.Write(s.Span);
                else if (v.IsNumber) file.Write(LuaNumber.ToLuaString(v.Number).Span);
                else throw call.TypeError(i, "string");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return OsLibrary.FileResult(call, Errno(e), null);
        }
        // LuaJIT in its Lua 5.1 mode returns true, not the file (5.2's chaining form is off).
        return call.Return(LuaValue.True);
    }

    // ---- positioning and buffering ----

    private static int Seek(LuaCall call)
    {
        var file = CheckFile(call, 0);
        var whence = call.OptString(1, null)?.ToString() ?? "cur";
        var origin = whence switch
        {
            "set" => SeekOrigin.Begin,
            "cur" => SeekOrigin.Current,
            "end" => SeekOrigin.End,
            _ => throw call.ArgError(1, $"invalid option '{whence}'"),
        };
        long offset = 0;
        if (call.Count > 2 && !call[2].IsNil)
            offset = call[2].IsNumber ? OsLibrary.TimeT(call[2].Number) : throw call.TypeError(2, "number");
        try
        {
            return call.Return((double)file.Seek(offset, origin));
        }
        catch (Exception e) when (e is IOException or NotSupportedException)
        {
            return OsLibrary.FileResult(call, Errno(e), null);
        }
    }

    private static int SetVBuf(LuaCall call)
    {
        var file = CheckFile(call, 0);
        var mode = call.CheckString(1).ToString();
        if (mode is not ("no" or "full" or "line")) throw call.ArgError(1, $"invalid option '{mode}'");
        call.OptInt(2, 4096);
        return Guard(call, null, () =>
        {
            file.Flush();
            file.BufferMode = mode;
        });
    }
}
