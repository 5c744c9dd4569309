namespace Tidegate.Web.Cli;

/// <summary>nginx's command line, as ngx_get_options reads it (options may be glued: <c>-pDIR</c>, <c>-tq</c>).</summary>
public sealed class CommandLine
{
    public string? Prefix { get; private set; }
    public string? ConfFile { get; private set; }
    public string? GlobalDirectives { get; private set; }
    public string? ErrorLogPath { get; private set; }
    public string? Signal { get; private set; }
    public bool Test { get; private set; }
    public bool TestAndDump { get; private set; }
    public bool Quiet { get; private set; }
    public bool ShowVersion { get; private set; }
    public bool ShowConfigure { get; private set; }
    public bool ShowHelp { get; private set; }
    public bool NoArguments { get; private set; }

    /// <summary>Parses; an invalid command line throws with nginx's message (printed after "tidegate: ").</summary>
    public static CommandLine Parse(string[] args)
    {
        var cl = new CommandLine { NoArguments = args.Length == 0 };
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg.Length < 2 || arg[0] != '-') throw new ArgumentException($"invalid option: \"{arg}\"");
            for (int j = 1; j < arg.Length; j++)
            {
                char c = arg[j];
                switch (c)
                {
                    case '?': case 'h': cl.ShowHelp = cl.ShowVersion = true; break;
                    case 'v': cl.ShowVersion = true; break;
                    case 'V': cl.ShowVersion = cl.ShowConfigure = true; break;
                    case 't': cl.Test = true; break;
                    case 'T': cl.Test = cl.TestAndDump = true; break;
                    case 'q': cl.Quiet = true; break;
                    case 'p': cl.Prefix = Value(args, ref i, arg, j, "-p", "requires directory name"); j = arg.Length; break;
                    case 'c': cl.ConfFile = Value(args, ref i, arg, j, "-c", "requires file name"); j = arg.Length; break;
                    case 'e': cl.ErrorLogPath = Value(args, ref i, arg, j, "-e", "requires file name"); j = arg.Length; break;
                    case 'g': cl.GlobalDirectives = Value(args, ref i, arg, j, "-g", "requires parameter"); j = arg.Length; break;
                    case 's':
                        string signal = Value(args, ref i, arg, j, "-s", "requires parameter");
                        if (signal is not ("stop" or "quit" or "reopen" or "reload"))
                            throw new ArgumentException($"invalid option: \"-s {signal}\"");
                        cl.Signal = signal;
                        j = arg.Length;
                        break;
                    default: throw new ArgumentException($"invalid option: \"{c}\"");
                }
            }
        }
        return cl;
    }

    private static string Value(string[] args, ref int i, string arg, int j, string option, string requirement)
    {
        if (j + 1 < arg.Length) return arg[(j + 1)..];
        if (i + 1 < args.Length) return args[++i];
        throw new ArgumentException($"option \"{option}\" {requirement}");
    }

    public const string Usage =
        "Usage: tidegate [-?hvVtTq] [-s signal] [-p prefix]\n" +
        "             [-e filename] [-c filename] [-g directives]\n\n" +
        "Options:\n" +
        "  -?,-h         : this help\n" +
        "  -v            : show version and exit\n" +
        "  -V            : show version and compatibility, then exit\n" +
        "  -t            : test configuration and exit\n" +
        "  -T            : test configuration, dump it and exit\n" +
        "  -q            : suppress non-error messages during configuration testing\n" +
        "  -s signal     : send signal to a master process: stop, quit, reopen, reload\n" +
        "  -p prefix     : set prefix path (default: the current directory)\n" +
        "  -e filename   : set error log file (default: logs/error.log)\n" +
        "  -c filename   : set configuration file (default: conf/nginx.conf)\n" +
        "  -g directives : set global directives out of configuration file\n";
}
