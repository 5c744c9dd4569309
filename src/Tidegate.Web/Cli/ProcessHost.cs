using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Tidegate.Web.Config;
using Tidegate.Web.Hosting;
using Tidegate.Web.Logging;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Cli;

/// <summary>
/// The `tidegate` process: nginx's command-line behaviour (-t, -T, -s, -v, -V), daemon mode, the
/// pid file and signals (QUIT graceful, TERM/INT fast, HUP reload keeping the old configuration
/// when the new one fails, USR1 reopen logs). There is one process: nginx's master and workers
/// become this process and its worker threads, so master_process on/off behave the same.
/// </summary>
public sealed class ProcessHost
{
    private const string DaemonChildVariable = "TIDEGATE_DAEMON_CHILD";
    private const string ReadyMarker = "\u0001tidegate-ready\u0001";
    private readonly CommandLine options;
    private readonly string prefix;
    private readonly string? confFile;
    private ErrorLog startupLog;
    private ConfigParser? lastParser;

    public ProcessHost(CommandLine options)
    {
        this.options = options;
        string p = options.Prefix ?? (options.NoArguments ? Path.GetTempPath() : Directory.GetCurrentDirectory());
        prefix = Path.GetFullPath(p).TrimEnd('/') + "/";
        if (options.ConfFile is { } c) confFile = Path.IsPathRooted(c) ? c : prefix + c;
        else if (!options.NoArguments) confFile = prefix + "conf/nginx.conf";
        startupLog = options.ErrorLogPath is { } e && e != "stderr"
            ? new ErrorLog(new[] { new ErrorLogTarget(Path.IsPathRooted(e) ? e : prefix + e, LogLevel.Notice) })
            : ErrorLog.StderrOnly();
    }

    private string ConfName => confFile ?? DefaultConfig.PretendPath;

    public static int Execute(string[] args)
    {
        CommandLine options;
        try { options = CommandLine.Parse(args); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("tidegate: " + e.Message);
            return 1;
        }
        if (options.ShowVersion)
        {
            Console.Error.WriteLine($"tidegate version: {ServerVersion.NameAndVersion}");
            if (options.ShowHelp) Console.Error.Write(CommandLine.Usage);
            if (options.ShowConfigure)
            {
                Console.Error.WriteLine($"built with {RuntimeInformation.FrameworkDescription}");
                Console.Error.WriteLine($"compatible with nginx/{ServerVersion.NginxCompatible} and ngx_lua {ServerVersion.NgxLuaCompatible} (lua-nginx-module), with the echo and headers-more modules built in");
            }
            if (!options.Test && options.Signal is null) return 0;
        }
        return new ProcessHost(options).Run();
    }

    private int Run()
    {
        ServerConfiguration config;
        List<ConfigDirective> tree;
        ConfigCompiler compiler;
        try
        {
            (config, tree, compiler) = Load();
        }
        catch (ConfigException e)
        {
            startupLog.Write(LogLevel.Emerg, e.Message);
            if (options.Test) Console.Error.WriteLine($"tidegate: configuration file {ConfName} test failed");
            return 1;
        }

        if (options.Test)
        {
            try { using var logs = OpenErrorLog(config); }
            catch (ConfigException e)
            {
                startupLog.Write(LogLevel.Emerg, e.Message);
                Console.Error.WriteLine($"tidegate: configuration file {ConfName} test failed");
                return 1;
            }
            if (!options.Quiet || options.TestAndDump)
            {
                Console.Error.WriteLine($"tidegate: the configuration file {ConfName} syntax is ok");
                Console.Error.WriteLine($"tidegate: configuration file {ConfName} test is successful");
            }
            if (options.TestAndDump) Dump();
            return 0;
        }

        if (options.Signal is { } signal) return SendSignal(config, signal);

        if (config.Daemon && Environment.GetEnvironmentVariable(DaemonChildVariable) is null)
            return LaunchDaemon();
        return Serve(config, compiler).GetAwaiter().GetResult();
    }

    private (ServerConfiguration, List<ConfigDirective>, ConfigCompiler) Load()
    {
        string confPrefix = confFile is null ? prefix : Path.GetDirectoryName(confFile)! + "/";
        var parser = new ConfigParser(confPrefix);
        lastParser = parser;
        List<ConfigDirective> tree;
        if (confFile is null)
        {
            string text = DefaultConfig.Text(Path.Combine(Path.GetTempPath(), $"tidegate-{Environment.UserName}.pid"));
            tree = options.GlobalDirectives is { } g
                ? parser.ParseText(g + "\n", "command line").Concat(parser.ParseText(text, DefaultConfig.PretendPath)).ToList()
                : parser.ParseText(text, DefaultConfig.PretendPath);
        }
        else tree = parser.ParseMain(confFile, options.GlobalDirectives);
        var compiler = new ConfigCompiler(prefix, ConfName);
        var config = compiler.Compile(tree);
        if (options.ErrorLogPath is { } e && !tree.Any(d => d.Name == "error_log"))
        {
            string path = e == "stderr" ? "stderr" : Path.IsPathRooted(e) ? e : prefix + e;
            config = config.WithErrorLogs(new[] { new ErrorLogTarget(path, LogLevel.Error) });
        }
        return (config, tree, compiler);
    }

    private static ErrorLog OpenErrorLog(ServerConfiguration config)
    {
        foreach (var target in config.ErrorLogs)
        {
            if (target.Path == "stderr") continue;
            try { using var _ = new FileStream(target.Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                string reason = e is DirectoryNotFoundException or FileNotFoundException ? "2: No such file or directory" : e is UnauthorizedAccessException ? "13: Permission denied" : e.Message;
                throw new ConfigException($"open() \"{target.Path}\" failed ({reason})");
            }
        }
        return new ErrorLog(config.ErrorLogs);
    }

    /// <summary>-T: every configuration file read, as nginx dumps them (to stdout).</summary>
    private void Dump()
    {
        if (lastParser is null) return;
        var stdout = Console.OpenStandardOutput();
        foreach (var (file, content) in lastParser.FilesRead)
        {
            stdout.Write(Encoding.UTF8.GetBytes($"# configuration file {file}:\n"));
            stdout.Write(content);
            if (content.Length == 0 || content[^1] != '\n') stdout.Write("\n"u8);
            stdout.Write("\n"u8);
        }
        stdout.Flush();
    }

    private int SendSignal(ServerConfiguration config, string name)
    {
        string text;
        try { text = File.ReadAllText(config.PidPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            startupLog.Write(LogLevel.Error, $"open() \"{config.PidPath}\" failed ({(e is FileNotFoundException or DirectoryNotFoundException ? "2: No such file or directory" : e.Message)})");
            return 1;
        }
        if (!int.TryParse(text.Trim(), out int pid) || pid <= 0)
        {
            startupLog.Write(LogLevel.Error, $"invalid PID number \"{text.Trim()}\" in \"{config.PidPath}\"");
            return 1;
        }
        int signal = name switch { "stop" => Native.SIGTERM, "quit" => Native.SIGQUIT, "reopen" => Native.SIGUSR1, _ => Native.SIGHUP };
        if (Native.kill(pid, signal) != 0)
        {
            startupLog.Write(LogLevel.Alert, $"kill({pid}, {signal}) failed ({Native.ErrnoText(Marshal.GetLastPInvokeError())})");
            return 1;
        }
        return 0;
    }

    /// <summary>
    /// daemon on: start a copy of this process detached from the terminal and return 0 once it
    /// listens (or its exit status and messages if it fails), as nginx's launcher returns after fork.
    /// </summary>
    private int LaunchDaemon()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in Environment.GetCommandLineArgs().Skip(1)) start.ArgumentList.Add(arg);
        start.Environment[DaemonChildVariable] = "1";
        using var child = Process.Start(start)!;
        child.StandardInput.Close();
        var stderr = Console.OpenStandardError();
        while (child.StandardError.ReadLine() is { } line)
        {
            if (line == ReadyMarker) return 0;
            stderr.Write(Encoding.UTF8.GetBytes(line + "\n"));
        }
        child.WaitForExit();
        return child.ExitCode == 0 ? 1 : child.ExitCode;
    }

    private async Task<int> Serve(ServerConfiguration config, ConfigCompiler compiler)
    {
        bool daemonChild = Environment.GetEnvironmentVariable(DaemonChildVariable) is not null;
        if (daemonChild) Native.setsid();

        ErrorLog errorLog;
        ServerRuntime runtime;
        try
        {
            errorLog = OpenErrorLog(config);
            runtime = new ServerRuntime(config, errorLog);
            runtime.OpenAccessLogs();
            runtime.PrepareWorkers();
            runtime.Bind(null);
        }
        catch (ConfigException e)
        {
            startupLog.Write(LogLevel.Emerg, e.Message);
            return 1;
        }
        catch (Lua.LuaInitException e)
        {
            // init_by_lua failed: nginx stops before it serves, with the error on stderr and in the log.
            startupLog.Write(LogLevel.Error, e.Message);
            return 1;
        }
        foreach (var (level, message) in compiler.Warnings) errorLog.Write(level, message);
        try { WritePidFile(config.PidPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            startupLog.Write(LogLevel.Emerg, $"open() \"{config.PidPath}\" failed ({(e is DirectoryNotFoundException ? "2: No such file or directory" : e.Message)})");
            await runtime.DisposeAsync();
            return 1;
        }

        Native.UnignoreSignals();
        var signals = Channel.CreateUnbounded<int>();
        GracefulExitRequest.Register(() => signals.Writer.TryWrite(GracefulExitRequest.Signal));
        var registrations = new List<PosixSignalRegistration>();
        foreach (int signal in new[] { Native.SIGHUP, Native.SIGINT, Native.SIGQUIT, Native.SIGTERM, Native.SIGUSR1 })
        {
            registrations.Add(PosixSignalRegistration.Create((PosixSignal)signal, context =>
            {
                context.Cancel = true;
                signals.Writer.TryWrite(signal);
            }));
        }

        errorLog.Write(LogLevel.Notice, ServerVersion.NameAndVersion);
        errorLog.Write(LogLevel.Notice, $"start worker processes ({config.WorkerProcesses} worker threads)");
        runtime.Start();
        if (daemonChild)
        {
            Console.Error.WriteLine(ReadyMarker);
            Console.Error.Flush();
            Native.DetachStdio();
        }
        else if (options.NoArguments)
        {
            Console.Error.WriteLine("tidegate: serving the built-in welcome page on http://127.0.0.1:8080/ (Ctrl-C stops)");
        }


        await foreach (int signal in signals.Reader.ReadAllAsync())
        {
            if (signal != GracefulExitRequest.Signal) errorLog.Write(LogLevel.Notice, $"signal {signal} ({Native.SignalName(signal)}) received");
            if (signal is Native.SIGTERM or Native.SIGINT)
            {
                errorLog.Write(LogLevel.Notice, "exiting");
                runtime.CloseAll();
                await runtime.DisposeAsync();
                break;
            }
            if (signal is Native.SIGQUIT or GracefulExitRequest.Signal)
            {
                errorLog.Write(LogLevel.Notice, "gracefully shutting down");
                await runtime.DrainAsync(TimeSpan.FromSeconds(60));
                await runtime.DisposeAsync();
                errorLog.Write(LogLevel.Notice, "exit");
                break;
            }
            if (signal == Native.SIGUSR1)
            {
                errorLog.Write(LogLevel.Notice, "reopening logs");
                runtime.ReopenLogs();
                continue;
            }
            // SIGHUP: reload.
            errorLog.Write(LogLevel.Notice, "reconfiguring");
            var (next, nextLog) = TryReload(runtime, errorLog);
            if (next is null) continue;
            var old = runtime;
            runtime = next;
            errorLog = nextLog!;
            _ = RetireAsync(old, runtime);
        }
        foreach (var r in registrations) r.Dispose();
        try { if (File.Exists(runtime.Config.PidPath)) File.Delete(runtime.Config.PidPath); } catch (IOException) { }
        errorLog.Dispose();
        return 0;
    }

    /// <summary>Builds and starts the new configuration; on any failure logs it and keeps the old one running.</summary>
    private (ServerRuntime?, ErrorLog?) TryReload(ServerRuntime current, ErrorLog currentLog)
    {
        ServerConfiguration config;
        ConfigCompiler compiler;
        try
        {
            (config, _, compiler) = Load();
        }
        catch (ConfigException e)
        {
            currentLog.Write(LogLevel.Emerg, e.Message);
            return (null, null);
        }
        ErrorLog log;
        ServerRuntime next;
        var inherited = current.Listeners;
        try
        {
            log = OpenErrorLog(config);
            next = new ServerRuntime(config, log, current);
            next.OpenAccessLogs();
            next.PrepareWorkers();
            next.Bind(inherited);
        }
        catch (ConfigException e)
        {
            currentLog.Write(LogLevel.Emerg, e.Message);
            return (null, null);
        }
        catch (Lua.LuaInitException e)
        {
            currentLog.Write(LogLevel.Error, e.Message);
            return (null, null);
        }
        foreach (var (level, message) in compiler.Warnings) log.Write(level, message);
        try { WritePidFile(config.PidPath); } catch (IOException) { }
        next.Start();
        log.Write(LogLevel.Notice, "start worker processes (reloaded configuration)");
        return (next, log);
    }

    /// <summary>The old runtime stops accepting, finishes its requests, then closes the sockets the new one does not use.</summary>
    private static async Task RetireAsync(ServerRuntime old, ServerRuntime current)
    {
        var keep = current.Listeners.Values.ToHashSet();
        await old.DrainAsync(TimeSpan.FromSeconds(60));
        foreach (var listener in old.Listeners.Values)
            if (!keep.Contains(listener)) await listener.DisposeAsync();
        old.AccessLog.Dispose();
        if (!ReferenceEquals(old.ErrorLog, current.ErrorLog)) old.ErrorLog.Dispose();
    }

    /// <summary>
    /// Writes the pid file through a temporary file and a rename, so a harness polling for it never reads
    /// it empty (it sees no file, or the whole pid).
    /// </summary>
    private static void WritePidFile(string path)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, Environment.ProcessId + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
