using Tidegate.Lua.Cli;
using Tidegate.Lua.Emit;
using Tidegate.Lua.Library;
using Tidegate.Lua.Runtime;

// tidegate-lua: runs Lua scripts as luajit does (see CommandLine and CliSession for the rules).
// bin/tidegate-lua passes the name it was invoked by in TIDEGATE_LUA_ARGV0, which becomes arg[-n]
// as luajit's argv[0] does.
var line = CommandLine.Parse(args, Environment.GetEnvironmentVariable("TIDEGATE_LUA_ARGV0") ?? "tidegate-lua");
if (line is null)
{
    Console.Error.Write(CommandLine.Usage);
    return 1;
}

int status = 1;
// Deep recursion in compiled Lua code needs a deep .NET stack: scripts run on a thread with 1 GiB of it.
var runner = new Thread(() => status = Run(line), maxStackSize: 1 << 30) { Name = "tidegate-lua" };
runner.Start();
runner.Join();
return status;

static int Run(CommandLine line)
{
    // Files run by require/dofile/loadfile are loaded a bounded number of times in a process that ends with its
    // script, so their code is permanent and tiered by the runtime (CompiledCodeLifetime; load's strings stay collectible).
    var state = new LuaState { StandardOutput = StandardStreams.Open(), StandardInput = StandardStreams.OpenInput(),
        FileCodeLifetime = CompiledCodeLifetime.Permanent };
    OsLibrary.SetExitHandler(state, code =>
    {
        Flush(state);
        Environment.Exit(code);
    });
    var session = new CliSession(line, state, stdinIsTerminal: !Console.IsInputRedirected);
    int result;
    try
    {
        result = session.Run();
    }
    catch (Exception e)
    {
        // Anything the engine failed to turn into a Lua error: report it rather than crash with a .NET trace.
        session.Report(Tidegate.Lua.Runtime.LuaString.FromUtf8("internal error: " + e));
        result = 1;
    }
    // luajit closes its state on the way out (not after os.exit), which runs the remaining __gc finalizers.
    try
    {
        UserdataFinalizers.RunAll(state);
    }
    catch (Exception)
    {
        // a finalizer's failure at exit is not reported, as lua_close does not report it
    }
    Flush(state);
    return result;
}

static void Flush(LuaState state)
{
    try
    {
        IoLibrary.FlushAll(state);
        state.StandardOutput.Flush();
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        // stdout is gone or unusable; nothing left to save
    }
}
