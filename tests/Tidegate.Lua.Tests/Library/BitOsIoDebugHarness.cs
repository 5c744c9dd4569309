using System.Text;
using Tidegate.Lua.Library;

namespace Tidegate.Lua.Tests.Library;

/// <summary>
/// Calls library host functions directly through a thread's stack, so the os, io, bit and debug
/// libraries can be tested without the compiler.
/// </summary>
public sealed class BitOsIoDebugHarness
{
    public LuaState State { get; } = new();

    public BitOsIoDebugHarness()
    {
        State.StandardOutput = new MemoryStream();
        State.StandardError = new MemoryStream();
        State.StandardInput = new MemoryStream();
        BitLibrary.Open(State);
        OsLibrary.Open(State);
        IoLibrary.Open(State);
        DebugLibrary.Open(State);
    }

    /// <summary>The function at a dotted global path such as "io.open".</summary>
    public LuaValue Lookup(string path)
    {
        LuaValue v = State.Globals;
        foreach (var part in path.Split('.')) v = ((LuaTable)v.Ref!)[part];
        return v;
    }

    public LuaValue[] Call(string path, params LuaValue[] args) => CallValue(Lookup(path), args);

    public LuaValue[] CallValue(LuaValue function, params LuaValue[] args)
    {
        var thread = State.MainThread;
        int b = thread.Top;
        thread.EnsureStack(b + args.Length + 8);
        for (int i = 0; i < args.Length; i++) thread.Stack[b + i] = args[i];
        int n = thread.Call(function, b, args.Length);
        var results = new LuaValue[n];
        Array.Copy(thread.Stack, b, results, 0, n);
        return results;
    }

    /// <summary>The first result.</summary>
    public LuaValue Call1(string path, params LuaValue[] args)
    {
        var r = Call(path, args);
        return r.Length > 0 ? r[0] : LuaValue.Nil;
    }

    /// <summary>The message of the Lua error the call raises.</summary>
    public string Error(string path, params LuaValue[] args)
    {
        var e = Assert.Throws<LuaException>(() => Call(path, args));
        return e.Value.ToString();
    }

    public static LuaValue S(string s) => LuaString.FromLatin1(s);

    public static string Str(LuaValue v) => v.Ref is LuaString s ? s.ToLatin1() : v.ToString();

    /// <summary>The built tidegate-lua.dll next to the test assembly (the test project references the CLI).</summary>
    public static string TidegateDll => Path.Combine(AppContext.BaseDirectory, "tidegate-lua.dll");

    /// <summary>Runs an interpreter as a child process; returns its stdout followed by its stderr.</summary>
    public static string RunProcess(string program, IEnumerable<string> args, string? timeZone = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (timeZone is not null) start.Environment["TZ"] = timeZone;
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output + stderr.Result;
    }

    /// <summary>A script's output on luajit and on tidegate-lua, for a live differential check.</summary>
    public static (string LuaJit, string Tidegate) RunBoth(string script, string? timeZone = null, params string[] args)
    {
        var luajitArgs = new List<string> { "-e", script };
        var tidegateArgs = new List<string> { TidegateDll, "-e", script };
        // -e chunks see no script arguments, so pass them through a global the script reads.
        if (args.Length > 0)
        {
            string set = "ARG = {" + string.Join(",", args.Select(a => "\"" + a + "\"")) + "}";
            luajitArgs.Insert(0, set); luajitArgs.Insert(0, "-e");
            tidegateArgs.Insert(1, set); tidegateArgs.Insert(1, "-e");
        }
        return (RunProcess("luajit", luajitArgs, timeZone), RunProcess("dotnet", tidegateArgs, timeZone));
    }

    public string StdoutText => Encoding.Latin1.GetString(((MemoryStream)State.StandardOutput).ToArray());
}
