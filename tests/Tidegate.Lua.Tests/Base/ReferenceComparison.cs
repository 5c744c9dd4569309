using System.Text;
using Tidegate.Lua.Library;
using Tidegate.Lua.Tests.Cli;

namespace Tidegate.Lua.Tests.Base;

/// <summary>
/// Runs a script in-process on a fresh state with the standard libraries, and on luajit as "t.lua" in a
/// scratch directory, so expectations always come from the reference. Chunk names match ("@t.lua"),
/// so error positions compare too.
/// </summary>
public static class ReferenceComparison
{
    /// <summary>Asserts that the script prints the same on both; returns that output.</summary>
    public static string AssertSameOutput(string script)
    {
        var dir = ProcessRun.TempDirectory(("t.lua", script));
        try
        {
            var expected = ProcessRun.LuaJit(dir, "", "t.lua");
            Assert.True(expected.ExitCode == 0, "luajit failed on the script itself: " + expected.Stderr);
            var actual = RunInProcess(script);
            Assert.Equal(expected.Stdout, actual);
            return actual;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Our output for the script. (Files it needs are reached by absolute path: the current directory is process-wide.)</summary>
    public static string RunInProcess(string script)
    {
        var output = new MemoryStream();
        var state = new LuaState { StandardOutput = output, StandardError = new MemoryStream(), StandardInput = new MemoryStream() };
        StandardLibraries.OpenAll(state, ignoreEnvironment: true);
        var chunk = state.Load(Encoding.UTF8.GetBytes(script), "@t.lua");
        // Run on a thread with a big stack, as the CLI does.
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { state.Call(chunk); }
            catch (Exception e) { failure = e; }
        }, 256 << 20);
        thread.Start();
        thread.Join();
        if (failure is LuaException le) Assert.Fail("uncaught Lua error: " + le.Value + "\noutput so far:\n" + Encoding.UTF8.GetString(output.ToArray()));
        if (failure is not null) throw failure;
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
