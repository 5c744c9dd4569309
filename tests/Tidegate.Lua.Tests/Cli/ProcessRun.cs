using System.Diagnostics;
using System.Text;

namespace Tidegate.Lua.Tests.Cli;

/// <summary>What a finished interpreter process produced.</summary>
public sealed record ProcessResult(string Stdout, string Stderr, int ExitCode)
{
    /// <summary>stderr with the program name ("luajit: " / "tidegate-lua: ") taken off each line that starts with it.</summary>
    public string StderrWithoutProgramName => string.Join('\n', Stderr.Split('\n').Select(StripName));

    /// <summary>The first line of stderr without the program name: the message itself.</summary>
    public string ErrorMessage => StripName(Stderr.Split('\n')[0]);

    /// <summary>Takes off "luajit: " (or "/usr/bin/luajit: ", luajit names itself by its argv[0]) and "tidegate-lua: ".</summary>
    private static string StripName(string line) =>
        System.Text.RegularExpressions.Regex.Replace(line, @"^(\S*/)?(luajit|tidegate-lua): ", "");
}

/// <summary>
/// Runs luajit (the reference) or the built tidegate-lua as a child process with arguments, stdin and a
/// working directory, so the CLI is tested as users run it.
/// </summary>
public static class ProcessRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static ProcessResult LuaJit(string workingDirectory, string stdin, params string[] args)
    {
        var (program, prefix) = LuaJitCommand();
        return Run(program, prefix, workingDirectory, stdin, args);
    }

    public static ProcessResult TidegateLua(string workingDirectory, string stdin, params string[] args)
    {
        var (program, prefix) = TidegateLuaCommand();
        return Run(program, prefix, workingDirectory, stdin, args);
    }

    /// <summary>luajit started with no stdin at all (descriptor 0 closed, as by a shell's <c>&lt;&amp;-</c>).</summary>
    public static ProcessResult LuaJitWithoutStdin(string workingDirectory, params string[] args) =>
        RunWithoutStdin(LuaJitCommand(), workingDirectory, args);

    /// <summary>tidegate-lua started with no stdin at all.</summary>
    public static ProcessResult TidegateLuaWithoutStdin(string workingDirectory, params string[] args) =>
        RunWithoutStdin(TidegateLuaCommand(), workingDirectory, args);

    private static (string Program, string[] Prefix) LuaJitCommand()
    {
        var luajit = FindOnPath("luajit") ?? throw new InvalidOperationException(
            "luajit not found on PATH: these tests compare with the reference interpreter; run scripts/setup");
        return (luajit, Array.Empty<string>());
    }

    private static (string Program, string[] Prefix) TidegateLuaCommand()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "tidegate-lua.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet)) dotnet = FindOnPath("dotnet") ?? "dotnet";
        return (dotnet, new[] { dll });
    }

    /// <summary>Runs a command through /bin/sh, which closes descriptor 0 and then execs it.</summary>
    private static ProcessResult RunWithoutStdin((string Program, string[] Prefix) command, string workingDirectory, string[] args) =>
        Run("/bin/sh", new[] { "-c", "exec \"$@\" <&-", "sh", command.Program }.Concat(command.Prefix).ToArray(), workingDirectory, "", args);

    private static ProcessResult Run(string program, string[] prefix, string workingDirectory, string stdin, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in prefix) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        // The environment must not steer either interpreter differently.
        start.Environment.Remove("LUA_INIT");
        start.Environment.Remove("LUA_PATH");
        start.Environment.Remove("LUA_CPATH");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        var outBuffer = new MemoryStream();
        var errBuffer = new MemoryStream();
        var readOut = process.StandardOutput.BaseStream.CopyToAsync(outBuffer);
        var readErr = process.StandardError.BaseStream.CopyToAsync(errBuffer);
        try
        {
            process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(stdin));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // the interpreter finished without reading its input
        }
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish");
        }
        process.WaitForExit();
        Task.WaitAll(readOut, readErr);
        return new ProcessResult(Encoding.UTF8.GetString(outBuffer.ToArray()), Encoding.UTF8.GetString(errBuffer.ToArray()), process.ExitCode);
    }

    internal static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>A fresh directory under the temp folder, holding the given files.</summary>
    public static string TempDirectory(params (string Name, string Content)[] files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "tidegate-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
        return dir;
    }
}
