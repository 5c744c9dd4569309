using System.Diagnostics;
using System.Text;
using Tidegate.Lua.Library;

namespace Tidegate.Lua.Tests.Emit;

/// <summary>
/// Runs one Lua snippet in-process on the engine and as a script on the reference <c>luajit</c>, so
/// every expectation in the Emit and Coroutines tests comes from luajit, not from a guess.
/// Both run the snippet as a file named test.lua, so error positions read the same.
/// </summary>
public static class ReferenceRun
{
    public const string ChunkFile = "test.lua";

    /// <summary>Asserts that the engine prints what luajit prints (and fails the same way, if it fails).</summary>
    public static void AssertSameAsLuaJit(string source)
    {
        string expected = LuaJit(source);
        string actual = Engine(source);
        Assert.Equal(expected, actual);
    }

    /// <summary>A state with the standard library, pcall/xpcall/error and coroutine opened.</summary>
    public static LuaState NewState(Stream output)
    {
        var state = new LuaState { StandardOutput = output };
        StandardLibraries.OpenAll(state);
        // Until BaseLibrary.Open and StandardLibraries open them themselves.
        if (state.Globals["pcall"].IsNil) BaseLibrary.OpenProtected(state);
        if (state.Globals["coroutine"].IsNil) CoroutineLibrary.Open(state);
        return state;
    }

    /// <summary>The engine's stdout, plus "error: message" when the chunk raised (as luajit's stderr has it).</summary>
    public static string Engine(string source)
    {
        var output = new MemoryStream();
        string? error = null;
        // Deep recursion needs a big stack, as the CLI gives scripts.
        var thread = new Thread(() =>
        {
            var state = NewState(output);
            try
            {
                state.Call(state.Load(Encoding.UTF8.GetBytes(source), "@" + ChunkFile));
            }
            catch (LuaException e)
            {
                // As luajit's standalone interpreter reports an uncaught error.
                error = e.Value.Ref is LuaString || e.Value.IsNumber ? e.Message : "(error object is not a string)";
            }
        }, 512 << 20);
        thread.Start();
        thread.Join();
        var text = Encoding.UTF8.GetString(output.ToArray());
        return error is null ? text : text + "error: " + error + "\n";
    }

    public static string LuaJit(string source)
    {
        var dir = Directory.CreateTempSubdirectory("tidegate-emit-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, ChunkFile), source);
            var start = new ProcessStartInfo("luajit", ChunkFile)
            {
                WorkingDirectory = dir.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = Process.Start(start) ?? throw new InvalidOperationException("cannot start luajit (install Debian's luajit2)");
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode == 0) return stdout;
            // "luajit: message\nstack traceback:..." -> the message line only
            string first = stderr.Result.Split('\n')[0];
            if (first.StartsWith("luajit: ")) first = first["luajit: ".Length..];
            return stdout + "error: " + first + "\n";
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
