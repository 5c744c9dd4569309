namespace Tidegate.Lua.Tests.Differential;

/// <summary>
/// The differential corpus on disk: every <c>tests/lua/**/*.lua</c> script, named by its path
/// relative to <c>tests/lua</c> with forward slashes so names are the same on every OS and in
/// known-failures.txt.
/// </summary>
public static class Corpus
{
    public const string KnownFailuresFileName = "known-failures.txt";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The absolute path of <c>tests/lua</c>.</summary>
    public static string Root => LazyRoot.Value;

    public static string KnownFailuresPath => Path.Combine(Root, KnownFailuresFileName);

    public static string FullPath(string script) =>
        Path.Combine(Root, script.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Every script, sorted ordinally so the test order is stable.</summary>
    public static IReadOnlyList<string> Scripts()
    {
        return Directory.EnumerateFiles(Root, "*.lua", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
    }

    // The tests run from bin/<config>/<tfm>/, so walk up until the repository's tests/lua
    // appears; this works from any build configuration and from a copied checkout.
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "lua");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Tidegate.slnx")))
                return candidate;
        }
        throw new DirectoryNotFoundException(
            $"tests/lua not found above {AppContext.BaseDirectory}: the differential corpus must sit in the repository beside Tidegate.slnx");
    }
}
