using System.ClientModel;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Alert.Targets;

/// <summary>A failed request in plain words with the server's own message, and whether another attempt could mend
/// it.</summary>
internal static partial class TargetErrors
{
    private const int MaxMessage = 300;

    /// <summary>The failure as a user reads it: <c>HTTP 401 Unauthorized: the server's message</c>, <c>Connection
    /// refused (host:port)</c>, ...</summary>
    public static string Describe(Exception e) => e switch
    {
        TargetProtocolException p => p.Message,
        ClientResultException { Status: > 0 } c =>
            Http(c.Status, c.GetRawResponse()?.ReasonPhrase, c.GetRawResponse()?.Content?.ToString()),
        ClientResultException { InnerException: { } inner } => Describe(inner),
        HttpRequestException h => h.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>The persistent cause of a failure (one no retry mends), with its description; null for transient or
    /// unknown ones.</summary>
    public static (TargetFaultKind Kind, string Detail)? Persistent(Exception e)
    {
        var kind = Kind(e);
        return kind is null ? null : (kind.Value, Describe(Outermost(e)));
    }

    private static TargetFaultKind? Kind(Exception e) => e switch
    {
        TargetUnusableException => null,
        TargetProtocolException => TargetFaultKind.NotProtocol,
        ClientResultException { Status: 401 or 403 } => TargetFaultKind.Unauthorized,
        ClientResultException { Status: 404 } => TargetFaultKind.NotFound,
        ClientResultException { Status: > 0 } => null,
        HttpRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } =>
            TargetFaultKind.Unauthorized,
        HttpRequestException { StatusCode: HttpStatusCode.NotFound } => TargetFaultKind.NotFound,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => TargetFaultKind.Unreachable,
        SocketException
        {
            SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound
            or SocketError.NoData or SocketError.HostUnreachable or SocketError.NetworkUnreachable
        } =>
            TargetFaultKind.Unreachable,
        _ => e.InnerException is { } inner ? Kind(inner) : null,
    };

    /// <summary>The exception that carries the most useful message: a wrapper's own, else the first that names
    /// HTTP.</summary>
    private static Exception Outermost(Exception e) => e switch
    {
        TargetRequestException { InnerException: { } inner } => Outermost(inner),
        ClientResultException { Status: 0, InnerException: { } inner } => Outermost(inner),
        AggregateException { InnerExceptions.Count: 1 } a => Outermost(a.InnerExceptions[0]),
        _ => e,
    };

    private static string Http(int status, string? reason, string? body)
    {
        var head = string.IsNullOrWhiteSpace(reason) ? $"HTTP {status}" : $"HTTP {status} {reason}";
        return ServerMessage(body) is { Length: > 0 } message ? $"{head}: {message}" : head;
    }

    /// <summary>What the server said in an error body: <c>error.message</c>, <c>message</c>, <c>detail</c>, an HTML
    /// page's title, or the text.</summary>
    public static string? ServerMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        var trimmed = body.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                if (JsonNode.Parse(trimmed) is JsonObject o && FromJson(o) is { } fromJson)
                    return Shorten(fromJson);
            }
            catch (JsonException)
            {
            }
        }
        else if (trimmed.StartsWith('<'))
        {
            var title = Title().Match(trimmed);
            return Shorten("an HTML page" + (title.Success
                ? $" titled '{WebUtility.HtmlDecode(title.Groups[1].Value).Trim()}'" : ""));
        }
        return Shorten(trimmed);
    }

    private static string? FromJson(JsonObject o)
    {
        static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? s : null;
        return o["error"] switch
        {
            // A content filter's block keeps its code: attacks count it as the target resisting, not as a failure.
            JsonObject error when Text(error["message"]) is { } m =>
                Text(error["code"]) is "content_filter" ? $"{m} (content_filter)" : m,
            JsonValue error when Text(error) is { } m => m,
            _ => Text(o["message"]) ?? Text(o["detail"])
                ?? (o["detail"] is JsonArray { Count: > 0 } details && details[0] is JsonObject first
                    ? Text(first["msg"]) : null)
                ?? o.ToJsonString(),
        };
    }

    private static string Shorten(string text)
    {
        var line = Whitespace().Replace(text, " ").Trim();
        return line.Length <= MaxMessage ? line : line[..MaxMessage] + "...";
    }

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Title();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
