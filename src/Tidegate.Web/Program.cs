namespace Tidegate.Web;

/// <summary>The `tidegate` executable's entry point.</summary>
public static class Program
{
    public static int Main(string[] args) => Cli.ProcessHost.Execute(args);
}
