using System.Text;
using Tidegate.Lua.Library;

namespace Tidegate.Lua.Tests.Library;

/// <summary>
/// Runs a script on luajit (the reference) and in-process, and asserts the outputs are equal, so every
/// expectation of the string, table and math tests comes from luajit itself. Scripts print no addresses.
/// Output is compared as Latin-1 text, so every byte value counts.
/// </summary>
public static class StringTableMathReference
{
    public static void AssertSameOutput(string script)
    {
        var bytes = Encoding.Latin1.GetBytes(script);
        var dir = Path.Combine(Path.GetTempPath(), "tidegate-stm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "t.lua"), bytes);
            var expected = LuaJitOutput(dir);
            var actual = RunInProcess(bytes);
            if (expected != actual)
            {
                // Point at the first differing line: these scripts print many lines.
                var e = expected.Split('\n');
                var a = actual.Split('\n');
                for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
                {
                    string el = i < e.Length ? e[i] : "<end>", al = i < a.Length ? a[i] : "<end>";
                    Assert.True(el == al, $"line {i + 1} differs\nluajit:   {el}\ntidegate: {al}");
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>luajit's stdout as raw bytes (read as Latin-1, so no byte is lost to decoding).</summary>
    private static string LuaJitOutput(string dir)
    {
        var start = new System.Diagnostics.ProcessStartInfo("luajit")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("t.lua");
        start.Environment.Remove("LUA_INIT");
        start.Environment.Remove("LUA_PATH");
        using var process = System.Diagnostics.Process.Start(start)
            ?? throw new InvalidOperationException("luajit not found: these tests compare with the reference interpreter");
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        string stderr = process.StandardError.ReadToEnd();
        copy.Wait();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "luajit failed on the script itself: " + stderr);
        return Encoding.Latin1.GetString(stdout.ToArray());
    }

    public static string RunInProcess(byte[] script)
    {
        var output = new MemoryStream();
        var state = new LuaState { StandardOutput = output, StandardError = new MemoryStream(), StandardInput = new MemoryStream() };
        StandardLibraries.OpenAll(state, ignoreEnvironment: true);
        if (state.Globals["string"].IsNil) StringLibrary.Open(state);
        if (state.Globals["table"].IsNil) TableLibrary.Open(state);
        if (state.Globals["math"].IsNil) MathLibrary.Open(state);
        var chunk = state.Load(script, "@t.lua");
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { state.Call(chunk); }
            catch (Exception e) { failure = e; }
        }, 64 << 20);
        thread.Start();
        thread.Join();
        state.StandardOutput.Flush();
        if (failure is LuaException le)
            Assert.Fail("uncaught Lua error: " + le.Value + "\noutput so far:\n" + Encoding.Latin1.GetString(output.ToArray()));
        if (failure is not null) throw failure;
        return Encoding.Latin1.GetString(output.ToArray());
    }
}
