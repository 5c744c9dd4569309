namespace Tidegate.Web.Config;

/// <summary>
/// A configuration error, worded as nginx words it; <see cref="Exception.Message"/> already
/// carries the " in FILE:LINE" suffix, so it is logged as "[emerg] " + Message.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message) : base(message) { }

    public static ConfigException At(string message, ConfigSource source, int line) =>
        new(message + source.Describe(line));

    public static ConfigException At(string message, ConfigDirective directive) =>
        new(message + directive.Where);
}
