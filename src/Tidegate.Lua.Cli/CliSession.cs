using System.Text;
using Tidegate.Lua.Emit;
using Tidegate.Lua.Library;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Cli;

/// <summary>
/// One run of tidegate-lua, step for step as luajit.c's pmain: open the libraries, build <c>arg</c>,
/// LUA_INIT, the version line, the -e/-l actions in order, the script, then the prompt (with -i, or with
/// neither script nor -e when stdin is a terminal; otherwise stdin is run as a script).
/// Every failure is reported as "tidegate-lua: message" on stderr and makes the exit status 1.
/// </summary>
public sealed class CliSession
{
    /// <summary>The name messages on stderr start with ("tidegate-lua: ..."), where luajit puts its argv[0].</summary>
    public const string ReportPrefix = "tidegate-lua";

    public const string VersionLine = "Tidegate.Lua 0.1.0 -- a LuaJIT 2.1-compatible engine for .NET";

    private readonly CommandLine _line;
    private readonly LuaState _state;
    private readonly bool _stdinIsTerminal;

    /// <summary>The name errors are reported under; null inside the interactive prompt (as luajit's dotty).</summary>
    private string? _reportName;

    public CliSession(CommandLine line, LuaState state, bool stdinIsTerminal)
    {
        _line = line;
        _state = state;
        _stdinIsTerminal = stdinIsTerminal;
        _reportName = ReportPrefix;
    }

    public LuaState State => _state;

    /// <summary>Runs everything the command line asks for; returns the process exit status.</summary>
    public int Run()
    {
        StandardLibraries.OpenAll(_state, _line.IgnoreEnvironment);
        CreateArgTable();

        if (!_line.IgnoreEnvironment && !RunLuaInit()) return 1;
        if (_line.ShowVersion) WriteOut(VersionLine + "\n");
        if (_line.BytecodeMode)
        {
            Report(LuaString.FromUtf8("-b (saving or listing bytecode) is not supported by tidegate-lua"));
            return 1;
        }
        if (!RunActions()) return 1;
        if (_line.HasScript && !RunScript()) return 1;

        if (_line.Interactive) new InteractivePrompt(this).Run();
        else if (!_line.HasScript && !_line.HasExec && !_line.ShowVersion)
        {
            if (_stdinIsTerminal)
            {
                WriteOut(VersionLine + "\n");
                new InteractivePrompt(this).Run();
            }
            else if (!RunFile(null)) return 1;
        }
        return 0;
    }

    /// <summary>
    /// The global <c>arg</c>: the script at 0, its arguments at 1.., and the interpreter and options at
    /// negative indices (luajit's createargtable).
    /// </summary>
    private void CreateArgTable()
    {
        var args = _line.Arguments;
        int scriptIndex = _line.ScriptIndex;
        var table = new LuaTable(Math.Max(0, args.Length - scriptIndex), scriptIndex + 1);
        table.Set(-(scriptIndex + 1), LuaString.FromUtf8(_line.ProgramName));
        for (int i = 0; i < args.Length; i++)
            table.Set(i - scriptIndex, LuaString.FromUtf8(args[i]));
        _state.Globals["arg"] = table;
    }

    /// <summary>LUA_INIT: "@file" runs the file, anything else runs as a chunk named "=LUA_INIT".</summary>
    private bool RunLuaInit()
    {
        string? init = Environment.GetEnvironmentVariable("LUA_INIT");
        if (init is null) return true;
        if (init.StartsWith('@')) return RunFile(init[1..]);
        return RunString(init, "=LUA_INIT");
    }

    private bool RunActions()
    {
        foreach (var action in _line.Actions)
        {
            switch (action.Option)
            {
                case 'e':
                    if (!RunString(action.Argument, "=(command line)")) return false;
                    break;
                case 'l':
                    if (!Require(action.Argument)) return false;
                    break;
                case 'j':
                    break; // luajit's JIT control commands have no meaning here
            }
        }
        return true;
    }

    private bool RunString(string source, string chunkName)
    {
        LuaFunction chunk;
        try
        {
            chunk = _state.Load(Encoding.UTF8.GetBytes(source), chunkName, lifetime: CompiledCodeLifetime.Permanent);
        }
        catch (LuaException e)
        {
            ReportError(e.Value, null);
            return false;
        }
        return ProtectedCall(chunk, Array.Empty<LuaValue>(), out _);
    }

    /// <summary>Runs a file (null: stdin) as luajit's dofile does.</summary>
    private bool RunFile(string? path)
    {
        if (!TryLoadFile(path, out var chunk)) return false;
        return ProtectedCall(chunk!, Array.Empty<LuaValue>(), out _);
    }

    private bool TryLoadFile(string? path, out LuaFunction? chunk)
    {
        chunk = null;
        var name = path is null ? null : LuaString.FromUtf8(path);
        if (!BaseLibrary.TryReadChunkFile(_state, name, out var source, out string chunkName, out var error))
        {
            ReportError(error, null);
            return false;
        }
        try
        {
            chunk = _state.Load(source, chunkName, lifetime: CompiledCodeLifetime.Permanent);
            return true;
        }
        catch (LuaException e)
        {
            ReportError(e.Value, null);
            return false;
        }
    }

    /// <summary>-l name: require(name), the result discarded, as luajit's dolibrary.</summary>
    private bool Require(string module)
    {
        var require = _state.Globals["require"];
        return ProtectedCall(require, new LuaValue[] { LuaString.FromUtf8(module) }, out _);
    }

    /// <summary>The script, with the values of arg[1], arg[2], ... (read at run time, as luajit does) as its "...".</summary>
    private bool RunScript()
    {
        if (!TryLoadFile(_line.ScriptIsStdin ? null : _line.Script, out var chunk)) return false;
        var args = new List<LuaValue>();
        if (_state.Globals["arg"].AsTable is { } argTable)
        {
            for (int i = 1; ; i++)
            {
                var v = argTable.Get(i);
                if (v.IsNil) break;
                args.Add(v);
            }
        }
        return ProtectedCall(chunk!, args.ToArray(), out _);
    }

    // ---- calling with luajit's error reporting ----

    /// <summary>
    /// Calls <paramref name="function"/> on the main thread. On an error, reports it as luajit's
    /// traceback handler would: the message plus a traceback taken where the error was raised (an
    /// exception filter runs before the stack unwinds, so the call-frame records are still there).
    /// </summary>
    internal bool ProtectedCall(LuaValue function, LuaValue[] args, out LuaValue[] results)
    {
        string? traceback = null;
        var thread = _state.MainThread;
        try
        {
            results = _state.Call(function, args);
            return true;
        }
        catch (LuaException e) when (CaptureTraceback(thread, ref traceback))
        {
            results = Array.Empty<LuaValue>();
            ReportError(e.Value, traceback);
            return false;
        }
    }

    private static bool CaptureTraceback(LuaThread thread, ref string? traceback)
    {
        try
        {
            traceback = thread.Traceback(null, 1);
        }
        catch (Exception)
        {
            traceback = null; // a traceback is a courtesy: never let it hide the error itself
        }
        return true;
    }

    /// <summary>
    /// The message for an error value, as luajit's traceback handler and report(): strings and numbers
    /// as they are, plus the traceback; other values through __tostring (plus the traceback) when they have
    /// one, else "(error object is not a string)"; nil reports nothing.
    /// </summary>
    internal void ReportError(LuaValue error, string? traceback)
    {
        if (error.IsNil) return;
        LuaString? message = error.Ref as LuaString ?? (error.IsNumber ? LuaNumber.ToLuaString(error.Number) : null);
        if (message is null && !LuaOps.GetMetaMethod(_state, error, MetaEvent.ToString).IsNil)
        {
            try
            {
                var r = _state.Call(LuaOps.GetMetaMethod(_state, error, MetaEvent.ToString), error);
                if (r.Length > 0 && r[0].Ref is LuaString s) message = s;
                else if (r.Length > 0 && r[0].IsNumber) message = LuaNumber.ToLuaString(r[0].Number);
            }
            catch (LuaException)
            {
                message = null;
            }
        }
        if (message is null)
        {
            Report(LuaString.FromUtf8("(error object is not a string)"));
            return;
        }
        if (traceback is not null) message = LuaString.Concat(message, LuaString.FromUtf8("\n" + traceback));
        Report(message);
    }

    /// <summary>luajit's l_message: "name: message\n" on stderr (no name inside the prompt).</summary>
    internal void Report(LuaString message)
    {
        FlushOut();
        var err = _state.StandardError;
        if (_reportName is not null)
        {
            var prefix = Encoding.UTF8.GetBytes(_reportName + ": ");
            err.Write(prefix);
        }
        err.Write(message.Span);
        err.WriteByte((byte)'\n');
        err.Flush();
    }

    internal string? ReportName { get => _reportName; set => _reportName = value; }

    internal void WriteOut(string text)
    {
        _state.StandardOutput.Write(Encoding.UTF8.GetBytes(text));
    }

    internal void FlushOut()
    {
        try
        {
            _state.StandardOutput.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // stdout closed (a pipe reader went away): nothing more can be shown there
        }
    }
}
