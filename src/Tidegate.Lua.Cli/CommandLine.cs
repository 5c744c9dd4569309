namespace Tidegate.Lua.Cli;

/// <summary>One <c>-e</c>, <c>-l</c> or <c>-j</c> option, run in command-line order before the script.</summary>
public readonly record struct StartupAction(char Option, string Argument);

/// <summary>
/// The command line as luajit reads it (luajit.c's collectargs): options up to the first non-option,
/// "--" or "-", then the script and its arguments. <see cref="ScriptIndex"/> is luajit's "argn": the
/// index of the script in <see cref="Arguments"/>, or Arguments.Length when there is none; the global
/// <c>arg</c> table is built around it (arg[0] = script, options at negative indices).
/// </summary>
public sealed class CommandLine
{
    /// <summary>Everything after the program name.</summary>
    public required string[] Arguments { get; init; }
    /// <summary>The program name, arg[-n] in Lua (luajit uses its argv[0]).</summary>
    public required string ProgramName { get; init; }
    public int ScriptIndex { get; init; }
    public List<StartupAction> Actions { get; } = new();
    public bool Interactive { get; init; }
    public bool ShowVersion { get; init; }
    /// <summary>-E: ignore LUA_INIT, LUA_PATH and LUA_CPATH.</summary>
    public bool IgnoreEnvironment { get; init; }
    /// <summary>Some -e was given (then no script means no prompt).</summary>
    public bool HasExec { get; init; }
    /// <summary>-b: bytecode save/list, which this engine does not have.</summary>
    public bool BytecodeMode { get; init; }

    public bool HasScript => ScriptIndex < Arguments.Length;
    public string? Script => HasScript ? Arguments[ScriptIndex] : null;

    /// <summary>The script reads stdin: "-" not preceded by "--".</summary>
    public bool ScriptIsStdin => HasScript && Arguments[ScriptIndex] == "-" && (ScriptIndex == 0 || Arguments[ScriptIndex - 1] != "--");

    /// <summary>Parses <paramref name="args"/>; null when they are invalid (the caller prints the usage).</summary>
    public static CommandLine? Parse(string[] args, string programName = "tidegate-lua")
    {
        var actions = new List<StartupAction>();
        bool interactive = false, version = false, noEnv = false, exec = false, bytecode = false;
        int i = 0;
        for (; i < args.Length; i++)
        {
            string a = args[i];
            if (a.Length == 0 || a[0] != '-') break;
            if (a.Length == 1) break; // "-": the script is stdin
            char option = a[1];
            switch (option)
            {
                case '-':
                    if (a.Length != 2) return null;
                    i++;
                    goto done;
                case 'i':
                    if (a.Length != 2) return null;
                    interactive = true;
                    version = true;
                    break;
                case 'v':
                    if (a.Length != 2) return null;
                    version = true;
                    break;
                case 'e':
                case 'l':
                case 'j':
                {
                    if (option == 'e') exec = true;
                    string argument = a[2..];
                    if (argument.Length == 0)
                    {
                        if (++i >= args.Length) return null;
                        argument = args[i];
                    }
                    actions.Add(new StartupAction(option, argument));
                    break;
                }
                case 'O':
                    break; // optimisation flags: the .NET JIT decides; accepted and ignored
                case 'E':
                    noEnv = true;
                    break;
                case 'b':
                    // luajit: -b takes the rest of the command line, and only as the first option.
                    if (interactive || version || exec || actions.Count > 0 || noEnv) return null;
                    bytecode = true;
                    i++;
                    goto done;
                default:
                    return null;
            }
        }
        done:
        var line = new CommandLine
        {
            Arguments = args,
            ProgramName = programName,
            ScriptIndex = i,
            Interactive = interactive,
            ShowVersion = version,
            IgnoreEnvironment = noEnv,
            HasExec = exec,
            BytecodeMode = bytecode,
        };
        line.Actions.AddRange(actions);
        return line;
    }

    public const string Usage =
        "usage: tidegate-lua [options]... [script [args]...].\n" +
        "Available options are:\n" +
        "  -e chunk  Execute string 'chunk'.\n" +
        "  -l name   Require library 'name'.\n" +
        "  -j cmd    Accepted for compatibility with luajit; ignored.\n" +
        "  -O[opt]   Accepted for compatibility with luajit; ignored.\n" +
        "  -i        Enter interactive mode after executing 'script'.\n" +
        "  -v        Show version information.\n" +
        "  -E        Ignore environment variables.\n" +
        "  --        Stop handling options.\n" +
        "  -         Execute stdin and stop handling options.\n";
}
