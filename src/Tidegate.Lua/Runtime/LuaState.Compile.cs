using System.Text;
using Tidegate.Lua.Emit;

namespace Tidegate.Lua.Runtime;

// Loading and running code, and the limits an embedder sets on it.
public sealed partial class LuaState
{
    /// <summary>Lua call depth at which "stack overflow" is raised (the .NET stack is checked too).</summary>
    public int MaxCallDepth { get; set; } = 220_000;

    /// <summary>Function entries and loop back-edges left before "run time limit exceeded".</summary>
    public long BudgetRemaining = long.MaxValue;

    /// <summary>
    /// Limits the run time: after <paramref name="backEdgesAndCalls"/> more function entries and loop
    /// iterations, running Lua code raises a Lua error. Pass a negative value to remove the limit.
    /// </summary>
    public void SetBudget(long backEdgesAndCalls) => BudgetRemaining = backEdgesAndCalls < 0 ? long.MaxValue : backEdgesAndCalls;

    public void BudgetExhausted(LuaThread thread)
    {
        BudgetRemaining = 0; // stays exhausted: every further entry or back-edge fails as well
        throw thread.RuntimeError("run time limit exceeded");
    }

    /// <summary>
    /// Compiles a chunk. <paramref name="chunkName"/> is Lua's raw chunk name ("@file.lua", "=stdin", or the
    /// source itself). Syntax errors throw <see cref="LuaException"/> with the parser's message. The
    /// chunk's environment is <paramref name="env"/>, or the globals table.
    /// </summary>
    public LuaFunction Load(ReadOnlySpan<byte> source, string chunkName, LuaTable? env = null)
    {
        if (BinaryChunk.IsBinary(source))
        {
            var (name, text) = BinaryChunk.Read(source);
            return Load(text, name, env);
        }
        return ChunkCompiler.Compile(source, chunkName, env ?? Globals);
    }

    /// <summary>Compiles and runs <paramref name="source"/> on the main thread; returns its results.</summary>
    public LuaValue[] DoString(string source, string chunkName = "=(string)")
    {
        var f = Load(Encoding.UTF8.GetBytes(source), chunkName);
        return Call(f);
    }

    /// <summary>Calls a Lua value on the main thread with <paramref name="args"/>; returns all results.</summary>
    public LuaValue[] Call(LuaValue f, params LuaValue[] args)
    {
        var t = MainThread;
        int b = t.Top;
        t.EnsureStack(b + args.Length + 1);
        args.CopyTo(t.Stack.AsSpan(b));
        int savedFrames = t.FrameCount;
        try
        {
            int n = t.Call(f, b, args.Length);
            return t.Stack.AsSpan(b, n).ToArray();
        }
        catch (LuaException e) when (RecordTraceback(t, e))
        {
            throw; // never reached: the filter only records
        }
        catch (Exception e) when (HostExceptions.IsConvertible(e))
        {
            var error = HostExceptions.ToLuaError(t, e);
            error.LuaStackTrace ??= t.Traceback(null, 1);
            throw error;
        }
        finally
        {
            t.FrameCount = savedFrames;
            t.RestoringFrame = null;
        }
    }

    /// <summary>
    /// Runs as an exception filter, i.e. before the stack unwinds: keeps the traceback of where an error
    /// was raised on the exception (<see cref="LuaException.LuaStackTrace"/>), for error logs.
    /// </summary>
    private static bool RecordTraceback(LuaThread thread, LuaException e)
    {
        e.LuaStackTrace ??= thread.Traceback(null, 1);
        return false;
    }

    /// <summary>Makes a coroutine running <paramref name="body"/> (coroutine.create).</summary>
    public LuaThread NewThread(LuaFunction body) => new(this, body);
}
