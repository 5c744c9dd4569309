using System.Text;
using Xunit.Sdk;

namespace Tidegate.Lua.Tests.Differential;

/// <summary>
/// Runs every tests/lua script on luajit (the reference, live) and on tidegate-lua, and
/// requires the same stdout bytes, exit status and first stderr line. One theory case per
/// script so a failure names the script. See docs/testing.md.
/// </summary>
public class DifferentialTests
{
    /// <summary>
    /// When set, each case appends "PASS|FAIL script\treason" to this file; the
    /// tests/lua/update-known-failures script uses it to rewrite known-failures.txt with the
    /// same comparison the tests make.
    /// </summary>
    public const string ReportVariable = "TIDEGATE_DIFF_REPORT";

    private static readonly object ReportLock = new();

    public static IEnumerable<object[]> Scripts() => Corpus.Scripts().Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_matches_luajit(string script)
    {
        var path = Corpus.FullPath(script);
        var header = ScriptHeader.Read(path);
        var expected = Interpreter.LuaJit().Run(path, header);
        if (expected.TimedOut)
            throw new XunitException($"{script}: luajit itself timed out after {Interpreter.Timeout.TotalSeconds} s; fix the script");
        // The reference must agree with itself, or the comparison means nothing: a script that
        // prints addresses, pairs order or timings is a broken script, not an engine bug.
        var again = Interpreter.LuaJit().Run(path, header);
        if (!expected.SameAs(again))
            throw new XunitException($"{script}: luajit gives different results on two runs ({expected.FirstDifference(again)}); make the script deterministic");
        var actual = Interpreter.TidegateLua().Run(path, header);

        bool same = expected.SameAs(actual);
        Report(script, same, same ? "" : expected.FirstDifference(actual));

        if (KnownFailures.Contains(script))
        {
            if (same)
                throw new XunitException($"{script} now passes: remove from known-failures.txt");
            return;
        }
        if (!same)
            throw new XunitException(Describe(script, expected, actual));
    }

    [Fact]
    public void Every_known_failure_is_an_existing_script()
    {
        var scripts = Corpus.Scripts().ToHashSet(StringComparer.Ordinal);
        var missing = KnownFailures.Entries.Keys.Where(k => !scripts.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0,
            "known-failures.txt lists scripts that do not exist (remove them): " + string.Join(", ", missing));
    }

    [Fact]
    public void Corpus_is_not_empty()
    {
        Assert.NotEmpty(Corpus.Scripts());
    }

    private static void Report(string script, bool same, string reason)
    {
        var file = Environment.GetEnvironmentVariable(ReportVariable);
        if (string.IsNullOrEmpty(file)) return;
        lock (ReportLock)
            File.AppendAllText(file, $"{(same ? "PASS" : "FAIL")} {script}\t{reason.Replace('\n', ' ').Replace('\t', ' ')}\n");
    }

    private static string Describe(string script, RunOutcome expected, RunOutcome actual)
    {
        var text = new StringBuilder();
        text.AppendLine($"{script}: tidegate-lua differs from luajit");
        if (actual.TimedOut)
            text.AppendLine($"  tidegate-lua timed out after {Interpreter.Timeout.TotalSeconds} s");
        if (expected.ExitCode != actual.ExitCode)
            text.AppendLine($"  exit status: luajit {expected.ExitCode}, tidegate-lua {actual.ExitCode}");
        if (expected.StderrFirstLine != actual.StderrFirstLine)
        {
            text.AppendLine($"  stderr (luajit):       {expected.StderrFirstLine}");
            text.AppendLine($"  stderr (tidegate-lua): {actual.StderrFirstLine}");
        }
        if (!expected.Stdout.AsSpan().SequenceEqual(actual.Stdout))
            DescribeStdout(text, expected.Stdout, actual.Stdout);
        if (actual.StderrFull.Length > 0 && actual.StderrFull.Contains('\n') && actual.StderrFull.TrimEnd().Contains('\n'))
            text.AppendLine("  full stderr (tidegate-lua):").AppendLine(Indent(Clip(actual.StderrFull, 2000)));
        return text.ToString();
    }

    // Show the first differing line with its neighbours: enough to see the problem without
    // flooding the test log with a whole script's output.
    private static void DescribeStdout(StringBuilder text, byte[] expected, byte[] actual)
    {
        var e = SplitLines(expected);
        var a = SplitLines(actual);
        int i = 0;
        while (i < e.Count && i < a.Count && e[i] == a[i]) i++;
        text.AppendLine($"  stdout first differs at line {i + 1} (luajit {e.Count} lines, tidegate-lua {a.Count} lines)");
        for (int k = Math.Max(0, i - 2); k < i; k++) text.AppendLine($"    same  | {e[k]}");
        text.AppendLine($"    luajit| {(i < e.Count ? e[i] : "<end of output>")}");
        text.AppendLine($"    tidegt| {(i < a.Count ? a[i] : "<end of output>")}");
    }

    // Latin-1 maps each byte to one char, so bytes that are not UTF-8 still compare and print
    // distinctly; non-printable bytes are shown escaped.
    private static List<string> SplitLines(byte[] bytes)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var b in bytes)
        {
            if (b == (byte)'\n') { lines.Add(current.ToString()); current.Clear(); continue; }
            if (b == (byte)'\t') current.Append("\\t");
            else if (b < 32 || b >= 127) current.Append($"\\x{b:X2}");
            else current.Append((char)b);
        }
        if (current.Length > 0) lines.Add(current.ToString());
        return lines;
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "...";
    private static string Indent(string s) => "    " + s.TrimEnd().Replace("\n", "\n    ");
}
