namespace Tidegate.Web.Cli;

/// <summary>The configuration `tidegate` runs with no arguments: a welcome page on 127.0.0.1:8080, in the foreground.</summary>
public static class DefaultConfig
{
    public const string PretendPath = "(built-in default configuration)";

    public static string Text(string pidPath) => $$"""
        daemon off;
        master_process off;
        worker_processes 1;
        error_log stderr notice;
        pid {{pidPath}};
        events { worker_connections 1024; }
        http {
            access_log off;
            server {
                listen 127.0.0.1:8080;
                server_name localhost;
                location / {
                    default_type text/html;
                    return 200 "<!DOCTYPE html>
        <html>
        <head><title>Welcome to tidegate!</title></head>
        <body>
        <h1>Welcome to tidegate!</h1>
        <p>If you see this page, the tidegate web server is installed and working.
        Run it with your own nginx.conf: <code>tidegate -p DIR -c conf/nginx.conf</code>.</p>
        </body>
        </html>
        ";
                }
            }
        }
        """;
}
