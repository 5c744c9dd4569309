using Tidegate.Lua.Emit;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

// load, loadstring, loadfile and dofile: turning source (a string, a reader function, a file, stdin)
// into a function with LuaState.Load, with LuaJIT's chunk names, mode checks and failure results.
public static partial class BaseLibrary
{
    /// <summary>
    /// load(chunk [, chunkname [, mode [, env]]]), which LuaJIT also registers as loadstring. A string
    /// (or number) chunk is named by itself unless a name is given; a reader function's chunk is "=(load)".
    /// Failure returns nil and the message; only bad arguments raise.
    /// </summary>
    private static int Load(LuaCall call)
    {
        var name = call.OptString(1, null);
        var mode = call.OptString(2, null);
        var chunk = call[0];
        ReadOnlySpan<byte> source;
        string chunkName;
        if (chunk.IsString || chunk.IsNumber)
        {
            var text = call.CheckString(0);
            source = text.Span;
            chunkName = (name ?? text).ToString();
        }
        else
        {
            var reader = call.CheckFunction(0);
            chunkName = name?.ToString() ?? "=(load)";
            try
            {
                source = ReadAll(call.Thread, reader);
            }
            catch (LuaException e)
            {
                return call.Return(LuaValue.Nil, e.Value);
            }
        }
        return FinishLoad(call, source, chunkName, mode, call[3], CompiledCodeLifetime.Collectible);
    }

    /// <summary>Collects a reader function's pieces until it returns nil or an empty string.</summary>
    private static byte[] ReadAll(LuaThread thread, LuaFunction reader)
    {
        var buffer = new MemoryStream();
        while (true)
        {
            int top = thread.Top;
            thread.EnsureStack(top + 1);
            int n = thread.Call(reader, top, 0);
            var piece = n > 0 ? thread.Stack[top] : LuaValue.Nil;
            if (piece.IsNil) break;
            LuaString s;
            if (piece.Ref is LuaString ps) s = ps;
            else if (piece.IsNumber) s = LuaNumber.ToLuaString(piece.Number);
            else throw CallerError(thread, "reader function must return a string");
            if (s.Length == 0) break;
            if (buffer.Length + s.Length > Array.MaxLength) throw new LuaException("not enough memory");
            buffer.Write(s.Span);
        }
        return buffer.ToArray();
    }

    /// <summary>loadfile([filename [, mode [, env]]]): a file, or stdin when no name is given.</summary>
    private static int LoadFile(LuaCall call)
    {
        var fileName = call.OptString(0, null);
        var mode = call.OptString(1, null);
        if (!TryReadChunkFile(call.State, fileName, out var source, out string chunkName, out var error))
            return call.Return(LuaValue.Nil, error);
        return FinishLoad(call, source, chunkName, mode, call[2], call.State.FileCodeLifetime);
    }

    /// <summary>dofile([filename]): loads and runs the file (or stdin), returning all its results; errors propagate.</summary>
    private static int DoFile(LuaCall call)
    {
        var fileName = call.OptString(0, null);
        if (!TryReadChunkFile(call.State, fileName, out var source, out string chunkName, out var error))
            throw new LuaException(error);
        var thread = call.Thread;
        var f = call.State.Load(source, chunkName, ThreadEnvironment(thread), call.State.FileCodeLifetime);
        int top = call.Base + call.Count;
        thread.EnsureStack(top + 1);
        int n = thread.Call(f, top, 0);
        return call.Return(new ReadOnlySpan<LuaValue>(thread.Stack, top, n));
    }

    /// <summary>The checks LuaJIT makes after reading a chunk: the mode letter, then compiling, then the environment.</summary>
    /// <paramref name="lifetime"/>: load's strings are collectible (a program can make them without bound), loadfile's
    /// files follow <see cref="LuaState.FileCodeLifetime"/>.
    private static int FinishLoad(LuaCall call, ReadOnlySpan<byte> source, string chunkName, LuaString? mode, LuaValue env,
        CompiledCodeLifetime lifetime)
    {
        if (mode is not null)
        {
            bool binary = source.Length > 0 && source[0] == 0x1b;
            if (mode.Span.IndexOf(binary ? (byte)'b' : (byte)'t') < 0)
                return call.Return(LuaValue.Nil, (LuaString)"attempt to load chunk with wrong mode");
        }
        try
        {
            // A non-table env argument is ignored, as LuaJIT does.
            return call.Return(call.State.Load(source, chunkName, env.AsTable ?? ThreadEnvironment(call.Thread), lifetime));
        }
        catch (LuaException e)
        {
            return call.Return(LuaValue.Nil, e.Value);
        }
    }

    /// <summary>
    /// Reads a chunk file for loadfile/dofile/require, with LuaJIT's chunk name ("@name", or "=stdin") and
    /// its failure messages ("cannot open x: No such file or directory").
    /// </summary>
    internal static bool TryReadChunkFile(LuaState state, LuaString? fileName, out byte[] source, out string chunkName, out LuaValue error)
    {
        error = LuaValue.Nil;
        if (fileName is null)
        {
            chunkName = "=stdin";
            var buffer = new MemoryStream();
            state.StandardInput.CopyTo(buffer);
            source = buffer.ToArray();
            return true;
        }
        string path = fileName.ToString();
        chunkName = "@" + path;
        source = Array.Empty<byte>();
        if (Directory.Exists(path))
        {
            error = LuaString.FromUtf8("cannot read " + path + ": Is a directory");
            return false;
        }
        try
        {
            source = File.ReadAllBytes(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = LuaString.FromUtf8("cannot open " + path + ": " + DescribeFileError(e));
            return false;
        }
    }

    /// <summary>The C library's strerror text for a failed open, as LuaJIT's messages include it.</summary>
    internal static string DescribeFileError(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        PathTooLongException => "File name too long",
        _ => e.Message,
    };
}
