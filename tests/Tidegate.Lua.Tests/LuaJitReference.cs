using System.Diagnostics;
using System.Text;
using Tidegate.Lua.Library;

namespace Tidegate.Lua.Tests;

/// <summary>
/// Runs a Lua script in-process on the engine and as a file on the reference <c>luajit</c>, so every
/// expectation of the unit tests that use it comes from luajit, not from a guess. Both run it as a file
/// named <see cref="ChunkFile"/> (chunk name "@test.lua"), so error positions read the same. Output is
/// compared as Latin-1 text, so every byte value counts.
/// </summary>
public static class LuaJitReference
{
    public const string ChunkFile = "test.lua";

    /// <summary>
    /// Asserts that the engine prints what luajit prints, and fails the same way if the script fails
    /// (the error message is compared as luajit's first stderr line shows it).
    /// </summary>
    public static void AssertSame(string script)
    {
        var bytes = Encoding.Latin1.GetBytes(script);
        AssertSameLines(LuaJit(bytes, mustSucceed: false), Engine(bytes));
    }

    /// <summary>Asserts that the script runs cleanly on both and prints the same; returns that output.</summary>
    public static string AssertSameOutput(string script)
    {
        var bytes = Encoding.Latin1.GetBytes(script);
        string expected = LuaJit(bytes, mustSucceed: true);
        string actual = Engine(bytes);
        Assert.False(actual.Contains("\nerror: ") || actual.StartsWith("error: "), "uncaught Lua error on the engine:\n" + actual);
        AssertSameLines(expected, actual);
        return actual;
    }

    /// <summary>A state with the standard libraries and no environment (LUA_PATH, LUA_INIT) read.</summary>
    public static LuaState NewState(Stream output)
    {
        var state = new LuaState { StandardOutput = output, StandardError = new MemoryStream(), StandardInput = new MemoryStream() };
        StandardLibraries.OpenAll(state, ignoreEnvironment: true);
        return state;
    }

    /// <summary>The engine's stdout, plus "error: message" when the chunk raised (as luajit's stderr has it).</summary>
    public static string Engine(string script) => Engine(Encoding.Latin1.GetBytes(script));

    private static string Engine(byte[] script)
    {
        var output = new MemoryStream();
        string? error = null;
        Exception? failure = null;
        // Deep recursion needs a big stack, as the CLI gives scripts.
        var thread = new Thread(() =>
        {
            var state = NewState(output);
            try
            {
                state.Call(state.Load(script, "@" + ChunkFile));
            }
            catch (LuaException e)
            {
                // As luajit's standalone interpreter reports an uncaught error.
                error = e.Value.Ref is LuaString || e.Value.IsNumber ? e.Message : "(error object is not a string)";
            }
            catch (Exception e)
            {
                failure = e;
            }
            state.StandardOutput.Flush();
        }, 512 << 20);
        thread.Start();
        thread.Join();
        if (failure is not null) throw failure;
        var text = Encoding.Latin1.GetString(output.ToArray());
        return error is null ? text : text + "error: " + error + "\n";
    }

    /// <summary>luajit's stdout (Latin-1), plus "error: message" when it failed.</summary>
    private static string LuaJit(byte[] script, bool mustSucceed)
    {
        var dir = Directory.CreateTempSubdirectory("tidegate-reference-");
        try
        {
            File.WriteAllBytes(Path.Combine(dir.FullName, ChunkFile), script);
            var start = new ProcessStartInfo("luajit")
            {
                WorkingDirectory = dir.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(ChunkFile);
            start.Environment.Remove("LUA_INIT");
            start.Environment.Remove("LUA_PATH");
            start.Environment.Remove("LUA_CPATH");
            using var process = Process.Start(start)
                ?? throw new InvalidOperationException("luajit not found: these tests compare with the reference interpreter (install Debian's luajit2)");
            var stdout = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
            string stderr = process.StandardError.ReadToEnd();
            copy.Wait();
            process.WaitForExit();
            string text = Encoding.Latin1.GetString(stdout.ToArray());
            if (process.ExitCode == 0) return text;
            Assert.False(mustSucceed, "luajit failed on the script itself: " + stderr);
            // "luajit: message\nstack traceback:..." -> the message line only
            string first = stderr.Split('\n')[0];
            if (first.StartsWith("luajit: ", StringComparison.Ordinal)) first = first["luajit: ".Length..];
            return text + "error: " + first + "\n";
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Equal outputs, or a failure that points at the first differing line (scripts print many).</summary>
    private static void AssertSameLines(string expected, string actual)
    {
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end>", al = i < a.Length ? a[i] : "<end>";
            Assert.True(el == al, $"line {i + 1} differs\nluajit:   {el}\ntidegate: {al}");
        }
    }
}
