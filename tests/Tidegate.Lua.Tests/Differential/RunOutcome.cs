namespace Tidegate.Lua.Tests.Differential;

/// <summary>
/// What one interpreter did with one script, reduced to what the differential test compares:
/// stdout bytes, exit status, and the first stderr line without the program-name prefix.
/// </summary>
public sealed class RunOutcome
{
    public required byte[] Stdout { get; init; }
    public required int ExitCode { get; init; }
    /// <summary>The first line of stderr, with "luajit: " or "tidegate-lua: " removed.</summary>
    public required string StderrFirstLine { get; init; }
    public required string StderrFull { get; init; }
    public bool TimedOut { get; init; }

    public bool SameAs(RunOutcome other) =>
        !TimedOut && !other.TimedOut
        && ExitCode == other.ExitCode
        && StderrFirstLine == other.StderrFirstLine
        && Stdout.AsSpan().SequenceEqual(other.Stdout);

    /// <summary>A short description of the first difference, for a known-failures reason.</summary>
    public string FirstDifference(RunOutcome actual)
    {
        if (actual.TimedOut) return "timed out";
        if (actual.ExitCode != ExitCode && actual.StderrFirstLine != StderrFirstLine)
            return Truncate($"exit {actual.ExitCode}: {actual.StderrFirstLine}");
        if (!actual.Stdout.AsSpan().SequenceEqual(Stdout)) return DescribeStdoutDifference(Stdout, actual.Stdout);
        if (actual.ExitCode != ExitCode) return $"exit {actual.ExitCode}, expected {ExitCode}";
        return Truncate($"stderr: {actual.StderrFirstLine} | luajit: {StderrFirstLine}", 160);
    }

    // "stdout line 3: got 'x' expected 'y'" — enough to triage a known failure at a glance.
    private static string DescribeStdoutDifference(byte[] expected, byte[] actual)
    {
        var e = Lines(expected);
        var a = Lines(actual);
        int i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i]) i++;
        // Start both excerpts a little before the first differing column, so long lines that
        // differ near the end still show the difference.
        int column = 0;
        if (i < e.Length && i < a.Length)
            while (column < e[i].Length && column < a[i].Length && e[i][column] == a[i][column]) column++;
        int from = Math.Max(0, column - 20);
        string Show(string[] lines) => i >= lines.Length ? "<end>"
            : "'" + (from > 0 ? "..." : "") + Truncate(lines[i][Math.Min(from, lines[i].Length)..], 60) + "'";
        return $"stdout line {i + 1}: got {Show(a)} expected {Show(e)}";
    }

    // Latin-1 keeps one char per byte; control bytes are escaped so the reason stays one line.
    private static string[] Lines(byte[] bytes)
    {
        var text = new System.Text.StringBuilder();
        foreach (var b in bytes)
            text.Append(b switch
            {
                (byte)'\n' => "\n",
                (byte)'\t' => "\\t",
                >= 32 and < 127 => ((char)b).ToString(),
                _ => $"\\x{b:X2}",
            });
        return text.ToString().Split('\n');
    }

    private static string Truncate(string text, int max = 100) => text.Length <= max ? text : text[..max] + "...";
}
