using System.Globalization;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Http;
using Tidegate.Web.Lua.Api;
using Tidegate.Web.Subrequests;

namespace Tidegate.Web.Lua.Subrequests;

/// <summary>
/// The table ngx.location.capture returns for a finished subrequest: <c>status</c>, <c>header</c>
/// (a repeated header becomes a list of its values; Content-Type, Content-Length and Last-Modified
/// from their fields, as ngx_lua adds them after the list; a Content-Length set as a header is its
/// text), <c>body</c> and <c>truncated</c>.
/// </summary>
public static class CaptureResult
{
    public static LuaTable Build(RequestContext child)
    {
        var channel = (SubrequestChannel)child.Channel;
        var response = child.Response;
        int status = response.Status;
        bool truncated = channel.EndedAtSpecialResponse || channel.Aborted;
        // ngx.exit(ngx.ERROR): the subrequest ends without a response, which ngx_lua reports as a 500.
        if (response.CloseWithoutResponse && status != 444 && !channel.Aborted)
        {
            status = 500;
            truncated = true;
        }
        // A response without a body part never sends the last buffer the capture waits for.
        if (child.Request.Method == "HEAD" || status is 204 or 304) truncated = true;

        var result = new LuaTable(0, 4);
        result["status"] = status;
        result["header"] = Headers(child);
        result["body"] = LuaString.FromBytes(channel.CapturedBody);
        result["truncated"] = truncated;
        return result;
    }

    private static LuaTable Headers(RequestContext child)
    {
        var response = child.Response;
        var table = new LuaTable();
        foreach (var h in response.Headers) NgxReqApi.AddValue(table, NgxApi.Str(h.Key), NgxApi.Str(h.Value));
        if (response.Location is { } location) NgxReqApi.AddValue(table, NgxApi.Str("Location"), NgxApi.Str(location));
        // ngx_lua sets a subrequest's type from its location's types/default_type when it has none.
        string? type = response.ContentType ?? ContentTypes.For(child.Request.Path, child.Settings);
        if (!string.IsNullOrEmpty(type)) table["Content-Type"] = NgxApi.Str(type);
        // ngx_lua lists a Content-Length header entry (one a Lua handler set) as its text, and otherwise
        // the length nginx computed as a number.
        if (response.ContentLength is long length)
            table["Content-Length"] = response.ContentLengthHeader is { } header && header.Value == length ? NgxApi.Str(header.Text) : (double)length;
        if (response.LastModified is { } modified && response.Status is 200 or 206 or 304 or 204)
            table["Last-Modified"] = NgxApi.Str(modified.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture));
        return table;
    }
}
