using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Alert.View;

/// <summary>
/// The local server's gate. Any page on this machine's browser could reach a loopback port, so every request must
/// carry the random token printed with the URL (as <c>?token=</c> once, then as a same-site cookie); requests that
/// change state must also come from the view's own origin, so another site cannot submit a form to it.
/// </summary>
internal sealed class AccessGuard(string token, bool exposed)
{
    /// <summary>The cookie that carries the token after the first visit.</summary>
    public const string CookieName = "alert_view_token";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    /// <summary>Checks one request: true to serve it; false when it wrote a refusal (403) or a redirect.</summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        var request = context.Request;
        if (!exposed && !IsLoopbackHost(request.Host.Host))
            return await RefuseAsync(context, "the Host header does not name this machine");
        if (request.Query.TryGetValue("token", out var given))
        {
            if (!Matches(given.ToString()))
                return await RefuseAsync(context, "wrong access token");
            context.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                IsEssential = true,
            });
            // The token leaves the address bar (and any link copied from it) once the cookie holds it.
            var rest = string.Join('&', request.Query.Where(q => q.Key != "token")
                .Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString())));
            context.Response.Redirect(request.PathBase + request.Path + (rest.Length > 0 ? "?" + rest : ""));
            return false;
        }
        if (!request.Cookies.TryGetValue(CookieName, out var cookie) || !Matches(cookie))
            return await RefuseAsync(context, "no access token: open the address 'alert view' printed");
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !SameOrigin(request))
            return await RefuseAsync(context, "cross-origin request refused");
        return true;
    }

    /// <summary>The request's Origin is this server's own (a browser always sends one with a POST).</summary>
    private static bool SameOrigin(HttpRequest request) =>
        request.Headers.Origin.ToString() is { Length: > 0 } origin
        && string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);

    private static bool IsLoopbackHost(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1";

    private bool Matches(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token);

    private static async Task<bool> RefuseAsync(HttpContext context, string why)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("403 forbidden: " + why + "\n", context.RequestAborted);
        return false;
    }
}
