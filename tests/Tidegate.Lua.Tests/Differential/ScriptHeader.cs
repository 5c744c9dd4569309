namespace Tidegate.Lua.Tests.Differential;

/// <summary>
/// Optional directives in a script's leading comment lines, so a script can be run with
/// command-line arguments or fed a file on stdin:
/// <code>
/// -- args: one two "three four"
/// -- stdin: input.txt
/// </code>
/// Only the leading block of <c>--</c> comment lines is read; the first other line ends it.
/// </summary>
public sealed record ScriptHeader(IReadOnlyList<string> Args, string? StdinFile)
{
    private const string ArgsDirective = "args:";
    private const string StdinDirective = "stdin:";

    public static ScriptHeader Read(string scriptPath)
    {
        var args = new List<string>();
        string? stdin = null;
        foreach (var rawLine in File.ReadLines(scriptPath))
        {
            var line = rawLine.Trim();
            // A shebang line is allowed before the header (both interpreters skip it).
            if (line.StartsWith("#!", StringComparison.Ordinal)) continue;
            if (!line.StartsWith("--", StringComparison.Ordinal) || line.StartsWith("--[", StringComparison.Ordinal)) break;
            var body = line[2..].Trim();
            if (body.StartsWith(ArgsDirective, StringComparison.Ordinal))
                args.AddRange(SplitArgs(body[ArgsDirective.Length..]));
            else if (body.StartsWith(StdinDirective, StringComparison.Ordinal))
                stdin = body[StdinDirective.Length..].Trim();
        }
        return new ScriptHeader(args, stdin);
    }

    // Words split on blanks; double quotes group a word that holds blanks (no escapes: the
    // corpus needs no more, and a simple rule is easy to read in docs/testing.md).
    private static IEnumerable<string> SplitArgs(string text)
    {
        var current = new System.Text.StringBuilder();
        bool inQuotes = false, hasWord = false;
        foreach (var c in text)
        {
            if (c == '"') { inQuotes = !inQuotes; hasWord = true; continue; }
            if (char.IsWhiteSpace(c) && !inQuotes)
            {
                if (hasWord) yield return current.ToString();
                current.Clear();
                hasWord = false;
                continue;
            }
            current.Append(c);
            hasWord = true;
        }
        if (hasWord) yield return current.ToString();
    }
}
