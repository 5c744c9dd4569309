namespace Tidegate.Web.Logging;

/// <summary>nginx's error-log levels, most severe first (a log set to "warn" writes warn and above).</summary>
public enum LogLevel { Stderr = 0, Emerg = 1, Alert = 2, Crit = 3, Error = 4, Warn = 5, Notice = 6, Info = 7, Debug = 8 }

public static class LogLevels
{
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Stderr => "",
        LogLevel.Emerg => "emerg",
        LogLevel.Alert => "alert",
        LogLevel.Crit => "crit",
        LogLevel.Error => "error",
        LogLevel.Warn => "warn",
        LogLevel.Notice => "notice",
        LogLevel.Info => "info",
        _ => "debug",
    };

    public static bool TryParse(string text, out LogLevel level)
    {
        foreach (LogLevel candidate in Enum.GetValues<LogLevel>())
        {
            if (candidate != LogLevel.Stderr && Name(candidate) == text) { level = candidate; return true; }
        }
        level = LogLevel.Error;
        return false;
    }
}
