using System.Diagnostics;
using System.Text;

namespace Tidegate.Lua.Tests.Differential;

/// <summary>
/// One Lua interpreter run as a child process: the reference <c>luajit</c> or the built
/// <c>tidegate-lua</c>. Each script runs with its folder as the working directory and is passed
/// by file name only, so chunk names and error positions read the same (<c>t.lua:3:</c>) on both.
/// </summary>
public sealed class Interpreter
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly string _fileName;
    private readonly IReadOnlyList<string> _prefixArgs;

    /// <summary>The name the interpreter puts before an uncaught error on stderr.</summary>
    public string ProgramName { get; }

    private Interpreter(string programName, string fileName, IReadOnlyList<string> prefixArgs)
    {
        ProgramName = programName;
        _fileName = fileName;
        _prefixArgs = prefixArgs;
    }

    /// <summary>The reference. A missing luajit is a failure, never a silent pass.</summary>
    public static Interpreter LuaJit()
    {
        var path = FindOnPath("luajit") ?? throw new InvalidOperationException(
            "luajit not found on PATH: the differential tests need the reference interpreter; run scripts/setup (installs Debian's luajit2)");
        return new Interpreter("luajit", path, []);
    }

    /// <summary>
    /// The engine under test: tidegate-lua.dll, copied next to the test assembly because the
    /// test project references the CLI project; run through the same dotnet host as the tests.
    /// </summary>
    public static Interpreter TidegateLua()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "tidegate-lua.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"tidegate-lua.dll not found in {AppContext.BaseDirectory}: build the solution first", dll);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet)) dotnet = FindOnPath("dotnet") ?? "dotnet";
        return new Interpreter("tidegate-lua", dotnet, [dll]);
    }

    public RunOutcome Run(string scriptPath, ScriptHeader header)
    {
        var directory = Path.GetDirectoryName(scriptPath)!;
        var start = new ProcessStartInfo(_fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in _prefixArgs) start.ArgumentList.Add(a);
        start.ArgumentList.Add(Path.GetFileName(scriptPath));
        foreach (var a in header.Args) start.ArgumentList.Add(a);

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {_fileName}");

        // Read both pipes concurrently: a child that fills one pipe while we wait on the
        // other would deadlock.
        var stdoutTask = ReadAllAsync(process.StandardOutput.BaseStream);
        var stderrTask = ReadAllAsync(process.StandardError.BaseStream);
        var stdinTask = Task.Run(() =>
        {
            try
            {
                if (header.StdinFile != null)
                {
                    var bytes = File.ReadAllBytes(Path.Combine(directory, header.StdinFile));
                    process.StandardInput.BaseStream.Write(bytes);
                }
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The script exited without reading all of stdin: that is its business.
            }
        });

        bool exited = process.WaitForExit(Timeout);
        // A child the script started (io.popen, os.execute) could keep the pipes open after
        // the interpreter exits; give the readers a bounded time to see end-of-file.
        if (exited && !Task.WaitAll([stdoutTask, stderrTask], TimeSpan.FromSeconds(5)))
            exited = false;
        if (!exited)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(TimeSpan.FromSeconds(5));
            // An orphaned grandchild may still hold a pipe: never block the test run on it.
            Task.WaitAll([stdoutTask, stderrTask], TimeSpan.FromSeconds(5));
        }
        stdinTask.Wait(TimeSpan.FromSeconds(5));
        var stdout = stdoutTask.IsCompletedSuccessfully ? stdoutTask.Result : [];
        var stderr = Encoding.UTF8.GetString(stderrTask.IsCompletedSuccessfully ? stderrTask.Result : []);

        return new RunOutcome
        {
            Stdout = stdout,
            ExitCode = exited ? process.ExitCode : -1,
            StderrFull = stderr,
            StderrFirstLine = FirstLineWithoutProgramName(stderr),
            TimedOut = !exited,
        };
    }

    private string FirstLineWithoutProgramName(string stderr)
    {
        var newline = stderr.IndexOf('\n');
        var first = (newline < 0 ? stderr : stderr[..newline]).TrimEnd('\r');
        // luajit names itself by argv[0], which may be a full path ("/usr/bin/luajit: ...").
        var marker = ProgramName + ": ";
        var at = first.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return first;
        var before = first[..at];
        bool isProgramName = before.Length == 0 || (before.EndsWith('/') && !before.Contains(' '));
        return isProgramName ? first[(at + marker.Length)..] : first;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
